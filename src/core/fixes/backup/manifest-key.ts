import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { readRegularFile } from '../../io/safe-file.js';
import { errorCode } from '../fix-fs.js';

/**
 * Backup manifests say what `undo` writes where, with which mode and owner: data an attacker would
 * love to write. Each one is signed (HMAC-SHA256) with a key kept in a 0600 file of its own beside
 * the backups, never inside them, owned by whoever runs the doctor. A manifest that does not verify
 * is not one the doctor wrote, and `undo` does not act on it.
 */

export const MANIFEST_KEY_FILE = 'manifest.key';
const KEY_BYTES = 32;
const DOMAIN = 'claude-auth-doctor backup manifest v2\n';

export function manifestKeyPath(dataDir: string): string {
  return join(dataDir, MANIFEST_KEY_FILE);
}

export class ManifestKeyError extends Error {}

function euid(): number | null {
  return process.geteuid?.() ?? null;
}

/** Reads the key; null when there is none yet. Refuses a key another user could have written or read. */
export async function readManifestKey(dataDir: string): Promise<Buffer | null> {
  const path = manifestKeyPath(dataDir);
  let read;
  try {
    read = await readRegularFile(fsp, path, { maxBytes: 1024 });
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw new ManifestKeyError(`The key that signs backups, ${path}, cannot be used: ${(error as Error).message}.`);
  }
  const me = euid();
  if (me !== null && (read.stat.uid !== me || (read.stat.mode & 0o077) !== 0)) {
    throw new ManifestKeyError(
      `The key that signs backups, ${path}, is not private to you (owner uid ${read.stat.uid}, mode ${(read.stat.mode & 0o777).toString(8)}), so backups signed with it cannot be trusted. Move it aside; new backups get a new key.`,
    );
  }
  const key = Buffer.from(read.bytes.toString('utf8').trim(), 'hex');
  if (key.length !== KEY_BYTES)
    throw new ManifestKeyError(`The key that signs backups, ${path}, is damaged. Move it aside; new backups get a new key.`);
  return key;
}

/** The key, created (0600, exclusively: two first runs agree on one key) when there is none. */
export async function loadOrCreateManifestKey(dataDir: string): Promise<Buffer> {
  const existing = await readManifestKey(dataDir);
  if (existing) return existing;
  const path = manifestKeyPath(dataDir);
  const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const handle = await fsp.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${randomBytes(KEY_BYTES).toString('hex')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    // link() never replaces: if another run made the key first, its key wins.
    await fsp.link(temp, path).catch(async (error: unknown) => {
      const code = errorCode(error);
      if (code === 'EEXIST') return;
      // A file system without hard links: a rename, which a concurrent first run could only replace with its own key.
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') return fsp.rename(temp, path);
      throw error;
    });
  } finally {
    await fsp.unlink(temp).catch(() => undefined);
  }
  const key = await readManifestKey(dataDir);
  if (!key) throw new ManifestKeyError(`The key that signs backups could not be created at ${path}.`);
  return key;
}

export function signManifest(key: Buffer, canonical: string): string {
  return createHmac('sha256', key).update(DOMAIN).update(canonical).digest('hex');
}

export function verifyManifest(key: Buffer, canonical: string, mac: string): boolean {
  const expected = Buffer.from(signManifest(key, canonical), 'hex');
  const given = Buffer.from(mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
