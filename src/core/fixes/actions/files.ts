import { writeFileAtomic } from '../../io/atomic-write.js';
import { dirname } from 'node:path';
import { API_KEY_ACCOUNT, API_KEY_SERVICE } from '../../keychain/api-key-store.js';
import { lstatOrNull } from '../fix-fs.js';
import { identityOf, readRegularFile } from '../../io/safe-file.js';
import { SETTINGS_MAX_BYTES } from '../../claude-code/settings-json.js';
import { mergeClaudeCodeSettings } from '../claude-settings-merge.js';
import { transact, type ActionOutcome, type StepRunDeps } from '../backup/transact.js';
import type { RunStep, SettingsEdit, StepAction } from '../types.js';

export async function moveAside(
  step: RunStep,
  action: Extract<StepAction, { type: 'move-aside' }>,
  deps: StepRunDeps,
): Promise<ActionOutcome> {
  const show = deps.store.show;
  return transact(deps, step.title, async (txn) => {
    const moved = await txn.moveAside(action.path, action.what);
    return moved
      ? { ok: true, message: `Moved ${show(action.path)} into backup ${txn.id}.` }
      : { ok: true, keep: false, message: `${show(action.path)} does not exist; nothing to move.` };
  });
}

export async function settingsEdit(
  step: RunStep,
  action: Extract<StepAction, { type: 'settings-edit' }>,
  deps: StepRunDeps,
): Promise<ActionOutcome> {
  const { fs, show } = deps.store;
  if (action.edit.op === 'set-api-key-helper' && deps.store.secrets.keytar) {
    const stored = await deps.store.secrets.keytar.read(API_KEY_SERVICE, API_KEY_ACCOUNT);
    if (stored.kind !== 'found') {
      const why =
        stored.kind === 'not-found'
          ? 'no API key is stored in the keychain yet (run the step that stores it first)'
          : `the keychain could not be read: ${stored.reason}`;
      return { ok: false, message: `apiKeyHelper was not set: ${why}. Nothing was changed.`, backupId: null };
    }
  }
  return transact(deps, step.title, async (txn) => {
    const stat = await lstatOrNull(fs, action.path);
    if (stat && !stat.isFile()) return { ok: false, message: `${show(action.path)} is not a regular file` };
    const text = stat
      ? (await readRegularFile(fs, action.path, { maxBytes: SETTINGS_MAX_BYTES, expect: identityOf(stat) })).bytes.toString('utf8')
      : null;
    const merged = mergeClaudeCodeSettings(text, action.edit);
    if (merged.kind === 'refused') return { ok: false, message: `${show(action.path)} was left as it is: ${merged.reason}` };
    if (merged.kind === 'unchanged') return { ok: true, keep: false, message: `${show(action.path)} already says so; nothing to change.` };
    await txn.saveFile(action.path, 'Claude Code settings');
    await fs.mkdir(dirname(action.path), { recursive: true, mode: 0o700 });
    const written = await writeFileAtomic(action.path, merged.text, {
      fs,
      mode: stat ? stat.mode & 0o777 : 0o600,
      owner: stat ? { uid: stat.uid, gid: stat.gid } : null,
    });
    txn.wrote(written.sha256);
    const what = settingName(action.edit);
    return { ok: true, message: `Updated ${what} in ${show(action.path)}; every other setting was kept (backup ${txn.id}).` };
  });
}

/** The key an edit changes, as the user finds it in settings.json. */
function settingName(edit: SettingsEdit): string {
  switch (edit.op) {
    case 'set-api-key-helper':
      return '"apiKeyHelper"';
    case 'delete-env':
      return `env.${edit.name}`;
    case 'chain-status-line':
    case 'unchain-status-line':
      return '"statusLine"';
  }
}

function encode(content: string, encoding: 'utf8' | 'utf16le-bom'): Buffer {
  return encoding === 'utf8' ? Buffer.from(content, 'utf8') : Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(content, 'utf16le')]);
}

/** A whole file the doctor owns; left alone when it already holds these bytes and this mode. */
export async function writeWholeFile(
  step: RunStep,
  action: Extract<StepAction, { type: 'write-file' }>,
  deps: StepRunDeps,
): Promise<ActionOutcome> {
  const { fs, show } = deps.store;
  const bytes = encode(action.content, action.encoding);
  return transact(deps, step.title, async (txn) => {
    const stat = await lstatOrNull(fs, action.path);
    if (stat && !stat.isFile())
      return { ok: false, message: `${show(action.path)} is not a regular file; move it aside yourself, then try again` };
    if (stat && (stat.mode & 0o7777) === action.mode && (await fs.readFile(action.path)).equals(bytes))
      return { ok: true, keep: false, message: `${show(action.path)} is already up to date.` };
    await txn.saveFile(action.path, action.what);
    await fs.mkdir(dirname(action.path), { recursive: true, mode: 0o700 });
    await writeFileAtomic(action.path, bytes, { fs, mode: action.mode, owner: stat ? { uid: stat.uid, gid: stat.gid } : null });
    return { ok: true, message: `Wrote ${show(action.path)} (backup ${txn.id}).` };
  });
}
