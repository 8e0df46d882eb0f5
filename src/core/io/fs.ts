import { constants, type Stats } from 'node:fs';
import { fsCalls as fsp, readUpTo } from './fs-calls.js';
import type { FileReadResult, FileSystem } from './ports.js';

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
        const bytes = await readUpTo(fd, stat.size, maxBytes);
        if (bytes === null) return { kind: 'too-large', path, size: maxBytes + 1, limit: maxBytes };
        return { kind: 'ok', path, text: bytes.toString('utf8'), mode: stat.mode & 0o777, size: bytes.length };
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
