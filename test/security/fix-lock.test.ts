/**
 * The fix lock under the finding's conditions: a folder, a dangling link, or a root-owned 0600
 * file (left by a killed `sudo` run) at the lock path made `fix` spin forever. Each now ends at
 * once with the path and what to do. A lock is taken over only when its holder is provably gone:
 * no such process, or (Linux) a process with that pid that started at another time; never a
 * holder on another machine, never a live one (that is waited for, boundedly, then named).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { chmod, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { acquireFixLock, LockBusyError, lockPath, LockUnusableError, processStartTime } from '../../src/core/fixes/lock.js';
import { runCli } from '../helpers/cli.js';
import { makeLogoutStub, makeWorld, oauthCredentials, POSIX_ONLY, type TempWorld } from '../core/fixes/helpers.js';
import { cliCommand } from '../helpers/cli.js';
import { makeUser, SECOND_USER_SKIP, type ThrowawayUser } from './second-user.js';

async function world(): Promise<TempWorld> {
  const w = await makeWorld();
  await writeFile(join(w.configDir, '.credentials.json'), JSON.stringify(oauthCredentials()), { mode: 0o600 });
  await makeLogoutStub(w.bin);
  await mkdir(w.dataDir, { recursive: true, mode: 0o700 });
  return w;
}

describe('what is not a lock is refused at once, naming the path and what to do', { skip: POSIX_ONLY }, () => {
  for (const [what, plant, said] of [
    ['a folder', (p: string) => mkdir(p), /is a folder, not a lock the doctor made\. Move it away \(mv /],
    ['a dangling link', (p: string) => symlink('/nonexistent/cad-lock-target', p), /is a symbolic link, not a lock the doctor made/],
    ['a file the doctor did not write', (p: string) => writeFile(p, 'garbage\n'), /holds something the doctor did not write/],
  ] as const) {
    test(`${what} at the lock path: fix ends (no spin) with the path in the message`, { timeout: 60_000 }, async () => {
      const w = await world();
      try {
        const path = lockPath(w.dataDir);
        await plant(path);
        const run = await runCli(['fix', 'reset-credentials', '--yes', '--offline'], { env: w.env, timeoutMs: 45_000 });
        assert.notEqual(run.code, null, 'the run ended by itself (it was not killed for hanging)');
        assert.equal(run.code, 2, run.stdout + run.stderr);
        assert.match(run.stdout + run.stderr, said);
        assert.ok((run.stdout + run.stderr).includes(path), 'the message names the lock path');
        assert.ok((await readFile(join(w.configDir, '.credentials.json'), 'utf8')).length > 0, 'nothing was changed');
        await assert.rejects(acquireFixLock(w.dataDir, { waitMs: 100 }), LockUnusableError);
      } finally {
        await w.cleanup();
      }
    });
  }
});

describe('a root-owned 0600 lock left by a killed sudo run', { skip: SECOND_USER_SKIP }, () => {
  let user: ThrowawayUser;
  before(async () => {
    user = await makeUser();
  });
  after(async () => user.remove());

  test('the user’s fix ends at once: the lock is named, with `sudo rm`', { timeout: 60_000 }, async () => {
    const dataDir = join(user.home, 'data');
    const bin = join(user.home, 'bin');
    const script = `umask 077; mkdir -p '${dataDir}' '${bin}' ~/.claude && printf '{}' > ~/.claude/.credentials.json`;
    assert.equal((await user.run('/bin/sh', ['-c', script], { HOME: user.home, PATH: '/usr/bin:/bin' })).code, 0);
    // root's lock, as a `sudo claude-auth-doctor fix` killed mid-run leaves it
    await writeFile(lockPath(dataDir), JSON.stringify({ pid: 999_999, nonce: 'root', createdAt: 'then' }), { mode: 0o600 });
    await chmod(lockPath(dataDir), 0o600);
    const { file, args } = cliCommand();
    const run = await user.run(file, [...args, 'fix', 'reset-credentials', '--yes', '--offline'], {
      HOME: user.home,
      PATH: '/usr/bin:/bin',
      CLAUDE_AUTH_DOCTOR_DATA_DIR: dataDir,
      NO_COLOR: '1',
    });
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /belongs to root \(left by a run under sudo\?\).*sudo rm "/s);
    assert.ok(run.stderr.includes(lockPath(dataDir)));
  });
});

describe('stale takeover only when the holder is provably gone', { skip: POSIX_ONLY }, () => {
  let w: TempWorld;
  const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
  before(async () => {
    w = await world();
  });
  after(async () => {
    sleeper.kill('SIGKILL');
    await w.cleanup();
  });
  const holder = (fields: Record<string, unknown>): Promise<void> =>
    writeFile(lockPath(w.dataDir), JSON.stringify({ nonce: 'other', createdAt: 'then', host: hostname(), ...fields }), { mode: 0o600 });

  test('a dead pid: taken over at once', async () => {
    await holder({ pid: 999_999 });
    const lock = await acquireFixLock(w.dataDir, { waitMs: 0 });
    assert.equal(JSON.parse(await readFile(lockPath(w.dataDir), 'utf8')).pid, process.pid);
    await lock.release();
  });

  test(
    'a live pid that started at another time (the pid was reused): taken over',
    { skip: processStartTime(process.pid) === null ? 'no /proc here' : false },
    async () => {
      await holder({ pid: sleeper.pid, started: '1' });
      const lock = await acquireFixLock(w.dataDir, { waitMs: 0 });
      assert.equal(JSON.parse(await readFile(lockPath(w.dataDir), 'utf8')).pid, process.pid);
      await lock.release();
    },
  );

  test('the live holder itself: waited for, then named with the lock path; its lock untouched', async () => {
    await holder({ pid: sleeper.pid, started: processStartTime(sleeper.pid ?? 0) });
    let waited = 0;
    await assert.rejects(acquireFixLock(w.dataDir, { waitMs: 200, pollMs: 20, onWait: () => (waited += 1) }), (error: unknown) => {
      assert.ok(error instanceof LockBusyError);
      assert.equal(error.holder?.pid, sleeper.pid);
      assert.ok(error.message.includes(lockPath(w.dataDir)));
      return true;
    });
    assert.equal(waited, 1);
    assert.equal(JSON.parse(await readFile(lockPath(w.dataDir), 'utf8')).pid, sleeper.pid);
  });

  test('a holder on another machine (a shared home) is never judged gone, even with a pid unused here', async () => {
    await holder({ pid: 999_999, host: 'another-machine.example' });
    await assert.rejects(acquireFixLock(w.dataDir, { waitMs: 100, pollMs: 20 }), (error: unknown) => {
      assert.ok(error instanceof LockBusyError);
      assert.match(error.message, /on another-machine\.example/);
      return true;
    });
  });
});
