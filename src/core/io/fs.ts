import { access, close, constants, open, read, readdir, readlink, stat as statFile, statfs } from 'node:fs';
import { promisify } from 'node:util';
import type { FileReadResult, FileSystem } from './ports.js';

// Node's callback functions, promised: `fs/promises` would load a dozen more of Node's own
// modules (readline, watchers, dirs) on every shell start, for the same system calls.
const fsp = {
  stat: promisify(statFile),
  readlink: promisify(readlink),
  open: promisify(open),
  read: promisify(read),
  close: promisify(close),
  access: promisify(access),
  readdir: promisify(readdir),
  statfs: promisify(statfs),
};

/** Real file access, bounded: a file larger than the cap is reported, never read. */
export function createFileSystem(): FileSystem {
  return {
    async readText(path: string, maxBytes: number): Promise<FileReadResult> {
      let stat;
      try {
        stat = await fsp.stat(path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
        if (code === 'ENOENT') {
          const target = await fsp.readlink(path).catch(() => null);
          return target === null ? { kind: 'missing', path } : { kind: 'dangling-link', path, target };
        }
        return { kind: 'unreadable', path, code };
      }
      if (!stat.isFile()) return { kind: 'not-a-file', path };
      if (stat.size > maxBytes) return { kind: 'too-large', path, size: stat.size, limit: maxBytes };
      let fd: number | undefined;
      try {
        fd = await fsp.open(path, constants.O_RDONLY);
        // Sized by stat, one byte over: a file that grew since is read again at the cap.
        let room = Math.min(stat.size, maxBytes) + 1;
        let buffer = Buffer.allocUnsafe(room);
        let { bytesRead } = await fsp.read(fd, buffer, 0, room, 0);
        if (bytesRead === room && room <= maxBytes) {
          room = maxBytes + 1;
          buffer = Buffer.allocUnsafe(room);
          ({ bytesRead } = await fsp.read(fd, buffer, 0, room, 0));
        }
        if (bytesRead > maxBytes) return { kind: 'too-large', path, size: bytesRead, limit: maxBytes };
        return { kind: 'ok', path, text: buffer.subarray(0, bytesRead).toString('utf8'), mode: stat.mode & 0o777, size: bytesRead };
      } catch (error) {
        return { kind: 'unreadable', path, code: (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN' };
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
