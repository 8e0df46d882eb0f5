import { spawn } from 'node:child_process';
import { remoteHeadline } from '../../shared/remote.js';
import { checkHost } from '../../core/remote/check-host.js';
import { remoteCheckDeps } from '../../core/remote/deps.js';
import { authorizeUrlIn, loginArgs, openMaster, setForward } from '../../core/remote/login.js';
import { sshFailure } from '../../core/remote/ssh.js';
import { resolveOs } from '../../core/io/os.js';
import { EXIT, exitCodeFor } from '../exit-codes.js';
import { openBrowser } from '../open-browser.js';
import { parseCommandArgs, UsageError } from '../usage.js';
import { toolVersion } from '../version.js';
import { bundledDoctorPath, DEFAULT_REMOTE_TIMEOUT_MS } from './check.js';
import { cliHostList } from './common.js';

/** Only what the terminal showed last is kept, in memory, to find the URL; never logged or stored. */
const WINDOW = 16 * 1024;

const say = (text: string): void => void process.stderr.write(`\r\n[claude-auth-doctor] ${text}\r\n`);

/** Runs `claude auth login` on the host in this terminal, watching for the authorize URL. Resolves with claude's exit code. */
function interactiveLogin(
  ssh: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  onUrl: (text: string) => Promise<void>,
): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(ssh, args, { env, stdio: ['pipe', 'pipe', 'inherit'] });
    const stdin = process.stdin;
    const raw = stdin.isTTY === true;
    if (raw) stdin.setRawMode(true);
    const forward = (chunk: Buffer): void => void child.stdin.write(chunk);
    stdin.on('data', forward);
    stdin.resume();
    let seen = '';
    let found = false;
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      if (found) return;
      seen = (seen + chunk.toString('utf8')).slice(-WINDOW);
      if (authorizeUrlIn(seen)) {
        found = true;
        void onUrl(seen);
        seen = '';
      }
    });
    child.stdin.on('error', () => undefined);
    child.on('error', () => resolve(null));
    child.on('close', (code) => {
      stdin.off('data', forward);
      if (raw) stdin.setRawMode(false);
      stdin.pause();
      resolve(code);
    });
  });
}

export async function runRemoteLogin(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    options: {
      'setup-token': { type: 'boolean', default: false },
      undo: { type: 'boolean', default: false },
      'no-open': { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) throw new UsageError('remote login takes one host name (see: claude-auth-doctor remote list).');
  const name = positionals[0] ?? '';
  const host = (await cliHostList().read()).find((h) => h.name === name);
  if (!host) throw new UsageError(`No host is named "${name}" (see: claude-auth-doctor remote list).`);
  if (values['setup-token'] === true || values['undo'] === true)
    return (await import('./setup-token.js')).runSetupToken(host, values['undo'] === true);
  const deps = await remoteCheckDeps({
    env: process.env,
    os: resolveOs(process.platform),
    reuse: true,
    version: toolVersion(),
    bundlePath: bundledDoctorPath(),
  });
  const master = await openMaster(deps.runner, deps.ssh, host.destination, DEFAULT_REMOTE_TIMEOUT_MS);
  if (master.code !== 0) {
    process.stderr.write(`claude-auth-doctor: cannot reach ${host.name}: ${sshFailure(master, DEFAULT_REMOTE_TIMEOUT_MS)}\n`);
    return EXIT.fail;
  }
  let forwarded: number | null = null;
  const onUrl = async (text: string): Promise<void> => {
    const found = authorizeUrlIn(text);
    if (!found) return;
    if (found.callbackPort !== null && (await setForward(deps.runner, deps.ssh, host.destination, found.callbackPort, true))) {
      forwarded = found.callbackPort;
      say(`localhost:${found.callbackPort} here now leads to claude on ${host.name}: the browser's redirect finishes the sign-in there.`);
    } else {
      say(`After you sign in, the page shows a code: paste it here. It goes straight to claude on ${host.name}, never stored.`);
    }
    if (values['no-open'] !== true) {
      openBrowser(found.url);
      say('Opened the sign-in page in your browser (if not, open the link above).');
    }
  };
  say(`Running "claude auth login" on ${host.name} (${host.destination}).`);
  const code = await interactiveLogin(deps.ssh.ssh, loginArgs(deps.ssh, host.destination), process.env, onUrl);
  if (forwarded !== null) await setForward(deps.runner, deps.ssh, host.destination, forwarded, false);
  if (code !== 0) {
    process.stderr.write(`claude-auth-doctor: claude auth login on ${host.name} ended with code ${code ?? 'none'}.\n`);
    return EXIT.fail;
  }
  const result = await checkHost(host, deps, DEFAULT_REMOTE_TIMEOUT_MS);
  process.stdout.write(`${host.name}: ${result.overall} — ${remoteHeadline(result, Date.now())}\n`);
  return exitCodeFor(result.overall);
}
