import { API_KEY_ACCOUNT, API_KEY_SERVICE } from '../../keychain/api-key-store.js';
import { unlockSecretService } from '../../keychain/secret-service-unlock.js';
import { transact, type ActionOutcome, type StepRunDeps } from '../backup/transact.js';
import type { RunStep, StepAction } from '../types.js';

export async function keychainMoveAside(
  step: RunStep,
  action: Extract<StepAction, { type: 'keychain-move-aside' }>,
  deps: StepRunDeps,
): Promise<ActionOutcome> {
  const keychain = deps.store.secrets['macos-keychain'];
  if (!keychain) return { ok: false, message: 'The macOS keychain is not available on this system.', backupId: null };
  return transact(deps, step.title, async (txn) => {
    const saved = await txn.saveSecretItem('macos-keychain', action.service, action.account, action.what);
    if (saved === 'not-found')
      return { ok: true, keep: false, message: `No keychain item "${action.service}" for ${action.account}; nothing to move.` };
    const removed = await keychain.delete(action.service, action.account);
    if (!removed.ok) return { ok: false, message: `Deleting the keychain item failed: ${removed.reason}` };
    return { ok: true, message: `Saved the keychain item "${action.service}" into backup ${txn.id} and removed it from the keychain.` };
  });
}

/** Rough shape checks, so a pasted OAuth token or a stray quote is caught before it is stored. */
export function checkApiKey(key: string): string | null {
  if (key === '') return 'No key was given.';
  if (/\s/.test(key)) return 'The key contains spaces or line breaks; paste only the key.';
  if (/^["']|["']$/.test(key)) return 'The key has quote marks around it; paste it without them.';
  if (key.startsWith('sk-ant-oat'))
    return 'That is an OAuth token (sk-ant-oat…), not an API key; use it as CLAUDE_CODE_OAUTH_TOKEN instead (fix "use-oauth-token").';
  if (key.length < 20) return 'That is too short to be an API key.';
  return null;
}

export async function storeApiKey(step: RunStep, deps: StepRunDeps): Promise<ActionOutcome> {
  const keytar = deps.store.secrets.keytar;
  if (!keytar) return { ok: false, message: 'No OS keychain is available to store the key.', backupId: null };
  const key = (deps.input ?? '').trim();
  const problem = checkApiKey(key);
  if (problem) return { ok: false, message: `${problem} Nothing was stored.`, backupId: null };
  return transact(deps, step.title, async (txn) => {
    await txn.saveSecretItem('keytar', API_KEY_SERVICE, API_KEY_ACCOUNT, 'Anthropic API key kept by Claude Auth Doctor');
    const written = await keytar.write(API_KEY_SERVICE, API_KEY_ACCOUNT, Buffer.from(key, 'utf8'));
    if (!written.ok) return { ok: false, message: `The keychain refused the key: ${written.reason}` };
    const back = await keytar.read(API_KEY_SERVICE, API_KEY_ACCOUNT);
    if (back.kind !== 'found' || back.bytes.toString('utf8') !== key)
      return { ok: false, message: 'The key did not read back from the keychain as stored' };
    const shape = key.startsWith('sk-ant-api')
      ? ''
      : ' It does not start with sk-ant-api03-; if Claude Code rejects it, check what was pasted.';
    return { ok: true, message: `Stored the API key in the OS keychain (service "${API_KEY_SERVICE}").${shape}` };
  });
}

/** How long the desktop's password prompt may stay open before the step gives up waiting. */
const UNLOCK_PROMPT_MS = 120_000;

export async function secretServiceUnlock(deps: StepRunDeps): Promise<ActionOutcome> {
  const uid = process.getuid?.();
  const address = deps.env['DBUS_SESSION_BUS_ADDRESS']?.trim() || (uid === undefined ? '' : `unix:path=/run/user/${uid}/bus`);
  const result = await unlockSecretService(address, { promptTimeoutMs: deps.unlockPromptMs ?? UNLOCK_PROMPT_MS });
  const byHand = 'Unlock it from Passwords and Keys (Seahorse) or your keyring app instead.';
  switch (result.kind) {
    case 'unlocked':
      return { ok: true, message: result.prompted ? 'The keyring is unlocked.' : 'The keyring was already unlocked.', backupId: null };
    case 'dismissed':
      return { ok: false, message: `The unlock prompt was dismissed (or your desktop could not show one). ${byHand}`, backupId: null };
    case 'timeout':
      return { ok: false, message: `No answer at the unlock prompt within ${UNLOCK_PROMPT_MS / 1000} s. ${byHand}`, backupId: null };
    case 'error':
      return { ok: false, message: `Could not ask the Secret Service to unlock: ${result.reason}. ${byHand}`, backupId: null };
  }
}
