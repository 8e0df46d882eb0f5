import { randomBytes } from 'node:crypto';
import { promises as fsp, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readRegularFile } from '../io/safe-file.js';
import { ensurePrivateDir } from './backup/store.js';
import { errorCode, realFixFs } from './fix-fs.js';

/** Who holds the fix lock; written into <dataDir>/fix.lock. */
export interface LockHolder {
  readonly pid: number;
  readonly nonce: string;
  readonly createdAt: string;
  /** The machine: a holder on another one (a shared home) is never judged gone. */
  readonly host?: string;
  /** Linux: the process's start time (from /proc), so a reused pid is not mistaken for the holder. */
  readonly started?: string | null;
}

export interface FixLock {
  release(): Promise<void>;
}

export class LockBusyError extends Error {
  constructor(
    readonly holder: LockHolder | null,
    readonly path: string,
  ) {
    super(
      `${holder ? `Another fix is running (process ${holder.pid}${holder.host && holder.host !== hostname() ? ` on ${holder.host}` : ''}, since ${holder.createdAt})` : 'Another fix is running'}. Wait for it to finish, then try again. If no fix is running, the lock ${path} is left over: remove it and try again.`,
    );
  }
}

/** The lock path holds something the doctor did not write or cannot use: waiting would never help. */
export class LockUnusableError extends Error {}

export function lockPath(dataDir: string): string {
  return join(dataDir, 'fix.lock');
}

/** Held locks of this process, by path: a fix run that holds the lock may take it again (re-entrant). */
const held = new Map<string, { count: number; nonce: string }>();

function parseHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && Number.isInteger(value.pid) && value.pid > 0 && typeof value.nonce === 'string') {
      return {
        pid: value.pid,
        nonce: value.nonce,
        createdAt: typeof value.createdAt === 'string' ? value.createdAt : '',
        host: typeof value.host === 'string' ? value.host : undefined,
        started: typeof value.started === 'string' ? value.started : null,
      };
    }
  } catch {
    // not a holder
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

/** Field 22 of /proc/<pid>/stat (clock ticks after boot); null where there is no /proc. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Provably gone: no such process, or (Linux) a process with that pid started at another time. */
function holderGone(holder: LockHolder): boolean {
  if (holder.host !== undefined && holder.host !== hostname()) return false;
  if (!processAlive(holder.pid)) return true;
  const now = holder.started ? processStartTime(holder.pid) : null;
  return now !== null && now !== holder.started;
}

/**
 * Creates the lock with its holder already inside: written to a temp file, then hard-linked into
 * place (link never replaces), so no reader ever sees an empty or torn lock. Where the file system
 * has no hard links, an exclusive create.
 */
async function tryCreate(path: string, holder: LockHolder): Promise<boolean> {
  const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const handle = await fsp.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(JSON.stringify(holder) + '\n');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fsp.link(temp, path);
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    const direct = await fsp.open(path, 'wx', 0o600).catch((e: unknown) => (errorCode(e) === 'EEXIST' ? null : Promise.reject(e)));
    if (!direct) return false;
    try {
      await direct.writeFile(JSON.stringify(holder) + '\n');
      await direct.sync();
    } finally {
      await direct.close();
    }
    return true;
  } finally {
    await fsp.unlink(temp).catch(() => undefined);
  }
}

/** A lock left empty by an older version's crash (it created, then wrote) is judged by age. */
const EMPTY_GRACE_MS = 5000;

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
  const moved = await readRegularFile(fsp, aside, { maxBytes: 4096 })
    .then((r) => r.bytes.toString('utf8'))
    .catch(() => '');
  if (moved !== seen) await fsp.link(aside, path).catch(() => undefined);
  await fsp.unlink(aside).catch(() => undefined);
}

type Seen = { kind: 'gone' } | { kind: 'stale'; text: string } | { kind: 'held'; holder: LockHolder | null };

/** What is at the lock path, judged without ever following a link or reading a foreign file. */
async function inspect(path: string): Promise<Seen> {
  const stat = await fsp.lstat(path).catch((error: unknown) => (errorCode(error) === 'ENOENT' ? null : Promise.reject(error)));
  if (!stat) return { kind: 'gone' };
  const what = stat.isDirectory() ? 'a folder' : stat.isSymbolicLink() ? 'a symbolic link' : stat.isFile() ? null : 'not a regular file';
  if (what)
    throw new LockUnusableError(
      `The fix lock ${path} is ${what}, not a lock the doctor made. Move it away (mv "${path}" "${path}.old"), then try again.`,
    );
  const me = process.geteuid?.();
  if (me !== undefined && stat.uid !== me) {
    throw new LockUnusableError(
      `The fix lock ${path} belongs to ${stat.uid === 0 ? 'root (left by a run under sudo?)' : `another user (uid ${stat.uid})`}, so this run cannot use it. If no fix is running, remove it${stat.uid === 0 ? ` with: sudo rm "${path}"` : ''}, then try again.`,
    );
  }
  let text: string;
  try {
    text = (await readRegularFile(fsp, path, { maxBytes: 4096 })).bytes.toString('utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'gone' };
    throw new LockUnusableError(
      `The fix lock ${path} cannot be read (${(error as Error).message}). If no fix is running, remove it, then try again.`,
    );
  }
  const holder = parseHolder(text);
  if (holder) return holderGone(holder) ? { kind: 'stale', text } : { kind: 'held', holder };
  if (text === '') return Date.now() - stat.mtimeMs > EMPTY_GRACE_MS ? { kind: 'stale', text } : { kind: 'held', holder: null };
  throw new LockUnusableError(
    `The fix lock ${path} holds something the doctor did not write. If no fix is running, remove it, then try again.`,
  );
}

/**
 * Serialises fix runs across processes (CLI, tray, web host): two runs never change files at the
 * same time. Waits up to `waitMs` for a live holder, then gives up naming it and the lock's path;
 * a lock whose process is provably gone is taken over. What is not a lock the doctor can use (a
 * folder, a link, another user's file) is refused at once with what to do.
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
  const holder: LockHolder = {
    pid: process.pid,
    nonce: randomBytes(8).toString('hex'),
    createdAt: new Date().toISOString(),
    host: hostname(),
    started: processStartTime(process.pid),
  };
  for (let attempt = 0; ; attempt++) {
    if (await tryCreate(path, holder)) {
      held.set(path, { count: 1, nonce: holder.nonce });
      return { release: () => releaseLock(path) };
    }
    const seen = await inspect(path);
    if (seen.kind === 'stale') {
      await takeOverStale(path, seen.text);
      continue;
    }
    if (Date.now() >= deadline) throw new LockBusyError(seen.kind === 'held' ? seen.holder : null, path);
    if (seen.kind === 'held' && !told) {
      told = true;
      options.onWait?.(seen.holder);
    }
    // 'gone': released between our create and our look; try again at once, but never spin.
    const pause = seen.kind === 'gone' ? Math.min(50, attempt) : (options.pollMs ?? 100);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

async function releaseLock(path: string): Promise<void> {
  const mine = held.get(path);
  if (!mine) return;
  mine.count -= 1;
  if (mine.count > 0) return;
  held.delete(path);
  // Only remove the lock if it is still ours (a takeover by mistake must not be undone blindly).
  const text = await readRegularFile(fsp, path, { maxBytes: 4096 })
    .then((r) => r.bytes.toString('utf8'))
    .catch(() => null);
  if (text !== null && parseHolder(text)?.nonce === mine.nonce) await fsp.unlink(path).catch(() => undefined);
}
