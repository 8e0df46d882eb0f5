import { access, close, fstat, lstat, open, read, readdir, readlink, stat, statfs, type Stats, type StatsFs } from 'node:fs';

// Node's callback functions, promised by hand: `fs/promises` loads a dozen more of Node's own
// modules (readline, watchers, dirs: ~1 ms) and util.promisify's first use ~0.2 ms more, paid on
// every shell start and every `status` for the same system calls (docs/BENCHMARKS.md).
function call<T>(start: (done: (error: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value))));
}

export const fsCalls = {
  lstat: (path: string) => call<Stats>((done) => lstat(path, done)),
  stat: (path: string) => call<Stats>((done) => stat(path, done)),
  fstat: (fd: number) => call<Stats>((done) => fstat(fd, done)),
  readlink: (path: string) => call<string>((done) => readlink(path, done)),
  open: (path: string, flags: number) => call<number>((done) => open(path, flags, done)),
  /** Resolves to the number of bytes read into `buffer` from its start, `position` bytes into the file. */
  read: (fd: number, buffer: Buffer, position: number) => call<number>((done) => read(fd, buffer, 0, buffer.length, position, done)),
  close: (fd: number) => call<void>((done) => close(fd, done)),
  access: (path: string, mode?: number) => call<void>((done) => access(path, mode, done)),
  readdir: (path: string) => call<string[]>((done) => readdir(path, done)),
  statfs: (path: string) => call<StatsFs>((done) => statfs(path, done)),
};

/**
 * The bytes of an open file, at most `maxBytes`, or null when it holds more. Sized by `sizeHint`
 * (its fstat or stat), one byte over: a file that grew since is read again at the cap.
 */
export async function readUpTo(fd: number, sizeHint: number, maxBytes: number): Promise<Buffer | null> {
  let buffer = Buffer.allocUnsafe(Math.min(sizeHint, maxBytes) + 1);
  let bytesRead = await fsCalls.read(fd, buffer, 0);
  if (bytesRead === buffer.length && buffer.length <= maxBytes) {
    buffer = Buffer.allocUnsafe(maxBytes + 1);
    bytesRead = await fsCalls.read(fd, buffer, 0);
  }
  return bytesRead > maxBytes ? null : buffer.subarray(0, bytesRead);
}
