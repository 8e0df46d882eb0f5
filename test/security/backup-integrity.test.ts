/**
 * The same attacks one level down, on the fix engine itself, in a world the test controls (so
 * they run without a second user): what the engine must refuse even when it is root on its own
 * files, or when a check above it was bypassed. A manifest not signed with this installation's
 * key, or asking for setuid bits or paths outside its backup, is never acted on; a restore never
 * follows a link, never writes through a folder that now leads elsewhere, and never sets
 * setuid/setgid/sticky; a rollback keeps what another process wrote meanwhile; huge files are
 * streamed, not read whole.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, chown, lstat, mkdir, readdir, readFile, rename, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BackupTransaction } from '../../src/core/fixes/backup/transaction.js';
import { signManifest } from '../../src/core/fixes/backup/manifest-key.js';
import { listManifests, type BackupStoreDeps } from '../../src/core/fixes/backup/store.js';
import { createFixEngine, type FixEngine } from '../../src/core/fixes/fix-engine.js';
import { realFixFs } from '../../src/core/fixes/fix-fs.js';
import type { FixRunView } from '../../src/core/fixes/types.js';
import {
  makeLogoutStub,
  makeWorld,
  oauthCredentials,
  offlineDiagnose,
  POSIX_ONLY,
  worldProbeEnv,
  type TempWorld,
} from '../core/fixes/helpers.js';

const IS_ROOT = process.getuid?.() === 0;

let world: TempWorld;
let credentials: string;

beforeEach(async () => {
  world = await makeWorld();
  credentials = join(world.configDir, '.credentials.json');
  await writeFile(credentials, JSON.stringify(oauthCredentials()), { mode: 0o600 });
  await makeLogoutStub(world.bin);
});
afterEach(async () => world.cleanup());

function engine(): { fixes: FixEngine; deps: BackupStoreDeps } {
  const probeEnv = worldProbeEnv(world);
  const fixes = createFixEngine({ probeEnv, dataDir: world.dataDir, diagnose: offlineDiagnose(probeEnv), secrets: {}, lockWaitMs: 200 });
  const deps: BackupStoreDeps = { dataDir: world.dataDir, fs: realFixFs, secrets: {}, now: () => Date.now(), show: (p) => p };
  return { fixes, deps };
}

async function moveCredentialsAside(fixes: FixEngine): Promise<string> {
  const report = await offlineDiagnose(worldProbeEnv(world))();
  const run: FixRunView = await fixes.start('reset-credentials', report);
  const step = run.steps.find((s) => /aside/.test(s.title));
  assert.ok(step);
  const result = await fixes.runStep(run.runId, step.index);
  assert.equal(result.ok, true, result.message);
  return result.backupId ?? '';
}

async function rewriteManifest(id: string, change: (m: Record<string, unknown>) => void, key: Buffer | null): Promise<void> {
  const path = join(world.dataDir, 'backups', id, 'manifest.json');
  const parsed = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  delete parsed['mac'];
  change(parsed);
  const mac = key ? signManifest(key, JSON.stringify(parsed)) : 'f'.repeat(64);
  await writeFile(path, JSON.stringify({ ...parsed, mac }));
}

const realKey = async (): Promise<Buffer> => Buffer.from((await readFile(join(world.dataDir, 'manifest.key'), 'utf8')).trim(), 'hex');

describe('manifests are data the doctor wrote, and only that', { skip: POSIX_ONLY }, () => {
  test('a changed manifest (signature no longer valid) is left alone: nothing is restored anywhere', async () => {
    const { fixes } = engine();
    const id = await moveCredentialsAside(fixes);
    const elsewhere = join(world.root, 'elsewhere.json');
    await rewriteManifest(id, (m) => ((m['entries'] as Record<string, unknown>[])[0]!['path'] = elsewhere), null);
    const undone = await fixes.undo(id);
    assert.equal(undone.ok, false);
    assert.match(undone.message, /left as it is: its manifest does not carry a valid signature/);
    await assert.rejects(lstat(elsewhere));
    await assert.rejects(lstat(credentials), 'not restored either: the manifest cannot be trusted');
    assert.deepEqual(await fixes.listBackups(), [], 'an unverifiable backup is not offered for undo');
  });

  test('even signed with the real key, a setuid mode or an item outside the backup is refused', async () => {
    const { fixes } = engine();
    const id = await moveCredentialsAside(fixes);
    const key = await realKey();
    await rewriteManifest(id, (m) => ((m['entries'] as Record<string, unknown>[])[0]!['mode'] = 0o4755), key);
    assert.match((await fixes.undo(id)).message, /beyond permission bits/);
    await rewriteManifest(
      id,
      (m) => {
        const entry = (m['entries'] as Record<string, unknown>[])[0]!;
        entry['mode'] = 0o600;
        entry['storedAt'] = '/bin/sh';
      },
      key,
    );
    assert.match((await fixes.undo(id)).message, /points outside the backup/);
    await rewriteManifest(id, (m) => (m['id'] = '20200101-000000-reset-credentials-0000'), key);
    assert.match((await fixes.undo(id)).message, /names another backup/);
  });

  test('an old unsigned manifest, a missing key, a key others can read: each is named, nothing restored', async () => {
    const { fixes } = engine();
    const id = await moveCredentialsAside(fixes);
    await chmod(join(world.dataDir, 'manifest.key'), 0o644);
    assert.match((await fixes.undo(id)).message, /left as it is|not private/);
    await chmod(join(world.dataDir, 'manifest.key'), 0o600);
    await rename(join(world.dataDir, 'manifest.key'), join(world.dataDir, 'manifest.key.moved'));
    assert.match((await fixes.undo(id)).message, /key that signs backups is missing/);
    await rename(join(world.dataDir, 'manifest.key.moved'), join(world.dataDir, 'manifest.key'));
    await rewriteManifest(id, (m) => (m['schemaVersion'] = 1), await realKey());
    assert.match((await fixes.undo(id)).message, /older version, before backups were signed/);
    await assert.rejects(lstat(credentials));
  });

  test('the key lives beside the backups, not in them, 0600; a manifest in the backup holds no secret and no key', async () => {
    const { fixes } = engine();
    const id = await moveCredentialsAside(fixes);
    const key = await lstat(join(world.dataDir, 'manifest.key'));
    assert.equal(key.mode & 0o777, 0o600);
    const manifest = await readFile(join(world.dataDir, 'backups', id, 'manifest.json'), 'utf8');
    assert.doesNotMatch(manifest, /CANARY/);
    assert.ok(!manifest.includes((await realKey()).toString('hex')));
    assert.equal((await fixes.undo(id)).ok, true, 'the genuine manifest still restores');
  });
});

describe('restores go to the exact recorded path, never through a link', { skip: POSIX_ONLY }, () => {
  test('a link planted at the restore path is moved aside, not followed: its target keeps owner, mode and bytes', async () => {
    const { fixes } = engine();
    const id = await moveCredentialsAside(fixes);
    const victim = join(world.root, 'victim');
    await writeFile(victim, 'victim bytes\n', { mode: 0o600 });
    if (IS_ROOT) await chown(victim, 12345, 12345);
    const before = await lstat(victim);
    await symlink(victim, credentials);
    const undone = await fixes.undo(id);
    assert.equal(undone.ok, true, undone.message);
    assert.match(undone.message, /kept in/);
    const after = await lstat(victim);
    assert.deepEqual([after.uid, after.gid, after.mode], [before.uid, before.gid, before.mode]);
    assert.equal(await readFile(victim, 'utf8'), 'victim bytes\n');
    assert.ok((await lstat(credentials)).isFile(), 'the saved login is back as a file, not written through the link');
  });

  test('~/.claude swapped for a link to another folder between fix and undo: undo refuses and writes nothing there', async () => {
    const { fixes } = engine();
    const id = await moveCredentialsAside(fixes);
    const other = join(world.root, 'other-folder');
    await mkdir(other, { mode: 0o700 });
    await rename(world.configDir, `${world.configDir}-real`);
    await symlink(other, world.configDir);
    const undone = await fixes.undo(id);
    assert.equal(undone.ok, false);
    assert.match(undone.message, /now leads to .*other-folder.*was a folder replaced by a symbolic link/);
    assert.deepEqual(await readdir(other), []);
  });

  test('a settings.json that is a link is not read or rewritten through it', async () => {
    const { fixes } = engine();
    const target = join(world.root, 'not-settings.json');
    await writeFile(target, '{"secret":"of someone else"}', { mode: 0o600 });
    await symlink(target, join(world.configDir, 'settings.json'));
    await writeFile(join(world.home, 'marker'), '');
    world.env['ANTHROPIC_API_KEY'] = 'sk-ant-api03-FAKE-settings-link-0123456789abcdef';
    const report = await offlineDiagnose(worldProbeEnv(world))();
    const run = await fixes.start('use-api-key', report);
    const step = run.steps.find((s) => /apiKeyHelper/.test(s.title));
    assert.ok(step);
    const result = await fixes.runStep(run.runId, step.index);
    assert.equal(result.ok, false);
    assert.match(result.message, /not a regular file/);
    assert.equal(await readFile(target, 'utf8'), '{"secret":"of someone else"}');
    assert.ok((await lstat(join(world.configDir, 'settings.json'))).isSymbolicLink(), 'the link is left as it was');
  });

  test('a moved-aside file that carried setuid comes back with permission bits only', async () => {
    const { deps } = engine();
    const tool = join(world.home, 'tool');
    await writeFile(tool, '#!/bin/sh\n', { mode: 0o755 });
    await chmod(tool, 0o4755);
    const txn = await BackupTransaction.begin(deps, 'clear-cache', 'test');
    await txn.moveAside(tool, 'a tool');
    await txn.commit();
    const { fixes } = engine();
    const undone = await fixes.undo();
    assert.equal(undone.ok, true, undone.message);
    assert.equal((await lstat(tool)).mode & 0o7777, 0o755);
  });
});

describe('a rollback keeps what it did not write', { skip: POSIX_ONLY }, () => {
  test('a login refreshed by another process while the step ran is kept, not overwritten without a copy', async () => {
    const { deps } = engine();
    const txn = await BackupTransaction.begin(deps, 'reauthenticate', 'test');
    await txn.saveFile(credentials, 'login');
    // Meanwhile Claude Code refreshes the login (not the step's own write); then the step fails.
    const refreshed = JSON.stringify(oauthCredentials({ accessToken: 'sk-ant-oat01-FAKE-refreshed-meanwhile-0123456789' }));
    await writeFile(credentials, refreshed);
    const rolled = await txn.rollback();
    assert.equal(rolled.ok, true);
    assert.equal(rolled.kept, true);
    const [kept] = await listManifests(realFixFs, world.dataDir);
    assert.equal(kept?.manifest.state, 'rolled-back');
    const displaced = await readdir(join(kept!.dir, 'displaced'));
    assert.equal(
      await readFile(join(kept!.dir, 'displaced', displaced[0]!), 'utf8'),
      refreshed,
      'the refreshed login is kept byte for byte',
    );
  });
});

const here = fileURLToPath(import.meta.url);
const BIG = Math.round(2.1 * 1024 ** 3);
const BIG_SKIP = process.platform !== 'linux' ? 'sparse files and /usr/bin/time are Linux here' : false;

describe('huge files are streamed', { skip: BIG_SKIP }, () => {
  test(
    'a 2.1 GiB credentials file is moved aside and restored, hashed in chunks (resident memory stays small)',
    { timeout: 240_000 },
    async () => {
      await truncate(credentials, BIG);
      const child = here.endsWith('.ts')
        ? ['--import', 'tsx', join(here, '..', 'big-file-child.ts')]
        : [join(here, '..', 'big-file-child.js')];
      const run = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
        const p = spawn('/usr/bin/time', ['-f', 'maxrss-kb %M', process.execPath, ...child, world.home, world.dataDir], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        p.stdout.on('data', (d: Buffer) => (out += d.toString()));
        p.stderr.on('data', (d: Buffer) => (out += d.toString()));
        p.on('error', reject);
        p.on('close', (code) => resolve({ code, out }));
      });
      assert.equal(run.code, 0, run.out);
      assert.match(run.out, /moved aside and restored/);
      const rss = Number(/maxrss-kb (\d+)/.exec(run.out)?.[1]);
      assert.ok(rss > 0 && rss < 400 * 1024, `peak resident memory ${rss} KB for a 2.1 GiB file`);
      const stat = await lstat(credentials);
      assert.equal(stat.size, BIG);
    },
  );
});
