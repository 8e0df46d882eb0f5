import { redactText } from '../../redact/redact.js';
import type { UndoResult } from '../types.js';
import { writeManifest } from './manifest.js';
import { readManifestKey } from './manifest-key.js';
import { restoreEntry } from './restore.js';
import { BACKUP_ID, restoreContext, scanBackups, type BackupStoreDeps, type FoundBackup } from './store.js';

export type FoundForUndo =
  | { readonly kind: 'found'; readonly backup: FoundBackup }
  | { readonly kind: 'unverified'; readonly id: string; readonly dir: string; readonly reason: string }
  | { readonly kind: 'none' };

/** The backup `undo(backupId)` means: that id, or the newest one not yet undone. */
export async function findForUndo(store: BackupStoreDeps, backupId?: string): Promise<FoundForUndo> {
  if (backupId !== undefined && !BACKUP_ID.test(backupId)) return { kind: 'none' };
  const { verified, unverified } = await scanBackups(store.fs, store.dataDir);
  if (backupId !== undefined) {
    const backup = verified.find((b) => b.manifest.id === backupId);
    if (backup) return { kind: 'found', backup };
    const doubtful = unverified.find((b) => b.id === backupId);
    return doubtful ? { kind: 'unverified', ...doubtful } : { kind: 'none' };
  }
  const backup = verified.find((b) => b.manifest.state === 'complete' || b.manifest.state === 'pending');
  return backup ? { kind: 'found', backup } : { kind: 'none' };
}

const refused = (message: string, backupId: string | null): UndoResult => ({ ok: false, message, backupId, restored: [] });

/**
 * Restores one backup, newest entry first. Only a manifest signed with this installation's key is
 * acted on; every entry is restored to its exact recorded path (see restore-target.ts), and what
 * it overwrites is kept in the backup's displaced/ dir.
 */
export async function undoBackup(store: BackupStoreDeps, backupId?: string): Promise<UndoResult> {
  const found = await findForUndo(store, backupId);
  if (found.kind === 'unverified') {
    return refused(
      `Backup ${found.id} was left as it is: ${found.reason}. The doctor does not restore what it cannot prove it saved itself. Its files are in ${store.show(found.dir)}; copy back by hand what you need.`,
      found.id,
    );
  }
  if (found.kind === 'none') {
    return refused(
      backupId
        ? `There is no backup "${backupId}". List them with: claude-auth-doctor undo --list`
        : 'There is nothing to undo: no fix has changed anything yet (or every change was undone).',
      backupId ?? null,
    );
  }
  const { manifest, dir } = found.backup;
  if (manifest.state === 'restored')
    return refused(`Backup ${manifest.id} was already restored (${manifest.restoredAt ?? 'earlier'}).`, manifest.id);
  if (manifest.state === 'rolled-back')
    return refused(`Backup ${manifest.id} belongs to a step that failed and was already put back; there is nothing to undo.`, manifest.id);
  const key = await readManifestKey(store.dataDir);
  if (!key) return refused(`The key that signs backups is gone, so backup ${manifest.id} cannot be trusted.`, manifest.id);
  const ctx = restoreContext(store, dir, null);
  const restored: string[] = [];
  const problems: string[] = [];
  const notes = [...manifest.notes];
  for (const entry of [...manifest.entries].reverse()) {
    const result = await restoreEntry(ctx, entry).catch((error: unknown) => ({
      ok: false,
      label: entry.what,
      problem: (error as Error).message,
      keptAside: null,
      note: null,
    }));
    if (result.ok) restored.push(result.label);
    else problems.push(`${result.label}: ${result.problem ?? 'not restored'}`);
    if (result.keptAside) notes.push(`What was at ${result.label} before the undo is kept in ${store.show(result.keptAside)}.`);
    if (result.note) notes.push(result.note);
  }
  if (problems.length > 0) {
    const done = restored.length ? ` Restored: ${restored.join(', ')}.` : '';
    return { ...refused(redactText(`Undo of ${manifest.id} did not finish: ${problems.join('; ')}.${done}`), manifest.id), restored };
  }
  await writeManifest(store.fs, dir, { ...manifest, state: 'restored', restoredAt: new Date(store.now()).toISOString(), notes }, key);
  const what = restored.length > 0 ? `Restored ${restored.join(', ')}` : 'Nothing needed restoring';
  return {
    ok: true,
    message: redactText(`${what} from backup ${manifest.id}.${notes.length ? ` ${notes.join(' ')}` : ''}`),
    backupId: manifest.id,
    restored,
  };
}
