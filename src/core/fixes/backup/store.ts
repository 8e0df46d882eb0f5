import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { BackupSummary } from '../types.js';
import { readManifest, type BackupManifest } from './manifest.js';
import { readManifestKey } from './manifest-key.js';
import { lstatOrNull, type FixFs } from '../fix-fs.js';
import type { RestoreContext } from './restore.js';
import type { SecretStores } from '../../keychain/secret-stores.js';

export interface BackupStoreDeps {
  readonly dataDir: string;
  readonly fs: FixFs;
  readonly secrets: SecretStores;
  readonly now: () => number;
  /** Shows paths as users know them (~ for home) in summaries. */
  readonly show: (path: string) => string;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `20261123-231501-reset-credentials-ab12`: sortable, readable, unique enough with the random tail. */
export function backupId(now: number, fixId: string): string {
  const d = new Date(now);
  const stamp = `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
  return `${stamp}-${fixId}-${randomBytes(2).toString('hex')}`;
}

export const BACKUP_ID = /^\d{8}-\d{6}-[a-z-]+-[0-9a-f]{4}$/;

export function backupsDir(dataDir: string): string {
  return join(dataDir, 'backups');
}

/** The data dir holds copies of secrets: private to the user, created 0700. */
export async function ensurePrivateDir(fs: FixFs, path: string): Promise<void> {
  await fs.mkdir(path, { recursive: true, mode: 0o700 });
}

/**
 * How a restore from backup `dir` behaves. `ownWrites` (a rollback) holds the sha256 of what the
 * failed step itself wrote: only that may be overwritten without keeping a copy. Undo passes null:
 * whatever it overwrites (a newer login?) is kept in the backup's displaced/ dir.
 */
export function restoreContext(
  deps: BackupStoreDeps,
  dir: string,
  ownWrites: ReadonlySet<string> | null,
): RestoreContext & { displaced(): number } {
  let displaced = 0;
  return {
    keepOverwritten: (sha256) => ownWrites === null || !ownWrites.has(sha256),
    fs: deps.fs,
    secrets: deps.secrets,
    show: deps.show,
    async displacedPath(name: string) {
      const where = join(dir, 'displaced');
      await ensurePrivateDir(deps.fs, where);
      return join(where, `${displaced++}-${name.replace(/[^A-Za-z0-9._-]/g, '_')}`);
    },
    displaced: () => displaced,
  };
}

export interface FoundBackup {
  readonly dir: string;
  readonly manifest: BackupManifest;
}

/** Every backup under the data dir: the verified ones newest first, and those undo will not touch. */
export async function scanBackups(
  fs: FixFs,
  dataDir: string,
): Promise<{
  readonly verified: FoundBackup[];
  readonly unverified: { readonly dir: string; readonly id: string; readonly reason: string }[];
}> {
  const root = backupsDir(dataDir);
  const names = await fs.readdir(root).catch(() => [] as string[]);
  const key = names.length > 0 ? await readManifestKey(dataDir).catch(() => null) : null;
  const verified: FoundBackup[] = [];
  const unverified: { dir: string; id: string; reason: string }[] = [];
  for (const name of names) {
    const dir = join(root, name);
    const stat = await lstatOrNull(fs, dir).catch(() => null);
    if (!stat) continue;
    if (!stat.isDirectory()) {
      if (BACKUP_ID.test(name)) unverified.push({ dir, id: name, reason: 'it is not a folder (a symbolic link?)' });
      continue;
    }
    const read = await readManifest(fs, dir, key).catch(() => null);
    if (read?.kind === 'ok') verified.push({ dir, manifest: read.manifest });
    else if (read?.kind === 'unverified') unverified.push({ dir, id: read.id, reason: read.reason });
  }
  verified.sort((a, b) =>
    a.manifest.createdAt < b.manifest.createdAt
      ? 1
      : a.manifest.createdAt > b.manifest.createdAt
        ? -1
        : b.manifest.id.localeCompare(a.manifest.id),
  );
  return { verified, unverified };
}

/** Every verified backup under the data dir, newest first. */
export async function listManifests(fs: FixFs, dataDir: string): Promise<FoundBackup[]> {
  return (await scanBackups(fs, dataDir)).verified;
}

export function summarise(manifest: BackupManifest, show: (path: string) => string): BackupSummary {
  return {
    id: manifest.id,
    fixId: manifest.fixId,
    step: manifest.step,
    createdAt: manifest.createdAt,
    state: manifest.state,
    entries: manifest.entries.map((e) => ({
      kind: e.kind,
      what: e.what,
      where: e.keychain
        ? `${e.keychain.store === 'keytar' ? 'OS keychain' : 'macOS keychain'} item "${e.keychain.service}"`
        : show(e.path ?? ''),
    })),
  };
}
