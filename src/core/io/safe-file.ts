import { constants, type promises as fsp, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { fsCalls, readUpTo } from './fs-calls.js';

/**
 * Reading a file the tool did not write, without being fooled: the last path component must not
 * be a symbolic link (O_NOFOLLOW), the thing opened must be a regular file (a FIFO would block, a
 * device would never end), and, when the caller looked at it before, it must be that very file
 * (device and inode compared on the open handle). Contents are read in chunks, never whole.
 */

export type OpenFs = Pick<typeof fsp, 'open'>;

/** 0 where the OS has no such flag (Windows): there a symlink is refused by the lstat the callers make. */
export const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;
const CHUNK = 1024 * 1024;

export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
}

export function identityOf(stat: Stats): FileIdentity {
  return { dev: stat.dev, ino: stat.ino };
}

/** An error with a code and a message that names the path and says what it is. */
export function fileError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

/** How the file is opened: the last component not followed, and without waiting on a FIFO. */
const OPEN_FLAGS = constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK;

/** The open's error, a symbolic link in the last component named as one. */
function openError(error: unknown, path: string): unknown {
  return (error as NodeJS.ErrnoException).code === 'ELOOP' ? fileError('ELOOP', `${path} is a symbolic link`) : error;
}

/** Why what was opened may not be read: not a regular file, or not the file `expect` names; null when it may. */
function refusal(path: string, stat: Stats, expect?: FileIdentity): NodeJS.ErrnoException | null {
  if (!stat.isFile()) return fileError('ENOTREG', `${path} is not a regular file`);
  if (expect && (stat.dev !== expect.dev || stat.ino !== expect.ino))
    return fileError('ECHANGED', `${path} was replaced by another file while the doctor was working on it`);
  return null;
}

const tooLarge = (path: string, maxBytes: number): NodeJS.ErrnoException =>
  fileError('EFBIG', `${path} is larger than ${maxBytes} bytes, more than the doctor reads from such a file`);

/** Opens a regular file for reading; refuses a symlink, anything not a regular file, and a file that is not `expect`. */
export async function openRegularFile(fs: OpenFs, path: string, expect?: FileIdentity): Promise<{ handle: FileHandle; stat: Stats }> {
  let handle: FileHandle;
  try {
    handle = await fs.open(path, OPEN_FLAGS);
  } catch (error) {
    throw openError(error, path);
  }
  const stat = await handle.stat().catch(async (error: unknown) => {
    await handle.close().catch(() => undefined);
    throw error;
  });
  const problem = refusal(path, stat, expect);
  if (problem) {
    await handle.close().catch(() => undefined);
    throw problem;
  }
  return { handle, stat };
}

/**
 * readRegularFile for a small file on a path that must not wait for `fs/promises` (~1 ms of
 * Node's own modules): the snapshot `status` and `statusline` read. The same refusals, through
 * Node's callback functions.
 */
export async function readSmallRegularFile(path: string, options: { readonly maxBytes: number }): Promise<{ bytes: Buffer; stat: Stats }> {
  let fd: number;
  try {
    fd = await fsCalls.open(path, OPEN_FLAGS);
  } catch (error) {
    throw openError(error, path);
  }
  try {
    const stat = await fsCalls.fstat(fd);
    const problem = refusal(path, stat);
    if (problem) throw problem;
    const bytes = stat.size > options.maxBytes ? null : await readUpTo(fd, stat.size, options.maxBytes);
    if (bytes === null) throw tooLarge(path, options.maxBytes);
    return { bytes, stat };
  } finally {
    await fsCalls.close(fd).catch(() => undefined);
  }
}

/** The bytes of an open file, chunk by chunk (each chunk a fresh buffer). */
export async function* chunksOf(handle: FileHandle): AsyncGenerator<Buffer> {
  let position = 0;
  for (;;) {
    const buffer = Buffer.allocUnsafe(CHUNK);
    const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
    if (bytesRead === 0) return;
    position += bytesRead;
    yield buffer.subarray(0, bytesRead);
  }
}

/** Reads a regular file up to `maxBytes` (more is an error naming the file and the limit). */
export async function readRegularFile(
  fs: OpenFs,
  path: string,
  options: { readonly maxBytes: number; readonly expect?: FileIdentity },
): Promise<{ bytes: Buffer; stat: Stats }> {
  const { handle, stat } = await openRegularFile(fs, path, options.expect);
  try {
    const parts: Buffer[] = [];
    let size = 0;
    for await (const chunk of chunksOf(handle)) {
      size += chunk.length;
      if (size > options.maxBytes) throw tooLarge(path, options.maxBytes);
      parts.push(chunk);
    }
    return { bytes: Buffer.concat(parts), stat };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** sha256 and size of a regular file, streamed: a file of any size costs one chunk of memory. */
export async function hashRegularFile(
  fs: OpenFs,
  path: string,
  expect?: FileIdentity,
): Promise<{ sha256: string; size: number; stat: Stats }> {
  const { handle, stat } = await openRegularFile(fs, path, expect);
  try {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of chunksOf(handle)) {
      hash.update(chunk);
      size += chunk.length;
    }
    return { sha256: hash.digest('hex'), size, stat };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
