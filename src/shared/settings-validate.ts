/**
 * Run-time validation of settings arriving over IPC, where TypeScript's types no longer hold.
 * Driven by the same schema electron-store validates with, but stricter: unknown keys are
 * refused at every level, and the result is a fresh object built only from checked values.
 * In shared so the IPC boundary (ipc-validate.ts), main and the Preferences view use this one
 * validator; core/settings/validate.ts re-exports it.
 */
import { settingsSchema, type ObjectNode, type SchemaNode, type Settings, type SettingsPatch } from './settings.js';

export interface SettingsError {
  /** Dotted path of the offending key, e.g. `notifications.incidents`; '' for the whole value. */
  readonly path: string;
  readonly message: string;
}

export type SettingsValidation<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly SettingsError[] };

const ROOT: ObjectNode = {
  type: 'object',
  properties: settingsSchema,
  additionalProperties: false,
  default: {},
  description: 'settings',
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'object') return isPlainObject(value) ? 'an object' : `a ${(value as object).constructor?.name ?? 'special object'}`;
  if (typeof value === 'boolean') return String(value);
  return `a ${typeof value}`;
}

function label(path: string): string {
  return path === '' ? 'The settings' : path;
}

function checkLeaf(node: Exclude<SchemaNode, ObjectNode>, value: unknown, path: string): SettingsError | null {
  switch (node.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : { path, message: `${path} must be true or false, not ${describe(value)}.` };
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= node.minimum && value <= node.maximum
        ? null
        : { path, message: `${path} must be a whole number from ${node.minimum} to ${node.maximum}, not ${describe(value)}.` };
    case 'string':
      return typeof value === 'string' && node.enum.includes(value)
        ? null
        : { path, message: `${path} must be one of ${node.enum.map((v) => JSON.stringify(v)).join(', ')}, not ${describe(value)}.` };
  }
}

function checkObject(
  node: ObjectNode,
  value: unknown,
  path: string,
  complete: boolean,
  errors: SettingsError[],
): Record<string, unknown> | null {
  if (!isPlainObject(value)) {
    errors.push({ path, message: `${label(path)} must be an object of settings, not ${describe(value)}.` });
    return null;
  }
  const out: Record<string, unknown> = {};
  const known = Object.keys(node.properties);
  for (const key of Object.keys(value)) {
    const keyPath = path === '' ? key : `${path}.${key}`;
    const child = Object.hasOwn(node.properties, key) ? node.properties[key] : undefined;
    if (child === undefined) {
      errors.push({
        path: keyPath,
        message: `"${keyPath}" is not a setting; known ${path === '' ? 'settings' : `keys of ${path}`}: ${known.join(', ')}.`,
      });
      continue;
    }
    const checked = checkNode(child, value[key], keyPath, complete, errors);
    if (checked !== undefined) out[key] = checked;
  }
  if (complete) {
    for (const key of known) {
      if (!Object.hasOwn(value, key))
        errors.push({ path: path === '' ? key : `${path}.${key}`, message: `${path === '' ? key : `${path}.${key}`} is missing.` });
    }
  }
  return out;
}

function checkNode(node: SchemaNode, value: unknown, path: string, complete: boolean, errors: SettingsError[]): unknown {
  if (node.type === 'object') return checkObject(node, value, path, complete, errors) ?? undefined;
  const error = checkLeaf(node, value, path);
  if (error) {
    errors.push(error);
    return undefined;
  }
  return value;
}

function validate<T>(input: unknown, complete: boolean): SettingsValidation<T> {
  const errors: SettingsError[] = [];
  const value = checkObject(ROOT, input, '', complete, errors);
  if (errors.length > 0 || value === null) return { ok: false, errors };
  return { ok: true, value: value as T };
}

/** A change from the Preferences view: any subset of keys; nested objects may be partial. */
export function validateSettingsPatch(input: unknown): SettingsValidation<SettingsPatch> {
  return validate<SettingsPatch>(input, false);
}

/** A complete settings object (every key present), e.g. before writing an imported file. */
export function validateSettings(input: unknown): SettingsValidation<Settings> {
  return validate<Settings>(input, true);
}

function complete(node: ObjectNode, raw: unknown): Record<string, unknown> {
  const source = isPlainObject(raw) ? raw : {};
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(node.properties)) {
    const value = Object.hasOwn(source, key) ? source[key] : undefined;
    if (child.type === 'object') out[key] = complete(child, value);
    else out[key] = checkLeaf(child, value, key) === null ? value : child.default;
  }
  return out;
}

/**
 * Whatever the store hands back, made whole: valid values kept, missing or invalid ones replaced
 * by their defaults, unknown keys (conf's `__internal__` too) dropped. Read settings through
 * this: with `clearInvalidConfig` electron-store returns `{}` for a file it had to discard.
 */
export function completeSettings(raw: unknown): Settings {
  return complete(ROOT, raw) as Settings;
}

/** One line for a log or an IPC error reply. */
export function formatSettingsErrors(errors: readonly SettingsError[]): string {
  return errors.map((error) => error.message).join(' ');
}

/** Pure: the settings after a (validated) patch; nested groups are merged, not replaced. */
export function applySettingsPatch(current: Readonly<Settings>, patch: SettingsPatch): Settings {
  return {
    checkIntervalMinutes: patch.checkIntervalMinutes ?? current.checkIntervalMinutes,
    notifications: { ...current.notifications, ...patch.notifications },
    launchAtLogin: patch.launchAtLogin ?? current.launchAtLogin,
    statusPolling: { ...current.statusPolling, ...patch.statusPolling },
    theme: patch.theme ?? current.theme,
  };
}
