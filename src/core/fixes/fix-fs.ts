import { promises as fsp, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The writing half of the file system, as the fix engine uses it. Injected so tests can make one
 * operation fail (a rename, a write) and prove a step leaves the old bytes or the new, never a mix.
 */
export type FixFs = Pick<
  typeof fsp,
  | 'rename'
  | 'copyFile'
  | 'readFile'
  | 'writeFile'
  | 'open'
  | 'chmod'
  | 'chown'
  | 'lchown'
  | 'realpath'
  | 'mkdir'
  | 'stat'
  | 'lstat'
  | 'readdir'
  | 'unlink'
  | 'rmdir'
  | 'readlink'
>;

export const realFixFs: FixFs = fsp;

export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | null)?.code ?? 'EUNKNOWN';
}

export async function lstatOrNull(fs: FixFs, path: string): Promise<Stats | null> {
  try {
    return (await fs.lstat(path)) as Stats;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/**
 * The real path of the folder `path` is in, also when that folder does not exist yet: the real
 * path of its nearest existing ancestor plus the missing names. Recorded when something is backed
 * up, so a restore can tell that a folder was swapped for a symbolic link in between.
 */
export async function realParent(fs: FixFs, path: string): Promise<string> {
  let existing = dirname(path);
  const missing: string[] = [];
  while (!(await lstatOrNull(fs, existing))) {
    const up = dirname(existing);
    if (up === existing) break;
    missing.unshift(basename(existing));
    existing = up;
  }
  return join(await fs.realpath(existing), ...missing);
}
