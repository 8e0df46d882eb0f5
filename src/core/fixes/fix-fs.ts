import { randomBytes } from 'node:crypto';
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
 * Temp file in the same directory, fsync, rename over: a reader sees the old bytes or the new.
 * The mode is set explicitly (0600 for anything that may hold a secret); as root the owner is
 * restored too, so a file put back by `sudo` stays the user's.
 */
export async function writeAtomic(
  fs: FixFs,
  path: string,
  data: string | Uint8Array,
  options: { readonly mode: number; readonly owner?: { readonly uid: number; readonly gid: number } | null },
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.cad-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx', options.mode);
  try {
    await handle.writeFile(data);
    await handle.chmod(options.mode);
    if (options.owner && isRoot()) await handle.chown(options.owner.uid, options.owner.gid);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await fs.rename(temp, path);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}
