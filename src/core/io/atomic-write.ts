import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The calls the writer makes; injected so a test can make one of them fail. */
export type AtomicWriteFs = Pick<typeof fsp, 'open' | 'rename' | 'stat' | 'unlink'>;

export interface AtomicWriteOptions {
  /** The new file's mode. Without it, the mode of the file being replaced, else 0600 (assume anything we write may be secret). */
  readonly mode?: number;
  /** Owner to give the file back when running as root, so a file put back by `sudo` stays the user's. */
  readonly owner?: { readonly uid: number; readonly gid: number } | null;
  readonly fs?: AtomicWriteFs;
}

/**
 * Writes a file so a reader sees the old bytes or the new, never a torn mix: a temp file in the
 * same directory, fsync, rename over. The one writer for every file the tool writes.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const fs = options.fs ?? fsp;
  let mode = options.mode;
  if (mode === undefined) mode = ((await fs.stat(path).catch(() => null))?.mode ?? 0o600) & 0o777;
  const temp = join(dirname(path), `.${basename(path)}.cad-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.chmod(mode);
    if (options.owner && process.getuid?.() === 0) await handle.chown(options.owner.uid, options.owner.gid);
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
