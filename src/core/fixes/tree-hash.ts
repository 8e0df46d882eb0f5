import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { FixFs } from './fix-fs.js';
import { hashRegularFile, identityOf } from '../io/safe-file.js';

const MAX_ENTRIES = 20_000;

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * One hash for a file or a whole directory tree: every entry's relative path, type, permission
 * bits and content (or link target). Used to prove a restored directory is the one moved away.
 * Null when the tree is too big to hash in reasonable time (then only the move is trusted).
 * Files are hashed as streams through a handle that refuses a swapped-in link, so size is no limit.
 */
export async function treeHash(fs: FixFs, root: string): Promise<string | null> {
  const hash = createHash('sha256');
  let count = 0;
  async function visit(path: string, rel: string): Promise<boolean> {
    if (++count > MAX_ENTRIES) return false;
    const stat = await fs.lstat(path);
    const mode = (stat.mode & 0o7777).toString(8);
    if (stat.isSymbolicLink()) {
      hash.update(`L\0${rel}\0${mode}\0${await fs.readlink(path)}\0`);
    } else if (stat.isDirectory()) {
      hash.update(`D\0${rel}\0${mode}\0`);
      const names = (await fs.readdir(path)).sort();
      for (const name of names) if (!(await visit(join(path, name), rel === '' ? name : `${rel}/${name}`))) return false;
    } else if (stat.isFile()) {
      hash.update(`F\0${rel}\0${mode}\0${(await hashRegularFile(fs, path, identityOf(stat))).sha256}\0`);
    } else {
      hash.update(`O\0${rel}\0${mode}\0`);
    }
    return true;
  }
  return (await visit(root, '')) ? hash.digest('hex') : null;
}
