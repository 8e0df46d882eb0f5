import { writeFileAtomic } from '../../io/atomic-write.js';
import { isAbsolute, join } from 'node:path';
import type { BackupState } from '../types.js';
import type { SecretStoreName } from '../../keychain/secret-stores.js';
import { errorCode, type FixFs } from '../fix-fs.js';

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
  readonly keychain: { readonly store: SecretStoreName; readonly service: string; readonly account: string } | null;
  readonly method: 'copy' | 'move' | 'export' | 'absent';
  readonly storedAt: string | null;
  /** sha256 of the bytes (files, keychain items) or of the tree (dirs); null when absent or too big. */
  readonly sha256: string | null;
  readonly size: number | null;
  readonly mode: number | null;
  readonly uid: number | null;
  readonly gid: number | null;
  readonly savedAt: string;
}

export interface BackupManifest {
  readonly schemaVersion: 1;
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

export function manifestPath(dir: string): string {
  return join(dir, MANIFEST);
}

export async function writeManifest(fs: FixFs, dir: string, manifest: BackupManifest): Promise<void> {
  await writeFileAtomic(manifestPath(dir), JSON.stringify(manifest, null, 2) + '\n', { fs, mode: 0o600 });
}

const STATES: readonly BackupState[] = ['pending', 'complete', 'rolled-back', 'restored'];
const KINDS = ['file', 'dir', 'symlink', 'keychain-item'];
const METHODS = ['copy', 'move', 'export', 'absent'];

function isEntry(value: unknown): value is BackupEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  if (!KINDS.includes(e['kind'] as string) || !METHODS.includes(e['method'] as string) || typeof e['what'] !== 'string') return false;
  if (e['path'] !== null && !(typeof e['path'] === 'string' && isAbsolute(e['path']))) return false;
  if (e['storedAt'] !== null && !(typeof e['storedAt'] === 'string' && isAbsolute(e['storedAt']))) return false;
  if (e['kind'] === 'keychain-item') {
    const k = e['keychain'] as Record<string, unknown> | null;
    return (
      !!k &&
      (k['store'] === 'macos-keychain' || k['store'] === 'keytar') &&
      typeof k['service'] === 'string' &&
      typeof k['account'] === 'string'
    );
  }
  return typeof e['path'] === 'string';
}

/** Reads a manifest; null when missing or not one of ours (a stray dir never breaks `undo --list`). */
export async function readManifest(fs: FixFs, dir: string): Promise<BackupManifest | null> {
  let text: string;
  try {
    text = await fs.readFile(manifestPath(dir), 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return null;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const m = parsed as Partial<BackupManifest> | null;
  if (
    !m ||
    m.schemaVersion !== 1 ||
    typeof m.id !== 'string' ||
    typeof m.createdAt !== 'string' ||
    !STATES.includes(m.state as BackupState)
  )
    return null;
  if (!Array.isArray(m.entries) || !m.entries.every(isEntry)) return null;
  return {
    schemaVersion: 1,
    id: m.id,
    fixId: typeof m.fixId === 'string' ? m.fixId : 'unknown',
    step: typeof m.step === 'string' ? m.step : '',
    createdAt: m.createdAt,
    state: m.state as BackupState,
    restoredAt: typeof m.restoredAt === 'string' ? m.restoredAt : null,
    entries: m.entries,
    notes: Array.isArray(m.notes) ? m.notes.filter((n): n is string => typeof n === 'string') : [],
  };
}
