/**
 * Data safety of the fix engine when the process dies: `claude-auth-doctor fix reset-credentials
 * --yes` and `fix reauthenticate --yes --sign-in-after` (with a stub `claude` whose `auth logout` removes the
 * login file, as Claude Code's does) run as child processes in a temp world and are SIGKILLed
 *  - at every boundary between two file-system writes (a preloaded crash injector, crash-at.ts,
 *    kills the child right before write n, for every n of a full run: deterministic);
 *  - after seeded random delays across a run, and after a SIGSTOP at a random point.
 * After each: the login file is either its original bytes and mode, or it is gone and a backup
 * holds those exact bytes; `undo --yes` then puts it back byte for byte (sha256 and mode)
 * whenever a backup exists; the lock left behind never blocks that next run. Concurrent fix runs
 * serialize: all finish, one backup per change, and undoing them all restores the original.
 * src/core/fixes has no test hook to pause at a step, so nothing in src is touched.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, lstat, readdir, readFile, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cliCommand, runCli, type CliRun } from '../helpers/cli.js';
import { makeLogoutStub, makeWorld, oauthCredentials, POSIX_ONLY, type TempWorld } from '../core/fixes/helpers.js';
import { processAlive } from '../../src/core/fixes/lock.js';
import { assertNoCanary } from './arbitraries.js';

type FixName = 'reset-credentials' | 'reauthenticate';

const here = fileURLToPath(import.meta.url);
const injector = pathToFileURL(join(here, '..', here.endsWith('.ts') ? 'crash-at.ts' : 'crash-at.js')).href;
/** Writes a full run makes, measured once per fix (a calibration run with CAD_CRASH_LOG). */
const writesOf = new Map<FixName, number>();
const durationOf = new Map<FixName, number>();

interface Original {
  readonly path: string;
  readonly bytes: Buffer;
  readonly mode: number;
}

interface ChildEnd {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly elapsedMs: number;
}

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** A world with a real-looking login (canary tokens) at mode 0640, so a mode restore is visible. */
async function plant(world: TempWorld): Promise<Original> {
  const path = join(world.configDir, '.credentials.json');
  await writeFile(path, JSON.stringify(oauthCredentials(), null, 2));
  await chmod(path, 0o640);
  await makeLogoutStub(world.bin);
  return { path, bytes: await readFile(path), mode: 0o640 };
}

interface Kill {
  /** SIGKILL right before file-system write number n (the injector). */
  readonly crashAt?: number;
  /** SIGKILL after this many ms. */
  readonly afterMs?: number;
  /** SIGSTOP after this many ms, SIGKILL 100 ms later. */
  readonly stopAfterMs?: number;
  /** Count the writes into this file instead of crashing. */
  readonly log?: string;
}

function runFix(world: TempWorld, fix: FixName, kill: Kill = {}): Promise<ChildEnd> {
  const { file, args } = cliCommand();
  const main = args.at(-1)!;
  const inject = kill.crashAt !== undefined || kill.log !== undefined ? ['--import', injector] : [];
  const env: NodeJS.ProcessEnv = { ...world.env };
  if (kill.crashAt !== undefined) env['CAD_CRASH_AT'] = String(kill.crashAt);
  if (kill.log !== undefined) env['CAD_CRASH_LOG'] = kill.log;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // Without a terminal, `fix reauthenticate --yes` signs out only for a caller that signs in
    // after it (--sign-in-after): that unattended sign-out is the run these kills cut short.
    const unattended = fix === 'reauthenticate' ? ['--sign-in-after'] : [];
    const child = spawn(file, [...args.slice(0, -1), ...inject, main, 'fix', fix, '--yes', ...unattended, '--offline'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timers: NodeJS.Timeout[] = [setTimeout(() => child.kill('SIGKILL'), 30_000)];
    if (kill.afterMs !== undefined) timers.push(setTimeout(() => child.kill('SIGKILL'), kill.afterMs));
    if (kill.stopAfterMs !== undefined) {
      timers.push(
        setTimeout(() => {
          child.kill('SIGSTOP');
          timers.push(setTimeout(() => child.kill('SIGKILL'), 100));
        }, kill.stopAfterMs),
      );
    }
    child.on('error', reject);
    child.on('close', (code, signal) => {
      timers.forEach(clearTimeout);
      resolve({ code, signal, stdout, stderr, elapsedMs: Date.now() - started });
    });
  });
}

/** Waits until no process runs the world's stub `claude` (a killed fix orphans its `auth logout`). */
async function orphansGone(world: TempWorld): Promise<void> {
  const marker = join(world.bin, 'claude');
  const deadline = Date.now() + 3000;
  for (;;) {
    let running = false;
    if (process.platform === 'linux') {
      for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
        try {
          if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) running = true;
        } catch {
          // gone meanwhile
        }
      }
    }
    if (!running || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  if (process.platform !== 'linux') await new Promise((resolve) => setTimeout(resolve, 200));
}

interface Backup {
  readonly dir: string;
  readonly manifest: {
    state: string;
    entries: { path: string | null; method: string; storedAt: string | null; mode: number | null; sha256: string | null }[];
  } | null;
}

async function backups(world: TempWorld): Promise<Backup[]> {
  const root = join(world.dataDir, 'backups');
  const names = await readdir(root).catch(() => [] as string[]);
  const out: Backup[] = [];
  for (const name of names) {
    const dir = join(root, name);
    const text = await readFile(join(dir, 'manifest.json'), 'utf8').catch(() => null);
    // A manifest is written atomically: when it exists, it is whole JSON.
    out.push({ dir, manifest: text === null ? null : (JSON.parse(text) as Backup['manifest']) });
    if (text !== null) assertNoCanary(`backup manifest ${name}`, text);
  }
  return out;
}

async function fileState(path: string): Promise<{ bytes: Buffer; mode: number } | null> {
  const stat = await lstat(path).catch(() => null);
  if (!stat) return null;
  assert.ok(stat.isFile(), `${path} is a regular file`);
  return { bytes: await readFile(path), mode: stat.mode & 0o7777 };
}

/**
 * The invariant after a crash: the login is untouched, or it is gone and a backup holds it whole.
 * Returns whether a backup `undo` should act on exists.
 */
async function assertSafe(world: TempWorld, original: Original, label: string): Promise<boolean> {
  const now = await fileState(original.path);
  const all = await backups(world);
  const live = all.filter((b) => b.manifest && (b.manifest.state === 'complete' || b.manifest.state === 'pending'));
  // Whatever a manifest lists as saved is whole: a copy matches its checksum, a moved login is the original.
  for (const backup of live) {
    for (const entry of backup.manifest!.entries) {
      const saved = entry.storedAt ? await fileState(entry.storedAt) : null;
      if (!saved) continue;
      if (entry.method === 'copy') assert.equal(sha(saved.bytes), entry.sha256, `${label}: a torn copy in ${backup.dir}`);
      if (entry.method === 'move' && entry.path === original.path)
        assert.equal(sha(saved.bytes), sha(original.bytes), `${label}: a torn move`);
    }
  }
  if (now) {
    assert.equal(sha(now.bytes), sha(original.bytes), `${label}: the login file was changed in place`);
    assert.equal(now.mode, original.mode, `${label}: the login file's mode changed`);
    return live.length > 0;
  }
  let held = false;
  for (const backup of live) {
    for (const entry of backup.manifest!.entries) {
      if (entry.path !== original.path || !entry.storedAt) continue;
      const saved = await fileState(entry.storedAt);
      if (saved && sha(saved.bytes) === sha(original.bytes) && (entry.mode ?? saved.mode) === original.mode) held = true;
    }
  }
  assert.ok(held, `${label}: the login file is gone and no backup holds its bytes (${JSON.stringify(all.map((b) => b.manifest?.state))})`);
  return true;
}

async function undo(world: TempWorld): Promise<CliRun> {
  return runCli(['undo', '--yes'], { env: world.env, timeoutMs: 40_000 });
}

/** After a crash: check the invariant, undo, and check the bytes and mode are back. */
async function crashThenUndo(fix: FixName, kill: Kill, label: string): Promise<{ end: ChildEnd; undone: CliRun | null }> {
  const world = await makeWorld();
  try {
    const original = await plant(world);
    const end = await runFix(world, fix, kill);
    await orphansGone(world);
    for (const text of [end.stdout, end.stderr]) assertNoCanary(`${label}: fix output`, text);
    assert.ok(
      end.signal === 'SIGKILL' || (end.code !== null && end.code <= 2),
      `${label}: ended with ${end.code}/${end.signal}: ${end.stderr}`,
    );
    const hasBackup = await assertSafe(world, original, label);
    const undone = await undo(world);
    assertNoCanary(`${label}: undo output`, undone.stdout + undone.stderr);
    // The lock the crash left behind never blocks the next run: a dead holder is taken over at once
    // (and the lock is written whole, so there is no torn one to wait out).
    assert.doesNotMatch(undone.stderr, /Waiting for another fix run/, `${label}: undo waited: ${undone.stderr}`);
    if (hasBackup) assert.equal(undone.code, 0, `${label}: undo failed: ${undone.stdout}${undone.stderr}`);
    else assert.match(undone.stdout, /Nothing to undo/, `${label}: ${undone.stdout}${undone.stderr}`);
    const back = await fileState(original.path);
    assert.ok(back, `${label}: the login file is back after undo`);
    assert.equal(sha(back.bytes), sha(original.bytes), `${label}: undo restores the bytes`);
    assert.equal(back.mode, original.mode, `${label}: undo restores the mode`);
    // Undo takes the lock only when it has something to restore; any lock left is a dead one.
    const lock = await readFile(join(world.dataDir, 'fix.lock'), 'utf8').catch(() => null);
    if (hasBackup) assert.equal(lock, null, `${label}: no lock is left after undo`);
    else if (lock)
      assert.ok(lock === '' || !processAlive((JSON.parse(lock) as { pid: number }).pid), `${label}: a live lock is left: ${lock}`);
    return { end, undone };
  } finally {
    await world.cleanup();
  }
}

/** Runs jobs a few at a time (two cores: more only makes each slower). */
async function pool<T>(jobs: readonly (() => Promise<T>)[], width = 3): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]!();
      }
    }),
  );
  return results;
}

/** A small seeded PRNG (mulberry32): the random delays are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('a fix killed at any moment leaves the login or its backup, and undo restores it', { skip: POSIX_ONLY }, () => {
  for (const fix of ['reset-credentials', 'reauthenticate'] as const) {
    test(`${fix}: a full run, counted (calibration)`, async () => {
      const world = await makeWorld();
      try {
        const original = await plant(world);
        const log = join(world.root, 'writes.log');
        const end = await runFix(world, fix, { log });
        assert.equal(end.code, 2, `the login is gone until the user signs in again: ${end.stdout}${end.stderr}`);
        assert.match(
          end.stdout,
          // Done, but not green: the login is gone until the user signs in (the checks still fail).
          fix === 'reset-credentials' ? /· done: Moved ~\/\.claude\/\.credentials\.json into backup/ : /· done: Ran `claude auth logout`/,
        );
        const writes = (await readFile(log, 'utf8')).trim().split('\n');
        assert.ok(writes.length >= 10, writes.join('\n'));
        assert.ok(writes.some((w) => / rename .*\.credentials\.json$/.test(w)) === (fix === 'reset-credentials'));
        writesOf.set(fix, writes.length);
        durationOf.set(fix, end.elapsedMs);
        assert.equal(await assertSafe(world, original, 'full run'), true);
      } finally {
        await world.cleanup();
      }
    });

    test(`${fix}: SIGKILL right before each file-system write, every one`, async () => {
      const writes = writesOf.get(fix);
      assert.ok(writes, 'the calibration run counted the writes');
      const ends = await pool(
        Array.from(
          { length: writes + 1 },
          (_, i) => () => crashThenUndo(fix, { crashAt: i + 1 }, `${fix} crash before write ${i + 1}/${writes}`),
        ),
      );
      assert.ok(
        ends.slice(0, writes).every(({ end }) => end.signal === 'SIGKILL'),
        'each run died where it was told to',
      );
      assert.equal(ends[writes]?.end.code, 2, 'past the last write the run completes');
    });

    test(`${fix}: SIGKILL after seeded random delays, and SIGSTOP then SIGKILL at a random point`, async () => {
      const span = Math.max(300, (durationOf.get(fix) ?? 600) * 1.2);
      const random = seeded(fix === 'reset-credentials' ? 5 : 7);
      const jobs = Array.from({ length: 10 }, (_, i) => {
        const ms = Math.round(random() * span);
        const kill: Kill = i < 8 ? { afterMs: ms } : { stopAfterMs: ms };
        return () => crashThenUndo(fix, kill, `${fix} ${i < 8 ? 'killed' : 'stopped'} after ${ms} ms`);
      });
      await pool(jobs);
    });
  }

  test('a crash while taking the lock never leaves a torn lock: the next run takes a dead holder over at once', async () => {
    const world = await makeWorld();
    try {
      await plant(world);
      // The lock is written whole (temp file, then link): whatever write the crash lands on, what is
      // left at fix.lock is nothing or a complete holder whose process is gone.
      for (const crashAt of [1, 2, 3, 4, 5]) {
        const end = await runFix(world, 'reauthenticate', { crashAt });
        assert.equal(end.signal, 'SIGKILL', `crash at ${crashAt}`);
        const lock = await readFile(join(world.dataDir, 'fix.lock'), 'utf8').catch(() => null);
        if (lock !== null)
          assert.ok(!processAlive((JSON.parse(lock) as { pid: number }).pid), `crash at ${crashAt}: a complete, dead holder`);
        const again = await runFix(world, 'reauthenticate');
        assert.doesNotMatch(again.stderr, /Waiting for another fix run/, `crash at ${crashAt}: ${again.stderr}`);
        assert.ok(again.code !== null && again.code !== 3, `crash at ${crashAt}: ${again.stderr}`);
      }
    } finally {
      await world.cleanup();
    }
  });
});

describe('concurrent fix runs serialize', { skip: POSIX_ONLY }, () => {
  test('three reset-credentials at once: all finish, exactly one backup holds the login, undo restores it', async () => {
    const world = await makeWorld();
    try {
      const original = await plant(world);
      const ends = await Promise.all([1, 2, 3].map(() => runFix(world, 'reset-credentials')));
      for (const end of ends) {
        assert.equal(end.code, 2, end.stderr);
        assertNoCanary('concurrent fix output', end.stdout + end.stderr);
      }
      assert.equal(ends.filter((e) => /· done: Moved/.test(e.stdout)).length, 1, 'one run moved the file');
      // The others found it gone: at their step (they planned before the move), or when planning.
      const others = ends.filter((e) => /does not exist; nothing to move|there is nothing to move aside/.test(e.stdout));
      assert.equal(others.length, 2, ends.map((e) => e.stdout).join('\n----\n'));
      const all = await backups(world);
      assert.equal(all.length, 1, `one backup dir (the empty ones were dropped): ${all.map((b) => b.dir).join(', ')}`);
      assert.equal(all[0]?.manifest?.state, 'complete');
      assert.equal(all[0]?.manifest?.entries.length, 1);
      await assert.rejects(readFile(join(world.dataDir, 'fix.lock')));
      assert.equal((await undo(world)).code, 0);
      const back = await fileState(original.path);
      assert.equal(back && sha(back.bytes), sha(original.bytes));
      assert.equal(back?.mode, original.mode);
    } finally {
      await world.cleanup();
    }
  });

  test('reset-credentials and reauthenticate at once: each backup is whole, and undoing all of them restores the login', async () => {
    for (let round = 0; round < 3; round += 1) {
      const world = await makeWorld();
      try {
        const original = await plant(world);
        const ends = await Promise.all([
          runFix(world, 'reset-credentials'),
          runFix(world, 'reauthenticate'),
          runFix(world, 'reset-credentials'),
        ]);
        for (const end of ends) assert.ok(end.code !== null && end.code <= 2, end.stderr);
        for (const backup of await backups(world)) {
          assert.ok(backup.manifest, `${backup.dir} has a manifest`);
          assert.equal(backup.manifest.state, 'complete');
          for (const entry of backup.manifest.entries)
            if (entry.storedAt && entry.sha256 && entry.method === 'copy') assert.equal(sha(await readFile(entry.storedAt)), entry.sha256);
        }
        let undone = 0;
        for (;;) {
          const run = await undo(world);
          if (run.code !== 0) {
            assert.match(run.stdout, /Nothing to undo/, run.stdout + run.stderr);
            break;
          }
          undone += 1;
          assert.ok(undone <= 5);
        }
        const back = await fileState(original.path);
        assert.ok(back, `round ${round}: the login is back`);
        assert.equal(sha(back.bytes), sha(original.bytes));
        assert.equal(back.mode, original.mode);
      } finally {
        await world.cleanup();
      }
    }
  });
});
