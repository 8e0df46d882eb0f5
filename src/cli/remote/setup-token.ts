import type { RemoteHost } from '../../shared/remote.js';
import { Secret } from '../../core/redact/redact.js';
import { createFileSystem } from '../../core/io/fs.js';
import { resolveOs } from '../../core/io/os.js';
import { remoteCheckDeps } from '../../core/remote/deps.js';
import { checkedWiring, SETUP_TOKEN_SHAPE, tokenWriteCommand, UNDO_SCRIPT, wiringScript } from '../../core/remote/setup-token.js';
import { runOnHost, sshFailure } from '../../core/remote/ssh.js';
import { EXIT } from '../exit-codes.js';
import { toolVersion } from '../version.js';

const MAX_TOKEN_BYTES = 4096;
const TIMEOUT_MS = 30_000;

/** The token from stdin: typed without echo on a terminal, or piped (`claude setup-token | …` prints more; the token line is picked). */
async function readToken(): Promise<Secret | null> {
  const stdin = process.stdin;
  if (stdin.isTTY) process.stderr.write('Paste the token "claude setup-token" printed (not shown), then Enter: ');
  const chunks: Buffer[] = [];
  let size = 0;
  if (stdin.isTTY) stdin.setRawMode(true);
  const text = await new Promise<string>((resolve) => {
    const done = (): void => {
      stdin.off('data', onData);
      stdin.off('end', done);
      if (stdin.isTTY) stdin.setRawMode(false);
      stdin.pause();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= MAX_TOKEN_BYTES) chunks.push(chunk);
      if (stdin.isTTY && (chunk.includes(13) || chunk.includes(10) || chunk.includes(3))) done();
    };
    stdin.on('data', onData);
    stdin.on('end', done);
    stdin.resume();
  });
  if (stdin.isTTY) process.stderr.write('\n');
  const token = text.split(/[\s]+/).find((word) => SETUP_TOKEN_SHAPE.test(word));
  return token ? new Secret(token) : null;
}

const EXPLAIN = `A setup token signs Claude Code in for inference only (no claude.ai account actions), for one
year, with no refresh token: nothing else can log this host out, and nothing renews it.
Never copy a login's refresh token between machines instead: two holders of one rotating
token family log each other out.
`;

export async function runSetupToken(host: RemoteHost, undo: boolean): Promise<number> {
  const deps = await remoteCheckDeps({
    env: process.env,
    os: resolveOs(process.platform),
    reuse: true,
    version: toolVersion(),
    bundlePath: null,
  });
  const run = (command: string, input: string) =>
    runOnHost(deps.runner, deps.ssh, host.destination, command, { timeoutMs: TIMEOUT_MS, input });
  if (undo) {
    const result = await run('sh -s', UNDO_SCRIPT);
    if (result.code !== 0) {
      process.stderr.write(`claude-auth-doctor: undo on ${host.name} failed: ${sshFailure(result, TIMEOUT_MS)}\n`);
      return EXIT.fail;
    }
    const lines = result.stdout.split('\n').filter((l) => /^cad-(restored|removed) /.test(l));
    process.stdout.write(
      lines.length > 0
        ? `On ${host.name}: ${lines.map((l) => l.replace(/^cad-restored /, 'put back ').replace(/^cad-removed /, 'removed ')).join('; ')}.\n`
        : `Nothing to undo on ${host.name}.\n`,
    );
    return EXIT.ok;
  }
  const token = await readToken();
  if (token === null) {
    process.stderr.write(
      'claude-auth-doctor: no setup token on stdin (sk-ant-oat01-…). Run "claude setup-token" here, then paste what it prints, or pipe it in.\n',
    );
    return EXIT.usage;
  }
  const wiring = await checkedWiring({ runner: deps.runner, fs: createFileSystem() });
  const stamp = String(Date.now());
  const written = await run(tokenWriteCommand(stamp), `${token.reveal()}\n`);
  if (!written.stdout.includes('cad-token-written')) {
    process.stderr.write(`claude-auth-doctor: the token could not be written on ${host.name}: ${sshFailure(written, TIMEOUT_MS)}\n`);
    return EXIT.fail;
  }
  const wired = await run('sh -s', wiringScript(stamp, wiring));
  const rc = /^cad-rc (.+)$/m.exec(wired.stdout)?.[1] ?? 'the start-up file';
  const notes = [`~/.claude/oauth-token written (0600, ${token.fingerprint})`];
  if (wired.stdout.includes('cad-rc-written')) notes.push(`${rc} reads it into CLAUDE_CODE_OAUTH_TOKEN (backed up first)`);
  else if (wired.stdout.includes('cad-rc-already')) notes.push(`${rc} already reads it`);
  else
    notes.push(
      `${rc} was NOT changed (${wired.stdout.includes('cad-rc-syntax-failed') ? 'the edited file failed the shell syntax check' : sshFailure(wired, TIMEOUT_MS)})`,
    );
  if (wired.stdout.includes('cad-onboarding-written')) notes.push('~/.claude.json has hasCompletedOnboarding');
  process.stdout.write(
    `On ${host.name}:\n${notes.map((n) => `  - ${n}\n`).join('')}${EXPLAIN}Undo: claude-auth-doctor remote login ${host.name} --undo\n`,
  );
  return wired.stdout.includes('cad-rc-written') || wired.stdout.includes('cad-rc-already') ? EXIT.ok : EXIT.fail;
}
