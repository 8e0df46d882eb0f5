import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { BackupSummary } from '../types.js';
import { readManifest, type BackupManifest } from './manifest.js';
import type { FixFs } from '../fix-fs.js';
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

export function restoreContext(deps: BackupStoreDeps, dir: string, keepOverwritten: boolean): RestoreContext & { displaced(): number } {
  let displaced = 0;
  return {
    keepOverwritten,
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

/** Every backup under the data dir, newest first. */
export async function listManifests(fs: FixFs, dataDir: string): Promise<{ readonly dir: string; readonly manifest: BackupManifest }[]> {
  const root = backupsDir(dataDir);
  const names = await fs.readdir(root).catch(() => [] as string[]);
  const found: { dir: string; manifest: BackupManifest }[] = [];
  for (const name of names) {
    const dir = join(root, name);
    const manifest = await readManifest(fs, dir).catch(() => null);
    if (manifest) found.push({ dir, manifest });
  }
  return found.sort((a, b) =>
    a.manifest.createdAt < b.manifest.createdAt
      ? 1
      : a.manifest.createdAt > b.manifest.createdAt
        ? -1
        : b.manifest.id.localeCompare(a.manifest.id),
  );
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
