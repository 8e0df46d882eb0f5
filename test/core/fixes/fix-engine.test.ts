import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { keychainAccount } from '../../../src/core/claude-code/paths.js';
import { createCommandRunner } from '../../../src/core/io/runner.js';
import { API_KEY_ACCOUNT, API_KEY_SERVICE } from '../../../src/core/keychain/api-key-store.js';
import { realFixFs, type FixFs } from '../../../src/core/fixes/fix-fs.js';
import { lockPath } from '../../../src/core/fixes/lock.js';
import { createMacKeychain } from '../../../src/core/keychain/mac-keychain.js';
import type { SecretItemStore, SecretStores } from '../../../src/core/keychain/secret-stores.js';
import { createFixEngine, type FixEngine, type FixEngineOptions } from '../../../src/core/fixes/fix-engine.js';
import type { FixRunView } from '../../../src/core/fixes/types.js';
import type { FixId, HealthReport } from '../../../src/shared/report.js';
import { makeFakeSecurity } from '../keychain/fake-security.js';
import {
  allText,
  CANARY,
  fakeReport,
  makeLogoutStub,
  makeWorld,
  oauthCredentials,
  offlineDiagnose,
  POSIX_ONLY,
  snapshot,
  worldProbeEnv,
  type TempWorld,
} from './helpers.js';

/** An in-memory keychain for the service tests (the real keytar round trip has its own test). */
function memoryKeychain(): SecretItemStore & { items: Map<string, Buffer> } {
  const items = new Map<string, Buffer>();
  const key = (s: string, a: string) => `${s}\0${a}`;
  return {
    items,
    async read(s, a) {
      const v = items.get(key(s, a));
      return v ? { kind: 'found', bytes: Buffer.from(v) } : { kind: 'not-found' };
    },
    async write(s, a, b) {
      items.set(key(s, a), Buffer.from(b));
      return { ok: true, note: null };
    },
    async delete(s, a) {
      return { ok: true, existed: items.delete(key(s, a)) };
    },
  };
}

let world: TempWorld;
let outputs: unknown[];

beforeEach(async () => {
  world = await makeWorld();
  outputs = [];
  await writeFile(join(world.configDir, '.credentials.json'), JSON.stringify(oauthCredentials({ accessToken: '', expiresAt: 0 })), {
    mode: 0o600,
  });
  await chmod(join(world.configDir, '.credentials.json'), 0o600);
  await writeFile(
    join(world.home, '.claude.json'),
    JSON.stringify({ oauthAccount: { emailAddress: 'a@example.com' }, numStartups: 3 }, null, 2),
    { mode: 0o644 },
  );
  await makeLogoutStub(world.bin);
});

afterEach(async () => {
  const leaked = JSON.stringify(outputs);
  assert.ok(!leaked.includes('CANARY'), 'no service output carries a canary');
  for (const b of await readdir(join(world.dataDir, 'backups')).catch(() => [] as string[])) {
    const manifest = await readFile(join(world.dataDir, 'backups', b, 'manifest.json'), 'utf8').catch(() => '');
    assert.ok(!manifest.includes('CANARY'), `manifest of ${b} carries no secret`);
  }
  await world.cleanup();
});

function service(
  overrides: Partial<FixEngineOptions> = {},
  os: 'linux' | 'darwin' = 'linux',
): { fixes: FixEngine; report: () => Promise<HealthReport> } {
  const probeEnv = worldProbeEnv(world);
  const diagnose = offlineDiagnose(probeEnv);
  const fixes = createFixEngine({
    probeEnv,
    dataDir: world.dataDir,
    diagnose,
    secrets: { keytar: memoryKeychain() },
    cliCommand: "'/usr/bin/node' '/opt/cad/main.js'",
    lockWaitMs: 200,
    ...overrides,
  });
  const report = async () => {
    const real = await diagnose();
    return os === 'linux' ? real : { ...real, context: { ...real.context, os } };
  };
  return { fixes, report };
}

async function start(fixes: FixEngine, fixId: FixId, report: HealthReport): Promise<FixRunView> {
  const session = await fixes.start(fixId, report);
  outputs.push(session);
  return session;
}

function indexOf(session: FixRunView, title: RegExp): number {
  const step = session.steps.find((s) => title.test(s.title));
  assert.ok(step, `no step matching ${title} in ${session.steps.map((s) => s.title).join(' | ')}`);
  return step.index;
}

async function runStep(fixes: FixEngine, session: FixRunView, title: RegExp, input?: { secret?: string }) {
  const result = await fixes.runStep(session.runId, indexOf(session, title), input);
  outputs.push(result);
  return result;
}

describe('fixes that change things: backup → change → undo gives identical bytes, modes and paths', { skip: POSIX_ONLY }, () => {
  test('reset-credentials moves the login aside; undo moves it back', async () => {
    const { fixes, report } = service();
    const before = await snapshot(world.home);
    const session = await start(fixes, 'reset-credentials', await report());
    const result = await runStep(fixes, session, /Move .*credentials\.json aside/);
    assert.equal(result.ok, true, result.message);
    assert.match(result.backupId ?? '', /^\d{8}-\d{6}-reset-credentials-[0-9a-f]{4}$/);
    await assert.rejects(stat(join(world.configDir, '.credentials.json')));
    assert.deepEqual(
      result.verification.checks.map((c) => [c.id, c.status]),
      [
        ['auth.credentials', 'fail'],
        ['auth.token', 'skip'],
      ],
    );
    assert.equal(result.verification.passed, false);

    const manifest = JSON.parse(await readFile(join(world.dataDir, 'backups', result.backupId!, 'manifest.json'), 'utf8'));
    assert.equal(manifest.state, 'complete');
    assert.deepEqual(
      manifest.entries.map((e: Record<string, unknown>) => [
        e['kind'],
        e['method'],
        e['path'],
        e['mode'],
        typeof e['sha256'],
        typeof e['uid'],
      ]),
      [['file', 'move', join(world.configDir, '.credentials.json'), 0o600, 'string', 'number']],
    );

    const undone = await fixes.undo();
    outputs.push(undone);
    assert.equal(undone.ok, true, undone.message);
    assert.equal(undone.backupId, result.backupId);
    assert.deepEqual(await snapshot(world.home), before);
    const again = await fixes.undo(result.backupId!);
    assert.equal(again.ok, false);
    assert.match(again.message, /already restored/);
  });

  test('reauthenticate backs up, runs `claude auth logout`, and undo restores the login byte for byte', async () => {
    const { fixes, report } = service();
    const before = await snapshot(world.home);
    const session = await start(fixes, 'reauthenticate', await report());
    const result = await runStep(fixes, session, /Sign out/);
    assert.equal(result.ok, true, result.message);
    assert.match(result.message, /Successfully logged out/);
    await assert.rejects(stat(join(world.configDir, '.credentials.json')));
    const undone = await fixes.undo(result.backupId!);
    outputs.push(undone);
    assert.equal(undone.ok, true, undone.message);
    assert.deepEqual(await snapshot(world.home), before);
  });

  test('a failed `claude auth logout` leaves everything as it was and no backup behind', async () => {
    await makeLogoutStub(world.bin, { logout: 'scribble-and-fail' });
    const { fixes, report } = service();
    const before = await snapshot(world.home);
    const session = await start(fixes, 'reauthenticate', await report());
    const result = await runStep(fixes, session, /Sign out/);
    assert.equal(result.ok, false);
    assert.match(result.message, /exited with code 1: logout failed: EIO.*Nothing was changed/);
    assert.equal(result.backupId, null);
    assert.deepEqual(await snapshot(world.home), before);
    // What the failed command scribbled is not ours to destroy (it could be a login refreshed
    // meanwhile): it is kept, and the backup stays, marked rolled-back (undo will not replay it).
    assert.match(result.message, /is kept in .*displaced/);
    const [kept] = await fixes.listBackups();
    assert.equal(kept?.state, 'rolled-back');
  });

  test('clear-cache moves the whole folder aside; undo brings back every file and mode', async () => {
    const cache = join(world.configDir, 'cache');
    await mkdir(join(cache, 'nested'), { recursive: true, mode: 0o750 });
    await writeFile(join(cache, 'a.json'), '{"a":1}', { mode: 0o640 });
    await writeFile(join(cache, 'nested', 'b.bin'), Buffer.from([0, 1, 2, 255]));
    const { fixes, report } = service();
    const before = await snapshot(world.home);
    const session = await start(fixes, 'clear-cache', await report());
    const result = await runStep(fixes, session, /Move .*cache aside/);
    assert.equal(result.ok, true, result.message);
    await assert.rejects(stat(cache));
    outputs.push(await fixes.undo());
    assert.deepEqual(await snapshot(world.home), before);
  });

  test('unset-conflicting-env comments out the rc line and removes the settings entry; undo restores both', async () => {
    await writeFile(join(world.home, '.bashrc'), `# my rc\r\nexport ANTHROPIC_API_KEY=${CANARY.apiKey}\r\nalias ll='ls -l'\r\n`, {
      mode: 0o640,
    });
    await chmod(join(world.home, '.bashrc'), 0o640);
    await writeFile(
      join(world.configDir, 'settings.json'),
      JSON.stringify({ model: 'opus', env: { CLAUDE_CODE_OAUTH_TOKEN: CANARY.envOauth, KEEP: '1' } }),
    );
    world.env['ANTHROPIC_API_KEY'] = CANARY.apiKey;
    const { fixes, report } = service();
    const before = await snapshot(world.home);
    const session = await start(fixes, 'unset-conflicting-env', await report());
    const rc = await runStep(fixes, session, /Comment out ANTHROPIC_API_KEY in ~\/\.bashrc/);
    assert.equal(rc.ok, true, rc.message);
    const text = await readFile(join(world.home, '.bashrc'), 'utf8');
    assert.equal(
      text,
      `# my rc\r\n# [claude-auth-doctor ${rc.backupId}] export ANTHROPIC_API_KEY=${CANARY.apiKey}\r\nalias ll='ls -l'\r\n`,
    );
    assert.equal((await stat(join(world.home, '.bashrc'))).mode & 0o777, 0o640);
    const env = await runStep(fixes, session, /Remove CLAUDE_CODE_OAUTH_TOKEN/);
    assert.equal(env.ok, true, env.message);
    assert.deepEqual(JSON.parse(await readFile(join(world.configDir, 'settings.json'), 'utf8')), { model: 'opus', env: { KEEP: '1' } });
    outputs.push(await fixes.undo(), await fixes.undo());
    assert.deepEqual(await snapshot(world.home), before);
  });

  test('a line edited after planning is not touched', async () => {
    await writeFile(join(world.home, '.profile'), `export ANTHROPIC_AUTH_TOKEN=${CANARY.apiKey}\n`);
    world.env['ANTHROPIC_AUTH_TOKEN'] = CANARY.apiKey;
    const { fixes, report } = service();
    const session = await start(fixes, 'unset-conflicting-env', await report());
    await writeFile(join(world.home, '.profile'), 'export ANTHROPIC_AUTH_TOKEN=changed-by-user\n');
    const before = await snapshot(world.home);
    const result = await runStep(fixes, session, /Comment out/);
    assert.equal(result.ok, false);
    assert.match(result.message, /changed since the plan was made/);
    assert.deepEqual(await snapshot(world.home), before);
  });

  test('use-api-key stores the key, wires apiKeyHelper keeping other settings, and both undo', async () => {
    const keychain = memoryKeychain();
    await writeFile(join(world.configDir, 'settings.json'), '{\n  "model": "opus",\n  "permissions": {"allow": []}\n}\n', { mode: 0o600 });
    const { fixes, report } = service({ secrets: { keytar: keychain } });
    const before = await snapshot(world.home);
    const session = await start(fixes, 'use-api-key', await report());

    const early = await runStep(fixes, session, /Set apiKeyHelper/);
    assert.equal(early.ok, false);
    assert.match(early.message, /no API key is stored/);
    const missing = await runStep(fixes, session, /Store the key/);
    assert.equal(missing.ok, false);
    assert.match(missing.message, /needs a value/);
    const oauth = await runStep(fixes, session, /Store the key/, { secret: CANARY.access });
    assert.equal(oauth.ok, false);
    assert.match(oauth.message, /OAuth token/);

    const stored = await runStep(fixes, session, /Store the key/, { secret: `  ${CANARY.apiKey}\n` });
    assert.equal(stored.ok, true, stored.message);
    assert.equal(keychain.items.get(`${API_KEY_SERVICE}\0${API_KEY_ACCOUNT}`)?.toString(), CANARY.apiKey);
    const wired = await runStep(fixes, session, /Set apiKeyHelper/);
    assert.equal(wired.ok, true, wired.message);
    const settings = JSON.parse(await readFile(join(world.configDir, 'settings.json'), 'utf8'));
    assert.deepEqual(settings, { model: 'opus', permissions: { allow: [] }, apiKeyHelper: "'/usr/bin/node' '/opt/cad/main.js' api-key" });
    assert.equal(
      wired.verification.checks.find((c) => c.id === 'auth.method')?.summary,
      'API key from apiKeyHelper in ~/.claude/settings.json',
    );

    outputs.push(await fixes.undo(wired.backupId!), await fixes.undo(stored.backupId!));
    assert.deepEqual(await snapshot(world.home), before);
    assert.equal(keychain.items.size, 0, 'the key stored by the fix is gone again');
  });

  test('macOS: the keychain login is exported to a 0600 backup, deleted, and written back by undo', async () => {
    const fake = await makeFakeSecurity(world.root);
    const runner = createCommandRunner();
    const keychain = createMacKeychain(runner, { securityPath: fake.path });
    const probeEnv = worldProbeEnv(world);
    // Claude Code's keychain account: $USER first (mapped when odd), as the fix uses it.
    const account = keychainAccount(probeEnv.env, probeEnv.user);
    const secret = Buffer.from(JSON.stringify(oauthCredentials()));
    assert.equal((await keychain.write('Claude Code-credentials', account, secret)).ok, true);
    const secrets: SecretStores = { 'macos-keychain': keychain, keytar: memoryKeychain() };
    const { fixes, report } = service({ secrets }, 'darwin');
    const session = await start(fixes, 'reset-credentials', await report());
    const result = await runStep(fixes, session, /Move the keychain login aside/);
    assert.equal(result.ok, true, result.message);
    assert.deepEqual(await keychain.read('Claude Code-credentials', account), { kind: 'not-found' });
    const items = join(world.dataDir, 'backups', result.backupId!, 'items');
    const [saved] = await readdir(items);
    assert.equal((await stat(join(items, saved!))).mode & 0o777, 0o600);
    assert.deepEqual(await readFile(join(items, saved!)), secret);

    outputs.push(await fixes.undo());
    const back = await keychain.read('Claude Code-credentials', account);
    assert.ok(back.kind === 'found' && back.bytes.equals(secret));
    assert.ok(!(await readFile(fake.argvLog, 'utf8')).includes('CANARY'), 'the secret never went through argv');
  });

  test("fix-vscode-extension moves the extension's stored data aside; undo brings it back", async () => {
    world.env['XDG_CONFIG_HOME'] = join(world.home, '.config');
    const storage = join(world.home, '.config', 'Code', 'User', 'globalStorage', 'anthropic.claude-code');
    await mkdir(storage, { recursive: true });
    await writeFile(join(storage, 'state.json'), '{"signedIn":false}', { mode: 0o600 });
    const { fixes, report } = service();
    const before = await snapshot(world.home);
    const session = await start(fixes, 'fix-vscode-extension', await report());
    const result = await runStep(fixes, session, /stored data aside/);
    assert.equal(result.ok, true, result.message);
    assert.equal(result.verification.passed, null, 'no check can tell whether VS Code works');
    await assert.rejects(stat(storage));
    outputs.push(await fixes.undo());
    assert.deepEqual(await snapshot(world.home), before);
  });

  test('contact-support writes a redacted report readable only by the user', async () => {
    const { fixes, report } = service();
    const session = await start(fixes, 'contact-support', await report());
    const result = await runStep(fixes, session, /Write the diagnostic report/);
    assert.equal(result.ok, true, result.message);
    const dir = join(world.dataDir, 'reports');
    const [file] = await readdir(dir);
    assert.equal((await stat(join(dir, file!))).mode & 0o777, 0o600);
    assert.ok(!(await allText(dir)).includes('CANARY'));
  });
});

describe('failures in the middle leave the old file or the new, never a torn one', { skip: POSIX_ONLY }, () => {
  function failing(match: (to: string) => boolean): FixFs {
    return {
      ...realFixFs,
      rename: async (from, to) => {
        if (match(String(to))) throw Object.assign(new Error('injected: disk full'), { code: 'ENOSPC' });
        return realFixFs.rename(from, to);
      },
    };
  }

  test('a settings.json write that cannot be renamed into place changes nothing', async () => {
    const path = join(world.configDir, 'settings.json');
    await writeFile(path, '{"model":"opus"}');
    const keychain = memoryKeychain();
    await keychain.write(API_KEY_SERVICE, API_KEY_ACCOUNT, Buffer.from(CANARY.apiKey));
    const { fixes, report } = service({ fs: failing((to) => to === path), secrets: { keytar: keychain } });
    const before = await snapshot(world.home);
    const session = await start(fixes, 'use-api-key', await report());
    const result = await runStep(fixes, session, /Set apiKeyHelper/);
    assert.equal(result.ok, false);
    assert.match(result.message, /injected: disk full.*Nothing was changed/);
    assert.deepEqual(await snapshot(world.home), before, 'old bytes, and no temp file left beside it');
    assert.deepEqual(await fixes.listBackups(), [], 'the partial backup is gone');
  });

  test('an undo whose restore cannot be renamed into place leaves the current file whole, and can be retried', async () => {
    const { fixes, report } = service();
    const original = await snapshot(world.home);
    const session = await start(fixes, 'reauthenticate', await report());
    const result = await runStep(fixes, session, /Sign out/);
    assert.equal(result.ok, true);
    await writeFile(join(world.configDir, '.credentials.json'), '{"new":"login"}', { mode: 0o600 });
    const afterLogin = await snapshot(world.home);

    const broken = service({ fs: failing((to) => to.endsWith('.credentials.json')) }).fixes;
    const failed = await broken.undo(result.backupId!);
    outputs.push(failed);
    assert.equal(failed.ok, false);
    assert.match(failed.message, /did not finish/);
    const now = await snapshot(world.home);
    assert.deepEqual(now['.claude/.credentials.json'], afterLogin['.claude/.credentials.json'], 'the newer file is intact, not torn');
    assert.deepEqual(
      Object.keys(now).filter((k) => k.includes('.tmp')),
      [],
    );

    const retried = await fixes.undo(result.backupId!);
    outputs.push(retried);
    assert.equal(retried.ok, true, retried.message);
    assert.match(retried.message, /kept in/);
    assert.deepEqual(await snapshot(world.home), original);
  });

  test('a move that fails leaves the file where it was', async () => {
    const { fixes, report } = service({ fs: failing((to) => to.includes('/backups/')) });
    const before = await snapshot(world.home);
    const session = await start(fixes, 'reset-credentials', await report());
    const result = await runStep(fixes, session, /Move .*credentials\.json aside/);
    assert.equal(result.ok, false);
    assert.deepEqual(await snapshot(world.home), before);
  });
});

describe('the fix lock', { skip: POSIX_ONLY }, () => {
  test('a step waits for another live fix run, then gives up without changing anything', async () => {
    await mkdir(world.dataDir, { recursive: true });
    const holder = spawn('sleep', ['10'], { stdio: 'ignore' });
    try {
      await writeFile(lockPath(world.dataDir), JSON.stringify({ pid: holder.pid, nonce: 'other', createdAt: '2026-11-23T00:00:00Z' }));
      const { fixes, report } = service({ lockWaitMs: 150 });
      const before = await snapshot(world.home);
      const session = await start(fixes, 'reset-credentials', await report());
      const result = await runStep(fixes, session, /Move .*credentials\.json aside/);
      assert.equal(result.ok, false);
      assert.match(result.message, new RegExp(`Another fix is running \\(process ${holder.pid}`));
      assert.deepEqual(await snapshot(world.home), before);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  test('a lock left by a dead process is taken over', async () => {
    await mkdir(world.dataDir, { recursive: true });
    const gone = spawn('true', { stdio: 'ignore' });
    await new Promise((resolve) => gone.on('exit', resolve));
    await writeFile(lockPath(world.dataDir), JSON.stringify({ pid: gone.pid, nonce: 'dead', createdAt: '2026-11-23T00:00:00Z' }));
    const { fixes, report } = service();
    const session = await start(fixes, 'reset-credentials', await report());
    const result = await runStep(fixes, session, /Move .*credentials\.json aside/);
    assert.equal(result.ok, true, result.message);
    await assert.rejects(stat(lockPath(world.dataDir)), 'released after the step');
  });
});

test('start() on a canned report works for every OS variant without touching the disk', { skip: POSIX_ONLY }, async () => {
  const { fixes } = service();
  const before = await snapshot(world.root);
  for (const os of ['darwin', 'linux', 'win32'] as const)
    outputs.push(await fixes.start('reset-credentials', fakeReport(os, 'desktop', [], world.configDir)));
  assert.deepEqual(await snapshot(world.root), before);
});
