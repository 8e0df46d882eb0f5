import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The calls the writer makes; injected so a test can make one of them fail. */
export type AtomicWriteFs = Pick<typeof fsp, 'open' | 'rename' | 'lstat' | 'unlink'>;

export interface AtomicWriteOptions {
  /**
   * The new file's mode. Without it, the mode of the file being replaced, else 0600 (assume anything
   * we write may be secret). Only permission bits are ever set: setuid, setgid and sticky are dropped.
   */
  readonly mode?: number;
  /** Owner to give the file back when running as root, so a file put back by `sudo` stays the user's. */
  readonly owner?: { readonly uid: number; readonly gid: number } | null;
  readonly fs?: AtomicWriteFs;
}

export interface AtomicWriteResult {
  /** sha256 of exactly the bytes written, computed while writing (no read-back needed). */
  readonly sha256: string;
  readonly size: number;
}

async function writeAll(
  handle: fsp.FileHandle,
  data: string | Uint8Array | AsyncIterable<Uint8Array>,
  hash: ReturnType<typeof createHash>,
): Promise<number> {
  if (typeof data === 'string' || data instanceof Uint8Array) {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    hash.update(bytes);
    await handle.writeFile(bytes);
    return bytes.length;
  }
  let size = 0;
  for await (const chunk of data) {
    hash.update(chunk);
    let written = 0;
    while (written < chunk.length) written += (await handle.write(chunk, written, chunk.length - written)).bytesWritten;
    size += chunk.length;
  }
  return size;
}

/**
 * Writes a file so a reader sees the old bytes or the new, never a torn mix: a temp file in the
 * same directory (created exclusively, so never through a planted link), fsync, rename over (which
 * replaces a symlink at `path` rather than following it). The one writer for every file the tool
 * writes. `data` may be a stream of chunks, so a copy of a file of any size costs one chunk.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array | AsyncIterable<Uint8Array>,
  options: AtomicWriteOptions = {},
): Promise<AtomicWriteResult> {
  const fs = options.fs ?? fsp;
  let mode = options.mode;
  if (mode === undefined) {
    const current = await fs.lstat(path).catch(() => null);
    mode = current?.isFile() ? current.mode : 0o600;
  }
  mode &= 0o777;
  const temp = join(dirname(path), `.${basename(path)}.cad-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx', mode);
  const hash = createHash('sha256');
  let size: number;
  try {
    size = await writeAll(handle, data, hash);
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
  return { sha256: hash.digest('hex'), size };
}
