import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir } from './backup/store.js';
import { errorCode, realFixFs } from './fix-fs.js';

/** Who holds the fix lock; written into <dataDir>/fix.lock. */
export interface LockHolder {
  readonly pid: number;
  readonly nonce: string;
  readonly createdAt: string;
}

export interface FixLock {
  release(): Promise<void>;
}

export class LockBusyError extends Error {
  constructor(readonly holder: LockHolder | null) {
    super(
      holder
        ? `Another fix is running (process ${holder.pid}, since ${holder.createdAt}). Wait for it to finish, then try again.`
        : 'Another fix is running. Wait for it to finish, then try again.',
    );
  }
}

export function lockPath(dataDir: string): string {
  return join(dataDir, 'fix.lock');
}

/** Held locks of this process, by path: a fix run that holds the lock may take it again (re-entrant). */
const held = new Map<string, { count: number; nonce: string }>();

function parseHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && Number.isInteger(value.pid) && value.pid > 0 && typeof value.nonce === 'string') {
      return { pid: value.pid, nonce: value.nonce, createdAt: typeof value.createdAt === 'string' ? value.createdAt : '' };
    }
  } catch {
    // torn or foreign content: judged by age below
  }
  return null;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

async function tryCreate(path: string, holder: LockHolder): Promise<boolean> {
  let handle;
  try {
    handle = await fsp.open(path, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(holder) + '\n');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/** A lock whose writer died between creating and writing it is judged by age. */
const UNREADABLE_GRACE_MS = 5000;

/**
 * Removes a lock left by a dead process. The stale file is renamed away first and checked to be
 * the one we judged stale; if another process took the lock over in between, its lock is put
 * back with link(), which never overwrites.
 */
async function takeOverStale(path: string, seen: string): Promise<void> {
  const aside = `${path}.stale-${randomBytes(4).toString('hex')}`;
  try {
    await fsp.rename(path, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  const moved = await fsp.readFile(aside, 'utf8').catch(() => '');
  if (moved !== seen) await fsp.link(aside, path).catch(() => undefined);
  await fsp.unlink(aside).catch(() => undefined);
}

/**
 * Serialises fix runs across processes (CLI, tray, web host): two runs never change files at the
 * same time. Waits up to `waitMs` for a live holder; a lock whose process is gone is taken over.
 */
export async function acquireFixLock(
  dataDir: string,
  options: { readonly waitMs?: number; readonly pollMs?: number; readonly onWait?: (holder: LockHolder | null) => void } = {},
): Promise<FixLock> {
  const path = lockPath(dataDir);
  const mine = held.get(path);
  if (mine) {
    mine.count += 1;
    return { release: () => releaseLock(path) };
  }
  await ensurePrivateDir(realFixFs, dataDir);
  const deadline = Date.now() + (options.waitMs ?? 30_000);
  let told = false;
  const holder: LockHolder = { pid: process.pid, nonce: randomBytes(8).toString('hex'), createdAt: new Date().toISOString() };
  for (;;) {
    if (await tryCreate(path, holder)) {
      held.set(path, { count: 1, nonce: holder.nonce });
      return { release: () => releaseLock(path) };
    }
    const text = await fsp.readFile(path, 'utf8').catch(() => null);
    if (text === null) continue;
    const other = parseHolder(text);
    const stat = await fsp.stat(path).catch(() => null);
    const dead = other ? !processAlive(other.pid) : stat !== null && Date.now() - stat.mtimeMs > UNREADABLE_GRACE_MS;
    if (dead) {
      await takeOverStale(path, text);
      continue;
    }
    if (Date.now() >= deadline) throw new LockBusyError(other);
    if (!told) {
      told = true;
      options.onWait?.(other);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
  }
}

async function releaseLock(path: string): Promise<void> {
  const mine = held.get(path);
  if (!mine) return;
  mine.count -= 1;
  if (mine.count > 0) return;
  held.delete(path);
  // Only remove the lock if it is still ours (a takeover by mistake must not be undone blindly).
  const text = await fsp.readFile(path, 'utf8').catch(() => null);
  if (text !== null && parseHolder(text)?.nonce === mine.nonce) await fsp.unlink(path).catch(() => undefined);
}
