import { promises as fsp, type Stats } from 'node:fs';

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
