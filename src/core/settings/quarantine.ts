import { promises as fsp } from 'node:fs';
import { LOGIN_SETTLED_KEY } from './login-default.js';
import { migrateSettings } from './migrations.js';
import { completeSettings, validateSettings } from './validate.js';

export type QuarantineResult = { readonly kind: 'fine' } | { readonly kind: 'moved'; readonly to: string; readonly reason: string };

function stamp(now: number): string {
  return new Date(now)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** Why a settings file's text cannot be used as it is, or null when it can (after migrations). */
export function settingsProblem(text: string): string | null {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return 'not a JSON object';
  const { __internal__: internal, ...rest } = data as Record<string, unknown>;
  const from = (internal as { migrations?: { version?: unknown } } | undefined)?.migrations?.version;
  // The launch-at-login mark lives beside the settings (login-default.ts): not a setting, never a problem.
  const { [LOGIN_SETTLED_KEY]: _mark, ...migrated } = migrateSettings(rest, typeof from === 'string' ? from : '0.0.0');
  const checked = validateSettings(completeSettings(migrated));
  if (!checked.ok) return checked.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
  const strict = validateSettings({ ...completeSettings({}), ...migrated });
  return strict.ok ? null : strict.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
}

/**
 * electron-store would throw on a settings file it cannot use (the tray would never start) or,
 * with `clearInvalidConfig`, silently drop it. Instead the file is moved aside with a timestamp,
 * so the user's edits are never lost, and the store starts from the defaults.
 */
export async function quarantineInvalidSettings(path: string, now: number): Promise<QuarantineResult> {
  const text = await fsp.readFile(path, 'utf8').catch(() => null);
  if (text === null) return { kind: 'fine' };
  const reason = settingsProblem(text);
  if (reason === null) return { kind: 'fine' };
  const to = `${path}.invalid-${stamp(now)}`;
  await fsp.rename(path, to);
  return { kind: 'moved', to, reason };
}
