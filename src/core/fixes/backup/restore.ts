import { writeFileAtomic } from '../../io/atomic-write.js';
import { basename, dirname } from 'node:path';
import type { BackupEntry } from './manifest.js';
import { errorCode, isRoot, lstatOrNull, type FixFs } from '../fix-fs.js';
import type { SecretStores } from '../../keychain/secret-stores.js';
import { sha256, treeHash } from '../tree-hash.js';

export interface RestoreContext {
  readonly fs: FixFs;
  readonly secrets: SecretStores;
  readonly show: (path: string) => string;
  /** A fresh path inside the backup's `displaced/` dir, for whatever sits where we restore. */
  displacedPath(name: string): Promise<string>;
  /**
   * Keep a copy of a file before overwriting it (undo: it may be a newer login). A rollback
   * passes false: what it overwrites is the failed step's own half-done write.
   */
  readonly keepOverwritten: boolean;
}

export interface RestoreResult {
  readonly ok: boolean;
  /** The thing restored, as users recognise it. */
  readonly label: string;
  readonly problem: string | null;
  /** Set when something that was in the way was kept aside. */
  readonly keptAside: string | null;
  /** Something the user should know (a secret passed on a command line). */
  readonly note?: string | null;
}

function label(ctx: RestoreContext, entry: BackupEntry): string {
  if (entry.keychain) return `${entry.keychain.store === 'keytar' ? 'OS keychain' : 'macOS keychain'} item "${entry.keychain.service}"`;
  return ctx.show(entry.path ?? '');
}

/** Moves whatever is at `path` into the backup's displaced/ dir, so restoring never destroys a newer file. */
async function displace(ctx: RestoreContext, path: string): Promise<string | null> {
  const stat = await lstatOrNull(ctx.fs, path);
  if (!stat) return null;
  const target = await ctx.displacedPath(basename(path));
  try {
    await ctx.fs.rename(path, target);
    return target;
  } catch (error) {
    if (errorCode(error) !== 'EXDEV' || !stat.isFile()) throw error;
    // Another disk: keep a copy, and let the atomic rename of the restore replace the original.
    await ctx.fs.copyFile(path, target);
    return target;
  }
}

async function restoreCopy(ctx: RestoreContext, entry: BackupEntry & { path: string; storedAt: string }): Promise<RestoreResult> {
  const name = label(ctx, entry);
  const bytes = await ctx.fs.readFile(entry.storedAt);
  if (entry.sha256 && sha256(bytes) !== entry.sha256) {
    return {
      ok: false,
      label: name,
      problem: `the saved copy ${ctx.show(entry.storedAt)} does not match its checksum; it was left as it is`,
      keptAside: null,
    };
  }
  const mode = entry.mode ?? 0o600;
  const current = await lstatOrNull(ctx.fs, entry.path);
  if (current?.isFile() && (current.mode & 0o7777) === mode && sha256(await ctx.fs.readFile(entry.path)) === entry.sha256) {
    return { ok: true, label: name, problem: null, keptAside: null };
  }
  let keptAside: string | null = null;
  if (current?.isFile() && ctx.keepOverwritten) {
    // Keep what is there now (a newer login?) but replace it atomically: copy, then rename over.
    keptAside = await ctx.displacedPath(basename(entry.path));
    await ctx.fs.copyFile(entry.path, keptAside);
  } else if (current && !current.isFile()) {
    keptAside = await displace(ctx, entry.path);
  }
  await ctx.fs.mkdir(dirname(entry.path), { recursive: true, mode: 0o700 });
  const owner = entry.uid !== null && entry.gid !== null ? { uid: entry.uid, gid: entry.gid } : null;
  await writeFileAtomic(entry.path, bytes, { fs: ctx.fs, mode, owner });
  const back = await ctx.fs.readFile(entry.path);
  const ok = sha256(back) === entry.sha256;
  return { ok, label: name, problem: ok ? null : 'the file read back differently after restoring', keptAside };
}

async function restoreMove(ctx: RestoreContext, entry: BackupEntry & { path: string; storedAt: string }): Promise<RestoreResult> {
  const name = label(ctx, entry);
  if (!(await lstatOrNull(ctx.fs, entry.storedAt))) {
    // Already back (an earlier undo or rollback ran to here)?
    const there = await lstatOrNull(ctx.fs, entry.path);
    const same =
      there &&
      entry.sha256 &&
      (entry.kind === 'symlink' ? sha256(await ctx.fs.readlink(entry.path)) : await treeHash(ctx.fs, entry.path)) === entry.sha256;
    return same
      ? { ok: true, label: name, problem: null, keptAside: null }
      : { ok: false, label: name, problem: `the saved copy ${ctx.show(entry.storedAt)} is gone`, keptAside: null };
  }
  const keptAside = await displace(ctx, entry.path);
  await ctx.fs.mkdir(dirname(entry.path), { recursive: true, mode: 0o700 });
  await ctx.fs.rename(entry.storedAt, entry.path);
  if (entry.uid !== null && entry.gid !== null && isRoot()) await ctx.fs.chown(entry.path, entry.uid, entry.gid).catch(() => undefined);
  if (entry.sha256 === null) return { ok: true, label: name, problem: null, keptAside };
  const now = entry.kind === 'symlink' ? sha256(await ctx.fs.readlink(entry.path)) : await treeHash(ctx.fs, entry.path);
  const ok = now === entry.sha256;
  return { ok, label: name, problem: ok ? null : 'it was moved back but its contents differ from when it was saved', keptAside };
}

async function restoreAbsent(ctx: RestoreContext, entry: BackupEntry & { path: string }): Promise<RestoreResult> {
  const keptAside = await displace(ctx, entry.path);
  return { ok: true, label: label(ctx, entry), problem: null, keptAside };
}

async function restoreSecret(ctx: RestoreContext, entry: BackupEntry): Promise<RestoreResult> {
  const name = label(ctx, entry);
  const item = entry.keychain;
  const store = item ? ctx.secrets[item.store] : undefined;
  if (!item || !store)
    return { ok: false, label: name, problem: `the ${item?.store ?? 'keychain'} is not available on this system`, keptAside: null };
  const current = await store.read(item.service, item.account);
  if (current.kind === 'locked' || current.kind === 'error') return { ok: false, label: name, problem: current.reason, keptAside: null };
  const saved = entry.method === 'export' && entry.storedAt ? await ctx.fs.readFile(entry.storedAt) : null;
  if (saved && entry.sha256 && sha256(saved) !== entry.sha256) {
    return { ok: false, label: name, problem: 'the saved copy does not match its checksum', keptAside: null };
  }
  if (current.kind === 'found' && saved && current.bytes.equals(saved)) return { ok: true, label: name, problem: null, keptAside: null };
  if (current.kind === 'not-found' && !saved) return { ok: true, label: name, problem: null, keptAside: null };
  let keptAside: string | null = null;
  if (current.kind === 'found' && ctx.keepOverwritten) {
    keptAside = await ctx.displacedPath('keychain-item');
    await writeFileAtomic(keptAside, current.bytes, { fs: ctx.fs, mode: 0o600 });
  }
  if (!saved) {
    const removed = await store.delete(item.service, item.account);
    return removed.ok
      ? { ok: true, label: name, problem: null, keptAside }
      : { ok: false, label: name, problem: removed.reason, keptAside };
  }
  const written = await store.write(item.service, item.account, saved);
  return written.ok
    ? { ok: true, label: name, problem: null, keptAside, note: written.note }
    : { ok: false, label: name, problem: written.reason, keptAside };
}

/** Brings one saved thing back exactly: bytes, mode, owner (as root), or the keychain item. */
export async function restoreEntry(ctx: RestoreContext, entry: BackupEntry): Promise<RestoreResult> {
  if (entry.kind === 'keychain-item') return restoreSecret(ctx, entry);
  if (entry.path === null) return { ok: false, label: entry.what, problem: 'the backup does not say where it came from', keptAside: null };
  const path = entry.path;
  switch (entry.method) {
    case 'absent':
      return restoreAbsent(ctx, { ...entry, path });
    case 'copy':
    case 'move':
      if (entry.storedAt === null) return { ok: false, label: ctx.show(path), problem: 'the backup has no saved copy', keptAside: null };
      return entry.method === 'copy'
        ? restoreCopy(ctx, { ...entry, path, storedAt: entry.storedAt })
        : restoreMove(ctx, { ...entry, path, storedAt: entry.storedAt });
    case 'export':
      return { ok: false, label: ctx.show(path), problem: 'a file entry cannot be an export', keptAside: null };
  }
}
