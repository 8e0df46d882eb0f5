/**
 * `remote login` end to end against a real sshd, with a stub `claude` on the host that prints an
 * authorize URL and either listens on a localhost callback port or asks for a pasted code; and
 * `--setup-token` (a 0600 token file, a valid rc line, undone byte for byte). For the forward, the
 * laptop side runs in a network namespace of its own (unshare -n) and reaches sshd through a unix
 * socket: the host's callback port is then reachable from the "browser" only through the forward.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliCommand, runCli } from '../helpers/cli.js';
import { closedPort } from '../helpers/servers.js';
import { startSshd, SSHD_SKIP, type Sshd } from '../helpers/sshd.js';
import { CANARY, oauthCredentials } from '../helpers/world.js';

const UNSHARE = spawnSync('unshare', ['-n', 'true']).status === 0;
const SKIP = SSHD_SKIP ? { skip: SSHD_SKIP } : {};
const FORWARD_SKIP = SSHD_SKIP
  ? { skip: SSHD_SKIP }
  : UNSHARE
    ? {}
    : { skip: 'unshare -n (a network namespace for the laptop side) is not available' };
const SETUP_TOKEN = 'sk-ant-oat01-FAKE-setup-token-CANARY-0123456789abcdefghijklmnop';

/** The host's claude: `auth login` prints an authorize URL, then takes the callback (forward) or a pasted code, and writes a fresh login. */
const STUB_CLAUDE = `#!/usr/bin/node
const fs = require('fs'), http = require('http'), path = require('path'), readline = require('readline');
const args = process.argv.slice(2).join(' ');
if (args === '--version') { console.log('2.1.332 (Claude Code)'); process.exit(0); }
if (args !== 'auth login') { console.error('stub claude: unexpected ' + args); process.exit(2); }
const mode = process.env.STUB_LOGIN_MODE, port = Number(process.env.STUB_LOGIN_PORT);
const creds = path.join(process.env.HOME, '.claude', '.credentials.json');
function signIn(code) {
  const now = Date.now();
  fs.writeFileSync(creds, JSON.stringify({ claudeAiOauth: { accessToken: 'sk-ant-oat01-FAKE-fresh-' + code.replace(/[^A-Za-z0-9]/g, '') + '-0123456789', refreshToken: 'sk-ant-ort01-FAKE-fresh-0123456789abcdefghij', expiresAt: now + 8 * 3600e3, refreshTokenExpiresAt: now + 29 * 86400e3, scopes: ['user:inference', 'user:profile'], subscriptionType: 'max' } }), { mode: 0o600 });
  console.log('Login successful.');
}
const redirect = mode === 'forward' ? 'http://localhost:' + port + '/callback' : 'https://platform.claude.com/oauth/code/callback';
console.log("Browser didn't open? Use the url below to sign in:\\n");
console.log('https://claude.com/cai/oauth/authorize?code=true&client_id=9d1c250a-e61b-44d9-88ed-5944d1962f5e&response_type=code&redirect_uri=' + encodeURIComponent(redirect) + '&scope=user%3Ainference&state=STATE42\\n');
if (mode === 'forward') {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname !== '/callback' || url.searchParams.get('state') !== 'STATE42') { res.writeHead(400); res.end('bad'); return; }
    res.writeHead(200); res.end('Login successful; you can close this page');
    signIn(url.searchParams.get('code') || '');
    server.close(() => process.exit(0));
  });
  server.listen(port, '127.0.0.1');
} else {
  const rl = readline.createInterface({ input: process.stdin });
  process.stdout.write('Paste code here if prompted > ');
  rl.once('line', (line) => { if (!/^FAKE-PASTED-[A-Za-z0-9]+$/.test(line.trim())) { console.log('bad code'); process.exit(1); } signIn(line.trim()); process.exit(0); });
}
`;

/** The laptop's "browser": follows the authorize URL's redirect with a code, as the sign-in page would. */
const BROWSER = `#!/usr/bin/node
const url = new URL(process.argv[2]);
const redirect = new URL(url.searchParams.get('redirect_uri'));
require('fs').writeFileSync(process.env.BROWSER_LOG, 'opened ' + redirect.origin + '\\n', { flag: 'a' });
if (redirect.hostname !== 'localhost') process.exit(0);
redirect.searchParams.set('code', 'FAKEBROWSERCODE');
redirect.searchParams.set('state', url.searchParams.get('state'));
fetch(redirect).then(async (r) => require('fs').writeFileSync(process.env.BROWSER_LOG, r.status + ' ' + (await r.text()) + '\\n', { flag: 'a' }), (e) => require('fs').writeFileSync(process.env.BROWSER_LOG, 'error ' + e.cause + '\\n', { flag: 'a' }));
`;

let sshd: Sshd;
let laptop: string;
let runtime: string;
let env: NodeJS.ProcessEnv;
let credentials: string;
let relay: net.Server;

/** The CLI on the laptop side, optionally in a network namespace of its own; `input` is written and stdin kept open until it exits. */
function laptopCli(
  args: string[],
  options: { netns: boolean; input?: string },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { file, args: prefix } = cliCommand();
  const argv = options.netns ? ['-n', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', file, ...prefix, ...args] : [...prefix, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(options.netns ? 'unshare' : file, argv, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
    if (options.input) child.stdin.write(options.input);
  });
}

describe('remote login over a real sshd', SKIP, () => {
  before(async () => {
    sshd = await startSshd();
    laptop = await mkdtemp(join(tmpdir(), 'cad-laptop-'));
    runtime = await mkdtemp('/tmp/cad-rt-');
    credentials = await sshd.writeHomeFile(
      '.claude/.credentials.json',
      JSON.stringify(oauthCredentials({ refreshTokenExpiresAt: Date.now() + 86400e3 })),
      0o600,
    );
    await sshd.writeHomeFile('bin-login/claude', STUB_CLAUDE, 0o755);
    // The laptop namespace reaches sshd only through this unix socket (ProxyCommand).
    const socket = join(laptop, 'sshd.sock');
    relay = net.createServer((client) => {
      const upstream = net.connect(sshd.port, '127.0.0.1');
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(socket, resolve));
    const bridge = join(laptop, 'bridge.mjs');
    await writeFile(
      bridge,
      `import net from 'node:net';\nconst s = net.connect(process.argv[2]);\nprocess.stdin.pipe(s).pipe(process.stdout);\ns.on('close', () => process.exit(0));\n`,
    );
    const config = join(laptop, 'ssh_config');
    const hostKey = (await readFile(join(sshd.dir, 'host_key.pub'), 'utf8')).split(' ').slice(0, 2).join(' ');
    await writeFile(join(laptop, 'known_hosts'), `vps-1 ${hostKey}\n`);
    await writeFile(
      config,
      [
        'Host vps-1',
        `  ProxyCommand ${process.execPath} ${bridge} ${socket}`,
        '  HostKeyAlias vps-1',
        `  User ${sshd.user}`,
        `  IdentityFile ${join(sshd.dir, 'id_ed25519')}`,
        '  IdentitiesOnly yes',
        '  IdentityAgent none',
        `  UserKnownHostsFile ${join(laptop, 'known_hosts')}`,
        '  StrictHostKeyChecking yes',
        '',
      ].join('\n'),
    );
    const browser = join(laptop, 'browser');
    await writeFile(browser, BROWSER);
    await chmod(browser, 0o755);
    env = {
      PATH: process.env['PATH'],
      HOME: laptop,
      NO_COLOR: '1',
      BROWSER: browser,
      BROWSER_LOG: join(laptop, 'browser.log'),
      CLAUDE_AUTH_DOCTOR_CONFIG_DIR: join(laptop, 'config'),
      CLAUDE_AUTH_DOCTOR_RUNTIME_DIR: runtime,
      CLAUDE_AUTH_DOCTOR_SSH_CONFIG: config,
    };
    assert.equal((await runCli(['remote', 'add', 'vps-1'], { env })).code, 0);
  });
  after(async () => {
    spawnSync('ssh', ['-F', env['CLAUDE_AUTH_DOCTOR_SSH_CONFIG'] ?? '', '-o', `ControlPath=${runtime}/%C`, '-O', 'exit', 'vps-1'], {
      stdio: 'ignore',
      timeout: 5000,
    });
    await new Promise((r) => relay?.close(r));
    await sshd?.stop();
    await rm(laptop, { recursive: true, force: true });
    await rm(runtime, { recursive: true, force: true });
  });

  async function hostEnv(mode: 'forward' | 'paste', port: number): Promise<void> {
    await sshd.setEnvironment({
      PATH: `${join(sshd.home, 'bin-login')}:/usr/bin:/bin`,
      STUB_LOGIN_MODE: mode,
      STUB_LOGIN_PORT: String(port),
      CLAUDE_AUTH_DOCTOR_API_URL: 'http://127.0.0.1:9',
      CLAUDE_AUTH_DOCTOR_AUTH_URL: 'http://127.0.0.1:9',
      CLAUDE_AUTH_DOCTOR_STATUS_URL: 'http://127.0.0.1:9',
    });
  }

  test('the browser on the laptop follows the redirect through the forwarded port to claude on the host', FORWARD_SKIP, async () => {
    await hostEnv('forward', await closedPort());
    await rm(env['BROWSER_LOG'] ?? '', { force: true });
    const run = await laptopCli(['remote', 'login', 'vps-1'], { netns: true });
    // The host's own check cannot reach Anthropic from this sandbox: its token check is unknown (exit 1).
    assert.equal(run.code, 1, run.stderr + run.stdout);
    assert.match(run.stderr, /now leads to claude on vps-1/);
    assert.match(await readFile(env['BROWSER_LOG'] ?? '', 'utf8'), /^200 Login successful/m);
    const stored = await readFile(credentials, 'utf8');
    assert.match(stored, /FAKE-fresh-FAKEBROWSERCODE/);
    assert.match(run.stdout, /vps-1: unknown — login ends in 2[89] d/);
    assert.ok(!run.stdout.includes('sk-ant-') && !run.stderr.includes('sk-ant-'), 'no token in the transcript');
  });

  test('when the redirect goes to the paste-code page, the pasted code reaches claude on the host', async () => {
    await hostEnv('paste', 0);
    await rm(env['BROWSER_LOG'] ?? '', { force: true });
    const run = await laptopCli(['remote', 'login', 'vps-1'], { netns: false, input: 'FAKE-PASTED-abc123\n' });
    assert.equal(run.code, 1, run.stderr + run.stdout);
    assert.match(run.stderr, /paste it here/);
    assert.match(await readFile(env['BROWSER_LOG'] ?? '', 'utf8'), /opened https:\/\/platform.claude.com/);
    assert.match(await readFile(credentials, 'utf8'), /FAKE-fresh-FAKEPASTEDabc123/);
    assert.match(run.stdout, /vps-1: unknown — login ends in 2[89] d/);
  });

  test('--setup-token: the token from stdin lands in a 0600 file, the rc line reads it, undo puts everything back', async () => {
    await hostEnv('paste', 0);
    const profile = await sshd.writeHomeFile('.profile', "# the user's own profile\nexport EDITOR=vi\n", 0o644);
    const before = await readFile(profile);
    const run = await runCli(['remote', 'login', 'vps-1', '--setup-token'], { env, input: `${SETUP_TOKEN}\n` });
    assert.equal(run.code, 0, run.stderr + run.stdout);
    assert.ok(!run.stdout.includes(SETUP_TOKEN) && !run.stderr.includes(SETUP_TOKEN), 'the token is never printed');
    assert.match(run.stdout, /inference only/);
    const tokenFile = join(sshd.home, '.claude', 'oauth-token');
    assert.equal((await readFile(tokenFile, 'utf8')).trim(), SETUP_TOKEN);
    assert.equal((await stat(tokenFile)).mode & 0o777, 0o600);
    const edited = await readFile(profile, 'utf8');
    assert.ok(edited.startsWith(before.toString()), 'the original lines are kept');
    assert.ok(!edited.includes(SETUP_TOKEN), 'the rc file holds no token');
    assert.equal((await stat(profile)).mode & 0o777, 0o644, 'mode kept');
    assert.equal(spawnSync('sh', ['-n', profile]).status, 0);
    const seen = spawnSync('su', ['-s', '/bin/sh', '-c', '. "$HOME/.profile"; printf %s "$CLAUDE_CODE_OAUTH_TOKEN"', sshd.user], {
      encoding: 'utf8',
    });
    assert.equal(seen.stdout, SETUP_TOKEN, 'a login shell on the host gets the token');
    assert.match(await readFile(join(sshd.home, '.claude.json'), 'utf8'), /"hasCompletedOnboarding":\s*true/);
    for (const file of [join(laptop, 'config', 'remote-hosts.json')]) assert.ok(!(await readFile(file, 'utf8')).includes('CANARY'));

    const undo = await runCli(['remote', 'login', 'vps-1', '--undo'], { env });
    assert.equal(undo.code, 0, undo.stderr);
    assert.deepEqual(await readFile(profile), before, 'the profile is back byte for byte');
    await assert.rejects(stat(tokenFile), /ENOENT/);
    await assert.rejects(stat(join(sshd.home, '.claude.json')), /ENOENT/);
    assert.ok(!CANARY.access.includes(SETUP_TOKEN));
  });

  test('--setup-token refuses what is not a setup token, and changes nothing', async () => {
    const run = await runCli(['remote', 'login', 'vps-1', '--setup-token'], { env, input: 'not-a-token\n' });
    assert.equal(run.code, 3);
    assert.match(run.stderr, /no setup token on stdin/);
    await assert.rejects(stat(join(sshd.home, '.claude', 'oauth-token')), /ENOENT/);
  });
});
