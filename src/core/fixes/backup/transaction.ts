import { writeFileAtomic } from '../../io/atomic-write.js';
import { chunksOf, identityOf, openRegularFile } from '../../io/safe-file.js';
import { basename, join } from 'node:path';
import type { ChangeOwner } from '../types.js';
import { besidePath, writeManifest, type BackupEntry, type BackupManifest } from './manifest.js';
import { loadOrCreateManifestKey } from './manifest-key.js';
import { backupId, backupsDir, ensurePrivateDir, restoreContext, type BackupStoreDeps } from './store.js';
import { errorCode, lstatOrNull, realParent, type FixFs } from '../fix-fs.js';
import { restoreEntry } from './restore.js';
import type { SecretStoreName } from '../../keychain/secret-stores.js';
import { sha256, treeHash } from '../tree-hash.js';

/**
 * One step's backup, written before the step changes anything. The manifest is rewritten after
 * every entry, so even a crash mid-step leaves a manifest that `undo` can act on.
 */
export class BackupTransaction {
  #entries: BackupEntry[] = [];
  #notes: string[] = [];
  #items = 0;
  /** sha256 of what the step itself wrote: a rollback overwrites those without keeping a copy. */
  readonly #ownWrites = new Set<string>();

  private constructor(
    private readonly deps: BackupStoreDeps,
    private readonly key: Buffer,
    readonly id: string,
    readonly dir: string,
    private readonly fixId: string,
    private readonly step: string,
    private readonly createdAt: string,
  ) {}

  static async begin(deps: BackupStoreDeps, fixId: ChangeOwner, step: string): Promise<BackupTransaction> {
    const root = backupsDir(deps.dataDir);
    await ensurePrivateDir(deps.fs, root);
    const key = await loadOrCreateManifestKey(deps.dataDir);
    const id = backupId(deps.now(), fixId);
    const dir = join(root, id);
    await deps.fs.mkdir(dir, { mode: 0o700 });
    await deps.fs.mkdir(join(dir, 'items'), { mode: 0o700 });
    const txn = new BackupTransaction(deps, key, id, dir, fixId, step, new Date(deps.now()).toISOString());
    await txn.#save('pending');
    return txn;
  }

  get entries(): readonly BackupEntry[] {
    return this.#entries;
  }

  note(text: string): void {
    this.#notes.push(text);
  }

  /** Records what the step wrote (its sha256, from the atomic writer), so a rollback knows its own work. */
  wrote(sha256: string): void {
    this.#ownWrites.add(sha256);
  }

  #manifest(state: BackupManifest['state']): BackupManifest {
    return {
      schemaVersion: 2,
      id: this.id,
      fixId: this.fixId,
      step: this.step,
      createdAt: this.createdAt,
      state,
      restoredAt: null,
      entries: this.#entries,
      notes: this.#notes,
    };
  }

  async #save(state: BackupManifest['state']): Promise<void> {
    await writeManifest(this.deps.fs, this.dir, this.#manifest(state), this.key);
  }

  #itemPath(original: string | null): string {
    const name = original ? basename(original).replace(/[^A-Za-z0-9._-]/g, '_') : 'secret';
    return join(this.dir, 'items', `${this.#items++}-${name}`);
  }

  async #add(entry: BackupEntry): Promise<void> {
    this.#entries.push(entry);
    await this.#save('pending');
  }

  async #base(what: string, path: string | null): Promise<Pick<BackupEntry, 'what' | 'path' | 'parentReal' | 'savedAt'>> {
    const parentReal = path === null ? null : await realParent(this.deps.fs, path);
    return { what, path, parentReal, savedAt: new Date(this.deps.now()).toISOString() };
  }

  /** Copies a file that a step is about to change; records 'absent' when it does not exist. */
  async saveFile(path: string, what: string): Promise<void> {
    const fs = this.deps.fs;
    const stat = await lstatOrNull(fs, path);
    if (!stat) {
      await this.#add({
        ...(await this.#base(what, path)),
        kind: 'file',
        keychain: null,
        method: 'absent',
        storedAt: null,
        sha256: null,
        size: null,
        mode: null,
        uid: null,
        gid: null,
      });
      return;
    }
    if (!stat.isFile()) {
      throw new Error(
        `${this.deps.show(path)} is ${stat.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}; the doctor only changes regular files. Move it aside yourself, then run the fix again.`,
      );
    }
    // Streamed through a handle that must be the file just looked at: never a link swapped in since.
    const storedAt = this.#itemPath(path);
    const { handle } = await openRegularFile(fs, path, identityOf(stat));
    let copy;
    try {
      copy = await writeFileAtomic(storedAt, chunksOf(handle), { fs, mode: 0o600 });
    } finally {
      await handle.close().catch(() => undefined);
    }
    await this.#add({
      ...(await this.#base(what, path)),
      kind: 'file',
      keychain: null,
      method: 'copy',
      storedAt,
      sha256: copy.sha256,
      size: copy.size,
      mode: stat.mode & 0o777,
      uid: stat.uid,
      gid: stat.gid,
    });
  }

  /**
   * Moves a file or directory into the backup: the only way the doctor "deletes" anything.
   * Across file systems (EXDEV) it is renamed beside itself instead, so the move stays atomic
   * and nothing is copied-then-deleted. Returns false when there was nothing to move.
   */
  async moveAside(path: string, what: string): Promise<boolean> {
    const fs = this.deps.fs;
    const stat = await lstatOrNull(fs, path);
    if (!stat) return false;
    const kind: BackupEntry['kind'] = stat.isDirectory() ? 'dir' : stat.isSymbolicLink() ? 'symlink' : 'file';
    const hash = kind === 'symlink' ? sha256(await fs.readlink(path)) : await treeHash(fs, path);
    let storedAt = this.#itemPath(path);
    const base = await this.#base(what, path);
    const entry = (at: string): BackupEntry => ({
      ...base,
      kind,
      keychain: null,
      method: 'move',
      storedAt: at,
      sha256: hash,
      size: kind === 'file' ? stat.size : null,
      mode: stat.mode & 0o777,
      uid: stat.uid,
      gid: stat.gid,
    });
    // Record first: if we crash right after the rename, the manifest already says where it went.
    await this.#add(entry(storedAt));
    try {
      await fs.rename(path, storedAt);
    } catch (error) {
      if (errorCode(error) !== 'EXDEV') {
        this.#entries.pop();
        await this.#save('pending');
        throw error;
      }
      storedAt = besidePath(path, this.id);
      this.#entries[this.#entries.length - 1] = entry(storedAt);
      await this.#save('pending');
      await fs.rename(path, storedAt);
      this.note(`${this.deps.show(path)} was kept beside itself as ${this.deps.show(storedAt)} (the backup folder is on another disk).`);
    }
    return true;
  }

  /** Exports a keychain item's bytes into the backup (0600). Throws when the keychain cannot be read. */
  async saveSecretItem(store: SecretStoreName, service: string, account: string, what: string): Promise<'found' | 'not-found'> {
    const keychain = this.deps.secrets[store];
    if (!keychain) throw new Error(`no ${store} is available on this system`);
    const read = await keychain.read(service, account);
    if (read.kind === 'locked' || read.kind === 'error') throw new Error(`could not back up ${what}: ${read.reason}`);
    const base = {
      ...(await this.#base(what, null)),
      kind: 'keychain-item' as const,
      keychain: { store, service, account },
      mode: null,
      uid: null,
      gid: null,
    };
    if (read.kind === 'not-found') {
      await this.#add({ ...base, method: 'absent', storedAt: null, sha256: null, size: null });
      return 'not-found';
    }
    const storedAt = this.#itemPath(null);
    const copy = await writeFileAtomic(storedAt, read.bytes, { fs: this.deps.fs, mode: 0o600 });
    await this.#add({ ...base, method: 'export', storedAt, sha256: copy.sha256, size: copy.size });
    return 'found';
  }

  async commit(): Promise<string> {
    await this.#save('complete');
    return this.id;
  }

  /**
   * Puts everything back as it was before the step, newest entry first. Our own copies are then
   * removed (they are duplicates of what is back in place); the backup stays, marked
   * 'rolled-back', only when something had to be kept aside: what it overwrites that the step did
   * not write itself (a login another process refreshed meanwhile) is kept, as undo keeps it.
   */
  async rollback(): Promise<{ readonly ok: boolean; readonly problems: readonly string[]; readonly kept: boolean }> {
    const ctx = restoreContext(this.deps, this.dir, this.#ownWrites);
    const problems: string[] = [];
    for (const entry of [...this.#entries].reverse()) {
      const result = await restoreEntry(ctx, entry).catch((error: unknown) => ({
        ok: false,
        label: entry.what,
        problem: (error as Error).message,
      }));
      if (!result.ok) problems.push(`${entry.what}: ${result.problem ?? 'not restored'}`);
    }
    if (problems.length === 0 && ctx.displaced() === 0) {
      await removeOwnFiles(this.deps.fs, this.dir);
    } else {
      await writeManifest(
        this.deps.fs,
        this.dir,
        { ...this.#manifest('rolled-back'), restoredAt: new Date(this.deps.now()).toISOString() },
        this.key,
      );
    }
    return { ok: problems.length === 0, problems, kept: ctx.displaced() > 0 };
  }
}

/** Removes only what a backup transaction created (items, manifest, its dirs): never a recursive delete. */
async function removeOwnFiles(fs: FixFs, dir: string): Promise<void> {
  const items = join(dir, 'items');
  for (const name of await fs.readdir(items).catch(() => [] as string[])) await fs.unlink(join(items, name)).catch(() => undefined);
  await fs.rmdir(items).catch(() => undefined);
  await fs.unlink(join(dir, 'manifest.json')).catch(() => undefined);
  await fs.rmdir(dir).catch(() => undefined);
}
