import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BACKUP_ID, backupId, listManifests, restoreContext, type BackupStoreDeps } from '../../../../src/core/fixes/backup/store.js';
import { BackupTransaction } from '../../../../src/core/fixes/backup/transaction.js';
import { realFixFs, type FixFs } from '../../../../src/core/fixes/fix-fs.js';
import { restoreEntry } from '../../../../src/core/fixes/backup/restore.js';
import { sha256 } from '../../../../src/core/fixes/tree-hash.js';
import { makeWorld, POSIX_ONLY, snapshot } from '../helpers.js';

function deps(dataDir: string, fs: FixFs = realFixFs): BackupStoreDeps {
  return { dataDir, fs, secrets: {}, now: () => Date.UTC(2026, 10, 23, 23, 15, 1), show: (p) => p };
}

test('backup ids are timestamped, name the fix and end in a random tail', () => {
  const id = backupId(new Date(2026, 10, 23, 23, 15, 1).getTime(), 'reset-credentials');
  assert.match(id, /^20261123-231501-reset-credentials-[0-9a-f]{4}$/);
  assert.ok(BACKUP_ID.test(id));
  assert.ok(!BACKUP_ID.test('../../etc'));
});

test('rollback puts back copies, moved files, dirs and links exactly, and leaves no backup', { skip: POSIX_ONLY }, async () => {
  const world = await makeWorld();
  try {
    const dir = join(world.home, 'tree');
    await mkdir(join(dir, 'sub'), { recursive: true, mode: 0o700 });
    await writeFile(join(dir, 'sub', 'x'), 'x', { mode: 0o604 });
    await symlink('sub/x', join(dir, 'link'));
    const file = join(world.home, 'file.txt');
    await writeFile(file, 'original\n', { mode: 0o640 });
    const before = await snapshot(world.home);

    const txn = await BackupTransaction.begin(deps(world.dataDir), 'clear-cache', 'test step');
    await txn.saveFile(file, 'a file');
    await writeFile(file, 'changed');
    txn.wrote(sha256('changed')); // the step's own write: a rollback overwrites it without keeping a copy
    assert.equal(await txn.moveAside(dir, 'a dir'), true);
    assert.equal(await txn.moveAside(join(world.home, 'missing'), 'nothing'), false);
    await txn.saveFile(join(world.home, 'new.txt'), 'absent file');
    const rolled = await txn.rollback();
    assert.deepEqual(rolled, { ok: true, problems: [], kept: false });
    assert.deepEqual(await snapshot(world.home), before);
    assert.deepEqual(await listManifests(realFixFs, world.dataDir), [], 'a rolled-back step with nothing kept leaves no backup');

    // A file the failed step created is moved away, not deleted: that backup stays, marked rolled-back.
    const second = await BackupTransaction.begin(deps(world.dataDir), 'clear-cache', 'creates a file');
    await second.saveFile(join(world.home, 'new.txt'), 'absent file');
    await writeFile(join(world.home, 'new.txt'), 'created by the step');
    assert.equal((await second.rollback()).ok, true);
    assert.deepEqual(await snapshot(world.home), before);
    const [kept] = await listManifests(realFixFs, world.dataDir);
    assert.equal(kept?.manifest.state, 'rolled-back');
    assert.deepEqual(await readdir(join(kept!.dir, 'displaced')), ['0-new.txt']);
  } finally {
    await world.cleanup();
  }
});

test('across file systems (EXDEV) a move becomes a rename beside the original, and undo still works', { skip: POSIX_ONLY }, async () => {
  const world = await makeWorld();
  try {
    const cache = join(world.home, 'cache');
    await mkdir(cache);
    await writeFile(join(cache, 'f'), 'data');
    const before = await snapshot(world.home);
    const exdev: FixFs = {
      ...realFixFs,
      rename: async (from, to) => {
        if (!String(from).startsWith(world.dataDir) && String(to).startsWith(world.dataDir))
          throw Object.assign(new Error('cross-device link'), { code: 'EXDEV' });
        return realFixFs.rename(from, to);
      },
    };
    const d = deps(world.dataDir, exdev);
    const txn = await BackupTransaction.begin(d, 'clear-cache', 'move cache');
    await txn.moveAside(cache, 'cache');
    const id = await txn.commit();
    const names = await readdir(world.home);
    assert.ok(names.includes(`cache.claude-auth-doctor-${id}`), names.join());
    const [found] = await listManifests(realFixFs, world.dataDir);
    assert.match(found!.manifest.notes.join(' '), /kept beside itself/);
    const result = await restoreEntry(restoreContext(d, found!.dir, null), found!.manifest.entries[0]!);
    assert.equal(result.ok, true, result.problem ?? '');
    assert.deepEqual(await snapshot(world.home), before);
  } finally {
    await world.cleanup();
  }
});

test('a backup refuses to copy a symbolic link it would have to change', { skip: POSIX_ONLY }, async () => {
  const world = await makeWorld();
  try {
    await writeFile(join(world.home, 'real'), 'x');
    await symlink('real', join(world.home, 'link'));
    const txn = await BackupTransaction.begin(deps(world.dataDir), 'reauthenticate', 'x');
    await assert.rejects(txn.saveFile(join(world.home, 'link'), 'linked file'), /symbolic link/);
    await txn.rollback();
  } finally {
    await world.cleanup();
  }
});
