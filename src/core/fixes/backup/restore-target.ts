import { constants } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { chunksOf, fileError, O_NOFOLLOW, openRegularFile, type FileIdentity } from '../../io/safe-file.js';
import type { BackupEntry } from './manifest.js';
import { errorCode, isRoot, lstatOrNull, type FixFs } from '../fix-fs.js';

/**
 * Where a restore may write, and how it touches what it finds there: only at the exact path that
 * was saved, in the very folder it was saved from (compared by real path, so a folder swapped for
 * a symbolic link is refused), never following a link, never setting setuid/setgid/sticky.
 */

export interface TargetContext {
  readonly fs: FixFs;
  readonly show: (path: string) => string;
}

/**
 * The path to restore `entry` to, with every folder on the way checked: the real path of the
 * nearest existing ancestor plus the missing names must be the folder recorded at backup time.
 * Missing folders are created one by one (0700), each checked to be a real folder.
 */
export async function restoreTarget(ctx: TargetContext, entry: BackupEntry & { path: string }): Promise<string> {
  const recorded = entry.parentReal;
  const parent = dirname(entry.path);
  if (!recorded) throw fileError('EINVAL', `the backup does not record the folder of ${ctx.show(entry.path)}`);
  let existing = parent;
  const missing: string[] = [];
  while (!(await lstatOrNull(ctx.fs, existing))) {
    const up = dirname(existing);
    if (up === existing) break;
    missing.unshift(basename(existing));
    existing = up;
  }
  const realExisting = await ctx.fs.realpath(existing);
  const now = join(realExisting, ...missing);
  if (now !== recorded) {
    throw fileError(
      'ECHANGED',
      `${ctx.show(parent)} now leads to ${now}, not to ${recorded} as when it was backed up (was a folder replaced by a symbolic link?); nothing was restored there`,
    );
  }
  let at = realExisting;
  for (const name of missing) {
    at = join(at, name);
    await ctx.fs.mkdir(at, { mode: 0o700 }).catch((error: unknown) => {
      if (errorCode(error) !== 'EEXIST') throw error;
    });
    const made = await ctx.fs.lstat(at);
    if (!made.isDirectory()) throw fileError('ENOTDIR', `${ctx.show(at)} is not a folder`);
  }
  return join(recorded, basename(entry.path));
}

/** Copies a regular file (never through a link) into a new private file; returns its sha256. */
export async function copyPrivately(fs: FixFs, from: string, to: string, expect?: FileIdentity): Promise<string> {
  const { handle } = await openRegularFile(fs, from, expect);
  try {
    return (await writeFileAtomic(to, chunksOf(handle), { fs, mode: 0o600 })).sha256;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Moves whatever is at `target` to `aside` (a link is moved as the link, never followed). Across
 * disks a regular file is copied instead and left for the restore's atomic rename to replace.
 */
export async function moveOutOfTheWay(fs: FixFs, target: string, aside: () => Promise<string>): Promise<string | null> {
  const stat = await lstatOrNull(fs, target);
  if (!stat) return null;
  const to = await aside();
  try {
    await fs.rename(target, to);
  } catch (error) {
    if (errorCode(error) !== 'EXDEV' || !stat.isFile()) throw error;
    await copyPrivately(fs, target, to, { dev: stat.dev, ino: stat.ino });
  }
  return to;
}

/**
 * After a moved-back file or folder is in place: drop setuid/setgid/sticky, and give it back to its
 * recorded owner when running as root. Done on a handle opened without following links and checked
 * to be the very thing that was renamed (device and inode); a link itself is only ever lchown'ed.
 */
export async function settleMoved(fs: FixFs, target: string, entry: BackupEntry, moved: FileIdentity): Promise<void> {
  const owner = entry.uid !== null && entry.gid !== null && isRoot() ? { uid: entry.uid, gid: entry.gid } : null;
  const stat = await fs.lstat(target);
  if (stat.dev !== moved.dev || stat.ino !== moved.ino) throw fileError('ECHANGED', `${target} changed while it was being restored`);
  if (stat.isSymbolicLink()) {
    if (owner) await fs.lchown(target, owner.uid, owner.gid);
    return;
  }
  if ((stat.mode & 0o7000) === 0 && !owner) return;
  const directory = stat.isDirectory() ? (constants.O_DIRECTORY ?? 0) : 0;
  const handle = await fs.open(target, constants.O_RDONLY | O_NOFOLLOW | directory | (constants.O_NONBLOCK ?? 0));
  try {
    const opened = await handle.stat();
    if (opened.dev !== moved.dev || opened.ino !== moved.ino) throw fileError('ECHANGED', `${target} changed while it was being restored`);
    if (opened.mode & 0o7000) await handle.chmod(opened.mode & 0o777);
    if (owner) await handle.chown(owner.uid, owner.gid);
  } finally {
    await handle.close().catch(() => undefined);
  }
}
