import {
  access,
  close,
  constants,
  lstat,
  open,
  read,
  readdir,
  readlink,
  stat as statFile,
  statfs,
  type Stats,
  type StatsFs,
} from 'node:fs';
import type { FileReadResult, FileSystem } from './ports.js';

// Node's callback functions, promised by hand: `fs/promises` would load a dozen more of Node's own
// modules (readline, watchers, dirs) on every shell start, and util.promisify's first use costs
// ~0.2 ms more (docs/BENCHMARKS.md), for the same system calls.
function call<T>(start: (done: (error: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value))));
}
const fsp = {
  lstat: (path: string) => call<Stats>((done) => lstat(path, done)),
  stat: (path: string) => call<Stats>((done) => statFile(path, done)),
  readlink: (path: string) => call<string>((done) => readlink(path, done)),
  open: (path: string, flags: number) => call<number>((done) => open(path, flags, done)),
  /** Resolves to the number of bytes read. */
  read: (fd: number, buffer: Buffer, length: number) => call<number>((done) => read(fd, buffer, 0, length, 0, done)),
  close: (fd: number) => call<void>((done) => close(fd, done)),
  access: (path: string, mode?: number) => call<void>((done) => access(path, mode, done)),
  readdir: (path: string) => call<string[]>((done) => readdir(path, done)),
  statfs: (path: string) => call<StatsFs>((done) => statfs(path, done)),
};

const codeOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';

/** Real file access, bounded: a file larger than the cap is reported, never read. */
export function createFileSystem(): FileSystem {
  return {
    async readText(path: string, maxBytes: number): Promise<FileReadResult> {
      // lstat first: a missing file (most of the settings files a check looks for) is then one call,
      // where stat needs a readlink more to tell it from a link to nowhere.
      let stat: Stats;
      try {
        stat = await fsp.lstat(path);
      } catch (error) {
        const code = codeOf(error);
        return code === 'ENOENT' ? { kind: 'missing', path } : { kind: 'unreadable', path, code };
      }
      if (stat.isSymbolicLink()) {
        try {
          stat = await fsp.stat(path);
        } catch (error) {
          const code = codeOf(error);
          if (code !== 'ENOENT') return { kind: 'unreadable', path, code };
          const target = await fsp.readlink(path).catch(() => null);
          return target === null ? { kind: 'missing', path } : { kind: 'dangling-link', path, target };
        }
      }
      if (!stat.isFile()) return { kind: 'not-a-file', path };
      if (stat.size > maxBytes) return { kind: 'too-large', path, size: stat.size, limit: maxBytes };
      let fd: number | undefined;
      try {
        fd = await fsp.open(path, constants.O_RDONLY);
        // Sized by stat, one byte over: a file that grew since is read again at the cap.
        let room = Math.min(stat.size, maxBytes) + 1;
        let buffer = Buffer.allocUnsafe(room);
        let bytesRead = await fsp.read(fd, buffer, room);
        if (bytesRead === room && room <= maxBytes) {
          room = maxBytes + 1;
          buffer = Buffer.allocUnsafe(room);
          bytesRead = await fsp.read(fd, buffer, room);
        }
        if (bytesRead > maxBytes) return { kind: 'too-large', path, size: bytesRead, limit: maxBytes };
        return { kind: 'ok', path, text: buffer.subarray(0, bytesRead).toString('utf8'), mode: stat.mode & 0o777, size: bytesRead };
      } catch (error) {
        return { kind: 'unreadable', path, code: codeOf(error) };
      } finally {
        if (fd !== undefined) await fsp.close(fd).catch(() => undefined);
      }
    },
    async exists(path: string): Promise<boolean> {
      return fsp.access(path).then(
        () => true,
        () => false,
      );
    },
    async list(path: string): Promise<string[]> {
      return fsp.readdir(path).catch(() => []);
    },
    async space(path: string) {
      try {
        const stats = await fsp.statfs(path);
        const writable = await fsp.access(path, constants.W_OK).then(
          () => true,
          () => false,
        );
        return { freeBytes: Number(stats.bavail) * Number(stats.bsize), writable };
      } catch {
        return null;
      }
    },
  };
}
