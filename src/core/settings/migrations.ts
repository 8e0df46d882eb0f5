/**
 * Settings migrations as pure functions over the stored plain object, keyed by the settings
 * version that introduced the new shape. electron-store (conf) runs every migration whose key is
 * newer than the version recorded in the file and not newer than `projectVersion`; we pass
 * SETTINGS_VERSION as `projectVersion` so settings migrate when their shape changes, not on
 * every app release.
 *
 * Rules for a migration: never throw (conf aborts the whole store on a throw, and the tray would
 * not start), ignore values of the wrong type (the defaults fill them in), let old values win
 * over defaults (conf merges `defaults` into the file *before* migrating), and be a no-op on
 * data that already has the new shape (a fresh store runs every migration once).
 */
import { CHECK_INTERVAL_MINUTES, DEFAULT_SETTINGS, STATUS_POLL_MINUTES } from './schema.js';
import { LOGIN_SETTLED_KEY } from './login-default.js';

/** The shape of the settings this build writes. Bump it with each new migration. */
export const SETTINGS_VERSION = '0.4.0';

export type SettingsData = Record<string, unknown>;
export type SettingsMigration = (data: Readonly<SettingsData>) => SettingsData;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clampMinutes(seconds: unknown, range: { readonly min: number; readonly max: number }): number | undefined {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined;
  return Math.min(range.max, Math.max(range.min, Math.round(seconds / 60)));
}

/** Moves `data[from]` to `target[to]` when it is a boolean; drops `from` either way. */
function moveBoolean(data: SettingsData, from: string, target: SettingsData, to: string): void {
  if (!(from in data)) return;
  const value = data[from];
  delete data[from];
  if (typeof value === 'boolean') target[to] = value;
}

/**
 * 0.1.0 → 0.2.0: the development previews kept flat keys in seconds
 * (`checkIntervalSeconds`, `notifyFailures`, `openAtLogin`, `pollStatusPage`, …) and called the
 * system theme 'auto'; 0.2.0 groups notifications and status polling and counts in minutes.
 */
export const migrateTo020: SettingsMigration = (input) => {
  const data: SettingsData = { ...input };
  const notifications: SettingsData = isRecord(data['notifications']) ? { ...data['notifications'] } : {};
  const polling: SettingsData = isRecord(data['statusPolling']) ? { ...data['statusPolling'] } : {};

  if ('checkIntervalSeconds' in data) {
    const minutes = clampMinutes(data['checkIntervalSeconds'], CHECK_INTERVAL_MINUTES);
    if (minutes !== undefined) data['checkIntervalMinutes'] = minutes;
    delete data['checkIntervalSeconds'];
  }
  moveBoolean(data, 'notifyKeychainOnWake', notifications, 'keychainOnWake');
  moveBoolean(data, 'notifyFailures', notifications, 'failures');
  moveBoolean(data, 'notifyIncidents', notifications, 'incidents');
  moveBoolean(data, 'notifyExpiringToken', notifications, 'expiringToken');
  moveBoolean(data, 'openAtLogin', data, 'launchAtLogin');
  moveBoolean(data, 'pollStatusPage', polling, 'enabled');
  if ('statusPollSeconds' in data) {
    const minutes = clampMinutes(data['statusPollSeconds'], STATUS_POLL_MINUTES);
    if (minutes !== undefined) polling['intervalMinutes'] = minutes;
    delete data['statusPollSeconds'];
  }
  if (data['theme'] === 'auto') data['theme'] = 'system';

  if (Object.keys(notifications).length > 0 || 'notifications' in data) data['notifications'] = notifications;
  if (Object.keys(polling).length > 0 || 'statusPolling' in data) data['statusPolling'] = polling;
  return data;
};

/** The notifications 0.2.0 wrote for a user who never changed one (conf stores its defaults). */
const UNTOUCHED_020 = { keychainOnWake: true, failures: true, incidents: false, expiringToken: true } as const;

/**
 * 0.2.0 → 0.3.0: incident notifications are on by default (the wizard promises to say when an
 * outage is over). A 0.2.0 file holds its defaults, so a user's "off" and the old default look
 * alike; only notifications exactly as 0.2.0 wrote them by default are taken as never chosen and
 * turned on. Any other combination is a choice the user made, and stays.
 */
export const migrateTo030: SettingsMigration = (input) => {
  const data: SettingsData = { ...input };
  const notifications = data['notifications'];
  if (!isRecord(notifications)) return data;
  const keys = Object.keys(UNTOUCHED_020) as (keyof typeof UNTOUCHED_020)[];
  const untouched = Object.keys(notifications).length === keys.length && keys.every((k) => notifications[k] === UNTOUCHED_020[k]);
  if (untouched) data['notifications'] = { ...notifications, incidents: true };
  return data;
};

/** Whether `data` holds only the 0.3.0 defaults (a missing key is its default), as a fresh or never-changed store does. */
function untouched030(data: Readonly<SettingsData>): boolean {
  const { [LOGIN_SETTLED_KEY]: _settled, ...rest } = data;
  const defaults: SettingsData = { ...DEFAULT_SETTINGS, launchAtLogin: false };
  return Object.entries(rest).every(([key, value]) => key in defaults && canonical(value) === canonical(defaults[key]));
}

/** JSON with object keys sorted, so key order never reads as a change. */
function canonical(value: unknown): string {
  if (!isRecord(value)) return JSON.stringify(value) ?? 'undefined';
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
    .join(',')}}`;
}

/**
 * 0.3.0 → 0.4.0: the installed app starts at login unless the user said otherwise. The first
 * installed run turns it on once (stored-settings.ts) while the choice is not settled; this marks
 * it settled wherever a choice shows: launch at login already on, or any preference changed from
 * the defaults (the switch sits among them). Untouched defaults, a fresh store's included, are
 * taken as never chosen, as 0.3.0 took its notifications.
 */
export const migrateTo040: SettingsMigration = (input) => {
  const data: SettingsData = { ...input };
  if (data[LOGIN_SETTLED_KEY] === true) return data;
  if (data['launchAtLogin'] === true || !untouched030(data)) data[LOGIN_SETTLED_KEY] = true;
  return data;
};

export const SETTINGS_MIGRATIONS: Readonly<Record<string, SettingsMigration>> = {
  '0.2.0': migrateTo020,
  '0.3.0': migrateTo030,
  '0.4.0': migrateTo040,
};

/** Plain `x.y.z` only: conf also accepts semver ranges as keys, which we do not use. */
export function parseVersion(version: string): [number, number, number] | null {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

export function compareVersions(a: string, b: string): number {
  const left = parseVersion(a);
  const right = parseVersion(b);
  if (left === null || right === null) throw new Error(`not a plain x.y.z version: "${left === null ? a : b}"`);
  for (let i = 0; i < 3; i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * The migrations conf would run going from `from` (the version recorded in the file; '0.0.0' for
 * a new file) to `to`, in order: from < key <= to. Same rule as conf's `_shouldPerformMigration`.
 */
export function pendingMigrations(
  from: string,
  to: string,
  table: Readonly<Record<string, SettingsMigration>> = SETTINGS_MIGRATIONS,
): string[] {
  return Object.keys(table)
    .filter((version) => compareVersions(version, from) > 0 && compareVersions(version, to) <= 0)
    .sort(compareVersions);
}

/** Pure: the data after every pending migration. Migrations copy, so the input is not modified. */
export function migrateSettings(
  data: Readonly<SettingsData>,
  from: string,
  to: string = SETTINGS_VERSION,
  table: Readonly<Record<string, SettingsMigration>> = SETTINGS_MIGRATIONS,
): SettingsData {
  let current: SettingsData = { ...data };
  for (const version of pendingMigrations(from, to, table)) {
    const migration = table[version];
    if (migration) current = migration(current);
  }
  return current;
}

/** The part of a conf/electron-store instance a migration handler touches. */
export interface MigratableStore {
  store: Record<string, unknown>;
}

/** conf keeps the migrated version under this key in the same file; migrations never see it. */
const INTERNAL_KEY = '__internal__';

/**
 * The table in the form `new Store({ migrations })` takes: each handler reads the whole store,
 * applies the pure migration and writes the result back, keeping conf's internal key.
 */
export function confMigrations(
  table: Readonly<Record<string, SettingsMigration>> = SETTINGS_MIGRATIONS,
): Record<string, (store: MigratableStore) => void> {
  const handlers: Record<string, (store: MigratableStore) => void> = {};
  for (const [version, migration] of Object.entries(table)) {
    handlers[version] = (store) => {
      const { [INTERNAL_KEY]: internal, ...data } = store.store;
      const next = migration(data);
      store.store = internal === undefined ? next : { ...next, [INTERNAL_KEY]: internal };
    };
  }
  return handlers;
}
