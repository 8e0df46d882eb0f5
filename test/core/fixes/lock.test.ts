import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { acquireFixLock, LockBusyError, lockPath } from '../../../src/core/fixes/lock.js';
import { makeWorld, POSIX_ONLY } from './helpers.js';

test('the lock file names this process, is private, re-entrant, and goes on the last release', async () => {
  const world = await makeWorld();
  try {
    const first = await acquireFixLock(world.dataDir);
    const holder = JSON.parse(await readFile(lockPath(world.dataDir), 'utf8'));
    assert.equal(holder.pid, process.pid);
    assert.equal((await stat(lockPath(world.dataDir))).mode & 0o777, 0o600);
    assert.equal((await stat(world.dataDir)).mode & 0o777, 0o700);
    const second = await acquireFixLock(world.dataDir, { waitMs: 0 });
    await second.release();
    assert.ok(await stat(lockPath(world.dataDir)), 'still held by the outer acquire');
    await first.release();
    await assert.rejects(stat(lockPath(world.dataDir)));
  } finally {
    await world.cleanup();
  }
});

test('a live holder makes others wait, then fail with its pid', { skip: POSIX_ONLY }, async () => {
  const world = await makeWorld();
  const other = spawn('sleep', ['10'], { stdio: 'ignore' });
  try {
    await mkdir(world.dataDir, { recursive: true });
    await writeFile(lockPath(world.dataDir), JSON.stringify({ pid: other.pid, nonce: 'x', createdAt: 'then' }));
    let waited = 0;
    const started = Date.now();
    await assert.rejects(
      acquireFixLock(world.dataDir, { waitMs: 300, pollMs: 20, onWait: () => (waited += 1) }),
      (error: unknown) => error instanceof LockBusyError && error.holder?.pid === other.pid && /Another fix is running/.test(error.message),
    );
    assert.ok(Date.now() - started >= 280, 'it waited for the holder');
    assert.equal(waited, 1);
    assert.equal(JSON.parse(await readFile(lockPath(world.dataDir), 'utf8')).pid, other.pid, "the other process's lock is untouched");
  } finally {
    other.kill('SIGKILL');
    await world.cleanup();
  }
});

test('a lock whose writer died before writing is taken over only once it is stale', async () => {
  const world = await makeWorld();
  try {
    await mkdir(world.dataDir, { recursive: true });
    await writeFile(lockPath(world.dataDir), '');
    await assert.rejects(acquireFixLock(world.dataDir, { waitMs: 50, pollMs: 10 }), LockBusyError);
    const old = new Date(Date.now() - 60_000);
    const { utimes } = await import('node:fs/promises');
    await utimes(lockPath(world.dataDir), old, old);
    const lock = await acquireFixLock(world.dataDir, { waitMs: 50 });
    assert.equal(JSON.parse(await readFile(lockPath(world.dataDir), 'utf8')).pid, process.pid);
    await lock.release();
  } finally {
    await world.cleanup();
  }
});
