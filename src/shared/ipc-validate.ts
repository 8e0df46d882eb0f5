import { isAllowedExternalUrl } from './external-links.js';
import type { IpcChannel, IpcRequest } from './ipc.js';
import { isFixId } from './report.js';
import { formatSettingsErrors, validateSettingsPatch } from './settings-validate.js';

/** Longest error text `explain:text` accepts (a pasted stack trace fits; a log file does not). */
export const MAX_EXPLAIN_CHARS = 16_000;
const MAX_STEP_INDEX = 99;
const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;
// A backup id names a folder under the app's data dir: no separators, no "..".
const BACKUP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export type Validation<C extends IpcChannel> =
  { readonly ok: true; readonly args: IpcRequest<C> } | { readonly ok: false; readonly error: string };

type Check = (args: readonly unknown[]) => string | null;

const none: Check = (args) => (args.length === 0 ? null : 'takes no arguments');

const CHECKS: Readonly<Record<IpcChannel, Check>> = {
  'report:get': none,
  'report:run-check': none,
  'report:progress': none,
  'history:get': none,
  'explain:text': ([text, ...rest]) => {
    if (rest.length > 0 || typeof text !== 'string') return 'takes one string';
    if (text.length > MAX_EXPLAIN_CHARS) return `text longer than ${MAX_EXPLAIN_CHARS} characters`;
    return null;
  },
  'fix:start': ([fixId, ...rest]) => (rest.length === 0 && isFixId(fixId) ? null : 'takes one known fix id'),
  'fix:run-step': ([runId, index, ...rest]) => {
    if (rest.length > 0 || typeof runId !== 'string' || !SESSION_ID.test(runId)) return 'takes a session id and a step index';
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > MAX_STEP_INDEX) return 'step index out of range';
    return null;
  },
  'fix:undo': ([backupId, ...rest]) =>
    rest.length === 0 && typeof backupId === 'string' && BACKUP_ID.test(backupId) && !backupId.includes('..')
      ? null
      : 'takes one backup id',
  'link:open': ([url, ...rest]) => (rest.length === 0 && isAllowedExternalUrl(url) ? null : 'takes one allowlisted https link'),
  'settings:get': none,
  // The same validator the store's callers use (settings-validate.ts): one set of rules.
  'settings:set': ([patch, ...rest]) => {
    if (rest.length > 0) return 'takes one settings change';
    const checked = validateSettingsPatch(patch);
    return checked.ok ? null : formatSettingsErrors(checked.errors);
  },
  'servers:get': none,
  'servers:check': none,
};

/**
 * Run-time check of a request's arguments, because types vanish at the IPC and HTTP boundary.
 * Electron main and the web host call it before anything reaches the engine.
 */
export function validateRequest<C extends IpcChannel>(channel: C, args: unknown): Validation<C> {
  if (!Array.isArray(args)) return { ok: false, error: `${channel}: arguments must be a JSON array` };
  const error = CHECKS[channel](args);
  return error === null ? { ok: true, args: args as unknown as IpcRequest<C> } : { ok: false, error: `${channel}: ${error}` };
}
