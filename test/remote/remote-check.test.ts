/**
 * `remote add|list|remove|check` end to end against a real OpenSSH server on loopback: the CLI as a
 * user runs it, the system ssh client, a throwaway user whose Claude Code login holds canary
 * tokens. Each of the three ways (installed doctor, streamed doctor, shell probe), the sweep that
 * refuses a leaking answer, unreachable hosts bounded and named, and connection reuse (sshd's own
 * log counts the logins).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RemoteCheckOutput } from '../../src/shared/remote.js';
import { runCli } from '../helpers/cli.js';
import { closedPort, startBlackhole, type RunningServer } from '../helpers/servers.js';
import { startSshd, SSHD_SKIP, type Sshd } from '../helpers/sshd.js';
import { makeStubClaude } from '../helpers/stub-claude.js';
import { CANARY, oauthCredentials } from '../helpers/world.js';

const SKIP = SSHD_SKIP ? { skip: SSHD_SKIP } : {};
const repo = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../..' : '../../..', import.meta.url));
const TOOLS = ['sh', 'sed', 'grep', 'head', 'tr', 'cat', 'stat', 'uname'];

let sshd: Sshd;
let laptop: string;
let runtime: string;
let env: NodeJS.ProcessEnv;
let credentials: string;
let blackhole: RunningServer;
let refusedPort: number;

const sha = async (path: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

async function cli(args: string[], timeoutMs = 60_000) {
  return runCli(args, { env, timeoutMs });
}

async function checkJson(args: string[]): Promise<{ code: number | null; out: RemoteCheckOutput; raw: string; stderr: string }> {
  const run = await cli(['remote', 'check', '--json', ...args]);
  assert.equal(run.stderr.includes(CANARY.access) || run.stderr.includes(CANARY.refresh), false, 'no canary on stderr');
  return { code: run.code, out: JSON.parse(run.stdout) as RemoteCheckOutput, raw: run.stdout, stderr: run.stderr };
}

/** The host's PATH: a bin of its own (stub claude, maybe a doctor), with or without the system's node. */
async function hostPath(kind: 'installed' | 'streamed' | 'shell' | 'leaky' | 'hostile'): Promise<void> {
  const bin = join(sshd.home, `bin-${kind}`);
  await rm(bin, { recursive: true, force: true });
  await makeStubClaude(bin, { version: '2.1.332' });
  spawnSync('chown', ['-R', `${sshd.uid}`, bin]);
  if (kind === 'installed')
    await sshd.writeHomeFile(
      `bin-${kind}/claude-auth-doctor`,
      `#!/bin/sh\nexec /usr/bin/node ${join(repo, 'dist/cli/main.js')} "$@"\n`,
      0o755,
    );
  if (kind === 'leaky')
    await sshd.writeHomeFile(
      `bin-${kind}/claude-auth-doctor`,
      `#!/bin/sh\necho '{"schemaVersion":1,"overall":"ok","checks":[],"facts":{},"leak":"${CANARY.refresh}"}'\n`,
      0o755,
    );
  if (kind === 'hostile')
    await sshd.writeHomeFile(
      `bin-${kind}/claude-auth-doctor`,
      `#!/bin/sh\necho '{"schemaVersion":1,"overall":"fail","checks":[{"id":"auth.token","status":"fail","title":"Token","summary":"\\u001b]0;pwned\\u0007\\u001b[2Jgone"}],"facts":{},"plan":[]}'\n`,
      0o755,
    );
  if (kind === 'shell') {
    for (const tool of TOOLS)
      await symlink(spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim(), join(bin, tool));
  }
  const closed = `http://127.0.0.1:${refusedPort}`;
  await sshd.setEnvironment({
    PATH: kind === 'shell' ? bin : `${bin}:/usr/bin:/bin`,
    CLAUDE_AUTH_DOCTOR_API_URL: closed,
    CLAUDE_AUTH_DOCTOR_AUTH_URL: closed,
    CLAUDE_AUTH_DOCTOR_STATUS_URL: closed,
  });
}

describe('remote hosts over a real sshd', SKIP, () => {
  before(async () => {
    sshd = await startSshd();
    laptop = await mkdtemp(join(tmpdir(), 'cad-laptop-'));
    runtime = await mkdtemp('/tmp/cad-rt-');
    blackhole = await startBlackhole();
    refusedPort = await closedPort();
    env = {
      PATH: process.env['PATH'],
      HOME: laptop,
      NO_COLOR: '1',
      CLAUDE_AUTH_DOCTOR_CONFIG_DIR: join(laptop, 'config'),
      CLAUDE_AUTH_DOCTOR_DATA_DIR: join(laptop, 'data'),
      CLAUDE_AUTH_DOCTOR_RUNTIME_DIR: runtime,
      CLAUDE_AUTH_DOCTOR_SSH_CONFIG: sshd.clientConfig,
    };
    credentials = await sshd.writeHomeFile('.claude/.credentials.json', JSON.stringify(oauthCredentials()), 0o600);
  });
  after(async () => {
    for (const alias of sshd?.aliases ?? [])
      spawnSync('ssh', ['-F', sshd.clientConfig, '-o', `ControlPath=${runtime}/%C`, '-O', 'exit', alias], {
        stdio: 'ignore',
        timeout: 5000,
      });
    await blackhole?.close();
    await sshd?.stop();
    await rm(laptop, { recursive: true, force: true });
    await rm(runtime, { recursive: true, force: true });
  });

  test('add, list, remove: the list the tray shares', async () => {
    for (const alias of ['host-1', 'host-2', 'host-3']) assert.equal((await cli(['remote', 'add', alias])).code, 0);
    assert.equal((await cli(['remote', 'add', `ssh://${sshd.user}@127.0.0.1:${blackhole.port}`, '--name', 'blackhole'])).code, 0);
    const refused = await cli(['remote', 'add', '--name', 'evil', '--', '-oProxyCommand=touch /tmp/x']);
    assert.equal(refused.code, 3);
    assert.match(refused.stderr, /starts with "-", which ssh would read as an option/);
    const list = await cli(['remote', 'list']);
    assert.match(list.stdout, /^host-1 +host-1$/m);
    const json = JSON.parse((await cli(['remote', 'list', '--json'])).stdout) as { hosts: { name: string }[] };
    assert.deepEqual(
      json.hosts.map((h) => h.name),
      ['host-1', 'host-2', 'host-3', 'blackhole'],
    );
    assert.equal((await cli(['remote', 'remove', 'blackhole'])).code, 0);
    assert.equal((await cli(['remote', 'remove', 'blackhole'])).code, 3);
  });

  test('via the installed doctor: its own check --json comes back whole', async () => {
    await hostPath('installed');
    const before = await sha(credentials);
    const { out, raw } = await checkJson(['host-1']);
    const host = out.hosts[0];
    assert.equal(host?.via, 'installed', host?.error ?? '');
    assert.equal(host?.report?.tool.name, 'claude-auth-doctor');
    assert.equal(host?.report?.context.ssh, true);
    assert.equal(host?.report?.facts.login?.store, 'file');
    assert.ok(!raw.includes('CANARY'), 'no canary token in the output');
    assert.equal(await sha(credentials), before, 'the host credentials are untouched');
  });

  test('via the doctor streamed to the host node: nothing installed, nothing left behind', async () => {
    await hostPath('streamed');
    const homeBefore = await readdir(sshd.home);
    const credentialsBefore = await sha(credentials);
    const { out, raw } = await checkJson(['host-2']);
    const host = out.hosts[0];
    assert.equal(host?.via, 'streamed', host?.error ?? '');
    assert.equal(host?.report?.tool.version, JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')).version);
    assert.ok(host?.report?.checks.some((c) => c.id === 'auth.credentials'));
    assert.ok(!raw.includes('CANARY'));
    assert.deepEqual(await readdir(sshd.home), homeBefore, 'no file left in the home');
    assert.equal(await sha(credentials), credentialsBefore, 'the host credentials are untouched');
  });

  test('via the POSIX-shell probe when the host has no node: times, presence and mode, never a token', async () => {
    await hostPath('shell');
    const before = await sha(credentials);
    const { code, out, raw } = await checkJson(['host-3']);
    const host = out.hosts[0];
    assert.equal(host?.via, 'shell', host?.error ?? '');
    const login = host?.report?.facts.login;
    assert.equal(login?.store, 'file');
    assert.equal(login?.hasAccessToken, true);
    assert.equal(login?.hasRefreshToken, true);
    const stored = JSON.parse(await readFile(credentials, 'utf8')) as {
      claudeAiOauth: { refreshTokenExpiresAt: number; expiresAt: number };
    };
    assert.equal(login?.endsAt, new Date(stored.claudeAiOauth.refreshTokenExpiresAt).toISOString());
    assert.equal(host?.report?.facts.token?.expiresAt, new Date(stored.claudeAiOauth.expiresAt).toISOString());
    assert.equal(host?.report?.facts.claude?.version, '2.1.332');
    assert.equal(host?.overall, 'ok');
    assert.equal(code, 0);
    assert.ok(!raw.includes('CANARY'));
    assert.equal(await sha(credentials), before);
  });

  test('the shell probe names a world-readable credentials file and a missing login (exit 2)', async () => {
    await hostPath('shell');
    spawnSync('chmod', ['644', credentials]);
    try {
      const wide = await checkJson(['host-3']);
      assert.equal(wide.out.hosts[0]?.overall, 'warn');
      assert.match(JSON.stringify(wide.out.hosts[0]?.report?.checks), /mode 644/);
      assert.equal(wide.code, 1);
    } finally {
      spawnSync('chmod', ['600', credentials]);
    }
    spawnSync('mv', [credentials, `${credentials}.aside`]);
    try {
      const none = await checkJson(['host-3']);
      assert.equal(none.out.hosts[0]?.overall, 'fail');
      assert.equal(none.code, 2);
    } finally {
      spawnSync('mv', [`${credentials}.aside`, credentials]);
    }
  });

  test('an answer holding a token shape is refused: not shown, not stored', async () => {
    await hostPath('leaky');
    const run = await cli(['remote', 'check', 'host-1']);
    const json = await checkJson(['host-1']);
    const host = json.out.hosts[0];
    assert.equal(host?.report, null);
    assert.match(host?.error ?? '', /shaped like a token; it was dropped/);
    for (const text of [run.stdout, run.stderr, json.raw]) assert.ok(!text.includes('CANARY'), 'no canary anywhere');
    for (const file of await readdir(join(laptop, 'config')))
      assert.ok(!(await readFile(join(laptop, 'config', file), 'utf8')).includes('CANARY'), `no canary in ${file}`);
  });

  test('a hostile answer cannot reach the terminal: control characters in its strings are neutralised', async () => {
    await hostPath('hostile');
    const run = await cli(['remote', 'check', 'host-1']);
    assert.equal(run.code, 2);
    assert.match(run.stdout, /fail +host-1 +\?\]0;pwned\?\?\[2Jgone \(via installed\)/);
    assert.ok(!run.stdout.includes('\u001b') && !run.stdout.includes('\u0007'), 'no escape or bell reaches the terminal');
  });

  test('unreachable hosts are unknown, bounded and named; exit code is the worst host', async () => {
    await hostPath('shell');
    assert.equal((await cli(['remote', 'add', `ssh://${sshd.user}@127.0.0.1:${blackhole.port}`, '--name', 'silent'])).code, 0);
    assert.equal((await cli(['remote', 'add', `ssh://${sshd.user}@127.0.0.1:${refusedPort}`, '--name', 'refused'])).code, 0);
    assert.equal((await cli(['remote', 'add', 'wrong-key'])).code, 0);
    try {
      const { code, out } = await checkJson(['silent', 'refused', 'wrong-key', '--timeout', '3000']);
      const byName = new Map(out.hosts.map((h) => [h.name, h]));
      assert.match(byName.get('silent')?.error ?? '', /timed out/);
      assert.match(byName.get('refused')?.error ?? '', /connection refused/);
      assert.match(byName.get('wrong-key')?.error ?? '', /host key changed/);
      for (const host of out.hosts) assert.equal(host.overall, 'unknown');
      assert.equal(code, 1);
      const mixed = await checkJson(['host-1', 'refused']);
      assert.equal(mixed.code, 0 + 1, 'ok and unknown: unknown wins');
    } finally {
      for (const name of ['silent', 'refused', 'wrong-key']) await cli(['remote', 'remove', name]);
    }
  });

  test('checks share one connection per host (ControlMaster): later checks log in no more', async () => {
    await hostPath('shell');
    const fresh = sshd.logins();
    await cli(['remote', 'check', '--no-reuse']);
    assert.equal(sshd.logins() - fresh, 3, 'without reuse: a login per host');
    await cli(['remote', 'check', '--no-reuse']);
    assert.equal(sshd.logins() - fresh, 6);
    const sockets = async (): Promise<string[]> => (await readdir(runtime)).filter((f) => !f.startsWith('.'));
    const start = sshd.logins();
    await cli(['remote', 'check']);
    const first = sshd.logins() - start;
    assert.ok(first <= 3, 'at most one login per host');
    assert.equal((await sockets()).length, 3, 'one control socket per host');
    assert.equal((await stat(runtime)).mode & 0o777, 0o700);
    const again = sshd.logins();
    const second = await checkJson([]);
    assert.equal(sshd.logins(), again, 'no new login: the shared connections were used');
    assert.deepEqual(
      second.out.hosts.map((h) => h.via),
      ['shell', 'shell', 'shell'],
    );
  });
});
