import { writeFileAtomic } from '../../io/atomic-write.js';
import { readRegularFile } from '../../io/safe-file.js';
import { basename, dirname, isAbsolute, join, normalize } from 'node:path';
import type { BackupState } from '../types.js';
import type { SecretStoreName } from '../../keychain/secret-stores.js';
import { errorCode, type FixFs } from '../fix-fs.js';
import { signManifest, verifyManifest } from './manifest-key.js';

/**
 * One thing saved before a change. `method` says how undo brings it back:
 * copy → the saved bytes are written back; move → the moved file/dir is renamed back;
 * export → the saved secret is written back into its keychain; absent → it did not exist, so
 * whatever is there now is moved away (never deleted). No field holds a secret: the secret bytes
 * of an export live only in the file at `storedAt` (0600, in a 0700 dir).
 */
export interface BackupEntry {
  readonly kind: 'file' | 'dir' | 'symlink' | 'keychain-item';
  readonly what: string;
  readonly path: string | null;
  /**
   * The real path of the folder `path` was in when it was saved. Undo restores only there: if the
   * folder now leads elsewhere (swapped for a symbolic link), it refuses.
   */
  readonly parentReal: string | null;
  readonly keychain: { readonly store: SecretStoreName; readonly service: string; readonly account: string } | null;
  readonly method: 'copy' | 'move' | 'export' | 'absent';
  readonly storedAt: string | null;
  /** sha256 of the bytes (files, keychain items) or of the tree (dirs); null when absent or too big. */
  readonly sha256: string | null;
  readonly size: number | null;
  /** Permission bits only; undo never sets setuid, setgid or sticky. */
  readonly mode: number | null;
  readonly uid: number | null;
  readonly gid: number | null;
  readonly savedAt: string;
}

export interface BackupManifest {
  readonly schemaVersion: 2;
  readonly id: string;
  readonly fixId: string;
  readonly step: string;
  readonly createdAt: string;
  readonly state: BackupState;
  readonly restoredAt: string | null;
  readonly entries: readonly BackupEntry[];
  /** Things undo should tell the user (a secret passed on a command line, a file kept aside). */
  readonly notes: readonly string[];
}

export const MANIFEST = 'manifest.json';
const MAX_MANIFEST_BYTES = 1024 * 1024;

export function manifestPath(dir: string): string {
  return join(dir, MANIFEST);
}

/** Where a move across disks keeps a file: beside itself, named for the backup. */
export function besidePath(path: string, backupId: string): string {
  return join(dirname(path), `${basename(path)}.claude-auth-doctor-${backupId}`);
}

export async function writeManifest(fs: FixFs, dir: string, manifest: BackupManifest, key: Buffer): Promise<void> {
  const mac = signManifest(key, JSON.stringify(manifest));
  await writeFileAtomic(manifestPath(dir), JSON.stringify({ ...manifest, mac }, null, 2) + '\n', { fs, mode: 0o600 });
}

const STATES: readonly BackupState[] = ['pending', 'complete', 'rolled-back', 'restored'];
const KINDS = ['file', 'dir', 'symlink', 'keychain-item'];
const METHODS = ['copy', 'move', 'export', 'absent'];

const cleanAbsolute = (value: unknown): value is string =>
  typeof value === 'string' && !value.includes('\0') && isAbsolute(value) && normalize(value) === value;
const idOrNull = (value: unknown): boolean => value === null || (Number.isInteger(value) && (value as number) >= 0);

/**
 * Why an entry cannot be acted on, or null when it names only what a backup of `dir` can hold:
 * its own items (or a file kept beside its original), exact absolute paths, permission bits only.
 */
function entryProblem(value: unknown, dir: string, id: string): string | null {
  if (typeof value !== 'object' || value === null) return 'an entry is not an object';
  const e = value as Record<string, unknown>;
  if (!KINDS.includes(e['kind'] as string) || !METHODS.includes(e['method'] as string) || typeof e['what'] !== 'string')
    return 'an entry is of no known kind';
  if (!idOrNull(e['uid']) || !idOrNull(e['gid'])) return 'an entry names an impossible owner';
  if (e['mode'] !== null && !(Number.isInteger(e['mode']) && (e['mode'] as number) >= 0 && (e['mode'] as number) <= 0o777))
    return 'an entry asks for a mode beyond permission bits (setuid, setgid or sticky)';
  const storedAt = e['storedAt'];
  if (storedAt !== null) {
    const inItems = cleanAbsolute(storedAt) && dirname(storedAt) === join(dir, 'items');
    const beside = cleanAbsolute(storedAt) && typeof e['path'] === 'string' && storedAt === besidePath(e['path'], id);
    if (!inItems && !beside) return 'an entry points outside the backup';
  }
  if (e['kind'] === 'keychain-item') {
    const k = e['keychain'] as Record<string, unknown> | null;
    const ok =
      !!k &&
      (k['store'] === 'macos-keychain' || k['store'] === 'keytar') &&
      typeof k['service'] === 'string' &&
      typeof k['account'] === 'string' &&
      (storedAt === null || dirname(storedAt as string) === join(dir, 'items'));
    return ok ? null : 'a keychain entry is malformed';
  }
  return cleanAbsolute(e['path']) && cleanAbsolute(e['parentReal']) ? null : 'an entry does not name an exact absolute path';
}

export type ManifestRead =
  | { readonly kind: 'ok'; readonly manifest: BackupManifest }
  /** Looks like a backup, but the doctor cannot prove it wrote it: never acted on. */
  | { readonly kind: 'unverified'; readonly id: string; readonly reason: string };

/**
 * Reads and verifies a manifest; null when missing or not a backup at all (a stray dir never
 * breaks `undo --list`). The manifest must be signed with this installation's key, name its own
 * directory, and point only inside its own backup.
 */
export async function readManifest(fs: FixFs, dir: string, key: Buffer | null): Promise<ManifestRead | null> {
  const id = basename(dir);
  let text: string;
  try {
    text = (await readRegularFile(fs, manifestPath(dir), { maxBytes: MAX_MANIFEST_BYTES })).bytes.toString('utf8');
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    return { kind: 'unverified', id, reason: `its manifest cannot be read safely (${(error as Error).message})` };
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || typeof parsed['id'] !== 'string') return null;
  if (parsed['schemaVersion'] !== 2)
    return { kind: 'unverified', id, reason: 'it was made by an older version, before backups were signed' };
  const mac = parsed['mac'];
  delete parsed['mac'];
  if (typeof mac !== 'string') return { kind: 'unverified', id, reason: 'its manifest is not signed' };
  if (!key) return { kind: 'unverified', id, reason: 'the key that signs backups is missing' };
  if (!verifyManifest(key, JSON.stringify(parsed), mac))
    return { kind: 'unverified', id, reason: 'its manifest does not carry a valid signature (it was changed)' };
  const m = parsed as Partial<BackupManifest>;
  if (m.id !== id || typeof m.createdAt !== 'string' || !STATES.includes(m.state as BackupState))
    return { kind: 'unverified', id, reason: 'its manifest names another backup' };
  if (!Array.isArray(m.entries)) return { kind: 'unverified', id, reason: 'its manifest lists no entries' };
  const problem = m.entries.map((e) => entryProblem(e, dir, id)).find((p) => p !== null);
  if (problem) return { kind: 'unverified', id, reason: problem };
  return {
    kind: 'ok',
    manifest: {
      schemaVersion: 2,
      id,
      fixId: typeof m.fixId === 'string' ? m.fixId : 'unknown',
      step: typeof m.step === 'string' ? m.step : '',
      createdAt: m.createdAt,
      state: m.state as BackupState,
      restoredAt: typeof m.restoredAt === 'string' ? m.restoredAt : null,
      entries: m.entries,
      notes: Array.isArray(m.notes) ? m.notes.filter((n): n is string => typeof n === 'string') : [],
    },
  };
}
