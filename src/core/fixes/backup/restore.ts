import type { Stats } from 'node:fs';
import { basename } from 'node:path';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { chunksOf, hashRegularFile, identityOf, openRegularFile, readRegularFile } from '../../io/safe-file.js';
import type { BackupEntry } from './manifest.js';
import { lstatOrNull, type FixFs } from '../fix-fs.js';
import { copyPrivately, moveOutOfTheWay, restoreTarget, settleMoved } from './restore-target.js';
import type { SecretStores } from '../../keychain/secret-stores.js';
import { sha256, treeHash } from '../tree-hash.js';

export interface RestoreContext {
  readonly fs: FixFs;
  readonly secrets: SecretStores;
  readonly show: (path: string) => string;
  /** A fresh path inside the backup's `displaced/` dir, for whatever sits where we restore. */
  displacedPath(name: string): Promise<string>;
  /**
   * Whether to keep a copy of a file (by its sha256) before overwriting it. Undo: always (it may
   * be a newer login). A rollback: unless it is what the failed step itself wrote.
   */
  keepOverwritten(sha256: string): boolean;
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

/** A keychain item is small; a saved one far larger is not ours. */
const MAX_SECRET_BYTES = 1024 * 1024;

const failed = (name: string, problem: string): RestoreResult => ({ ok: false, label: name, problem, keptAside: null });

async function restoreCopy(ctx: RestoreContext, entry: BackupEntry & { path: string; storedAt: string }): Promise<RestoreResult> {
  const name = label(ctx, entry);
  const saved = await hashRegularFile(ctx.fs, entry.storedAt);
  if (entry.sha256 === null || saved.sha256 !== entry.sha256)
    return failed(name, `the saved copy ${ctx.show(entry.storedAt)} does not match its checksum; it was left as it is`);
  const target = await restoreTarget(ctx, entry);
  const mode = (entry.mode ?? 0o600) & 0o777;
  const current = await lstatOrNull(ctx.fs, target);
  const currentHash = current?.isFile() ? (await hashRegularFile(ctx.fs, target, identityOf(current))).sha256 : null;
  if (current?.isFile() && (current.mode & 0o7777) === mode && currentHash === entry.sha256) {
    return { ok: true, label: name, problem: null, keptAside: null };
  }
  let keptAside: string | null = null;
  if (current?.isFile() && currentHash !== null && currentHash !== entry.sha256 && ctx.keepOverwritten(currentHash)) {
    // Keep what is there now (a newer login?) but replace it atomically: copy, then rename over.
    keptAside = await ctx.displacedPath(basename(entry.path));
    await copyPrivately(ctx.fs, target, keptAside, identityOf(current));
  } else if (current && !current.isFile()) {
    keptAside = await moveOutOfTheWay(ctx.fs, target, () => ctx.displacedPath(basename(entry.path)));
  }
  const owner = entry.uid !== null && entry.gid !== null ? { uid: entry.uid, gid: entry.gid } : null;
  const { handle } = await openRegularFile(ctx.fs, entry.storedAt, identityOf(saved.stat));
  let written;
  try {
    written = await writeFileAtomic(target, chunksOf(handle), { fs: ctx.fs, mode, owner });
  } finally {
    await handle.close().catch(() => undefined);
  }
  const ok = written.sha256 === entry.sha256;
  return { ok, label: name, problem: ok ? null : 'the saved copy changed while it was being restored', keptAside };
}

/** The hash a moved thing was recorded with: the link's target text, or the tree (files streamed). */
async function hashOf(fs: FixFs, path: string, kind: BackupEntry['kind']): Promise<string | null> {
  return kind === 'symlink' ? sha256(await fs.readlink(path)) : treeHash(fs, path);
}

const KIND_CHECK: Record<'file' | 'dir' | 'symlink', (s: Stats) => boolean> = {
  file: (s) => s.isFile(),
  dir: (s) => s.isDirectory(),
  symlink: (s) => s.isSymbolicLink(),
};

async function restoreMove(ctx: RestoreContext, entry: BackupEntry & { path: string; storedAt: string }): Promise<RestoreResult> {
  const name = label(ctx, entry);
  const kind = entry.kind === 'keychain-item' ? 'file' : entry.kind;
  const stored = await lstatOrNull(ctx.fs, entry.storedAt);
  if (!stored) {
    // Already back (an earlier undo or rollback ran to here)?
    const target = await restoreTarget(ctx, entry).catch(() => null);
    const there = target ? await lstatOrNull(ctx.fs, target) : null;
    const same = there && target && KIND_CHECK[kind](there) && entry.sha256 && (await hashOf(ctx.fs, target, kind)) === entry.sha256;
    return same
      ? { ok: true, label: name, problem: null, keptAside: null }
      : failed(name, `the saved copy ${ctx.show(entry.storedAt)} is gone`);
  }
  // Checked before anything moves: the saved thing is still what was saved.
  if (!KIND_CHECK[kind](stored) || (entry.sha256 !== null && (await hashOf(ctx.fs, entry.storedAt, kind)) !== entry.sha256))
    return failed(name, `the saved copy ${ctx.show(entry.storedAt)} is no longer what was saved; it was left as it is`);
  const target = await restoreTarget(ctx, entry);
  const keptAside = await moveOutOfTheWay(ctx.fs, target, () => ctx.displacedPath(basename(entry.path)));
  await ctx.fs.rename(entry.storedAt, target);
  await settleMoved(ctx.fs, target, entry, identityOf(stored));
  return { ok: true, label: name, problem: null, keptAside };
}

async function restoreAbsent(ctx: RestoreContext, entry: BackupEntry & { path: string }): Promise<RestoreResult> {
  const target = await restoreTarget(ctx, entry);
  const keptAside = await moveOutOfTheWay(ctx.fs, target, () => ctx.displacedPath(basename(entry.path)));
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
  const saved =
    entry.method === 'export' && entry.storedAt
      ? (await readRegularFile(ctx.fs, entry.storedAt, { maxBytes: MAX_SECRET_BYTES })).bytes
      : null;
  if (saved && entry.sha256 && sha256(saved) !== entry.sha256) {
    return { ok: false, label: name, problem: 'the saved copy does not match its checksum', keptAside: null };
  }
  if (current.kind === 'found' && saved && current.bytes.equals(saved)) return { ok: true, label: name, problem: null, keptAside: null };
  if (current.kind === 'not-found' && !saved) return { ok: true, label: name, problem: null, keptAside: null };
  let keptAside: string | null = null;
  if (current.kind === 'found' && ctx.keepOverwritten(sha256(current.bytes))) {
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
