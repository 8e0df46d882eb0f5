/**
 * The settings through `conf`, the Node-only store electron-store extends (electron-store adds
 * only Electron's paths and IPC): defaults, migrations and schema checks as the app will see them.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import Conf from 'conf';
import { SETTINGS_VERSION } from '../../../src/core/settings/migrations.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/core/settings/schema.js';
import { SETTINGS_STORE_NAME, settingsStoreOptions } from '../../../src/core/settings/store-options.js';
import { completeSettings } from '../../../src/core/settings/validate.js';

let dir: string;
const file = (): string => join(dir, `${SETTINGS_STORE_NAME}.json`);
const open = (): Conf<Settings> => new Conf<Settings>({ cwd: dir, configName: SETTINGS_STORE_NAME, ...settingsStoreOptions() });
const onDisk = async (): Promise<Record<string, unknown>> => JSON.parse(await readFile(file(), 'utf8')) as Record<string, unknown>;

function withoutInternal(store: Record<string, unknown>): Record<string, unknown> {
  const { __internal__: _internal, ...rest } = store;
  return rest;
}

describe('settings store (conf)', () => {
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cad-settings-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('a new store holds the defaults and records the settings version', async () => {
    const store = open();
    assert.deepEqual(withoutInternal(store.store), DEFAULT_SETTINGS);
    assert.deepEqual((await onDisk())['__internal__'], { migrations: { version: SETTINGS_VERSION } });
  });

  test('a 0.1.0 file is migrated on open; old values win over defaults; old keys are gone', async () => {
    await writeFile(
      file(),
      JSON.stringify({
        checkIntervalSeconds: 300,
        notifyIncidents: true,
        openAtLogin: true,
        theme: 'auto',
        __internal__: { migrations: { version: '0.1.0' } },
      }),
    );
    const store = open();
    assert.equal(store.get('checkIntervalMinutes'), 5);
    assert.equal(store.get('notifications.incidents'), true);
    assert.equal(store.get('notifications.failures'), true);
    assert.equal(store.get('launchAtLogin'), true);
    assert.equal(store.get('theme'), 'system');
    const disk = await onDisk();
    for (const old of ['checkIntervalSeconds', 'notifyIncidents', 'openAtLogin']) assert.ok(!(old in disk), old);
    assert.deepEqual(disk['__internal__'], { migrations: { version: SETTINGS_VERSION } });
  });

  test('a file without a recorded version (written before conf tracked one) is migrated from 0.0.0', async () => {
    await writeFile(file(), JSON.stringify({ pollStatusPage: false, statusPollSeconds: 600 }));
    const store = open();
    assert.deepEqual(store.get('statusPolling'), { enabled: false, intervalMinutes: 10 });
  });

  test('a current file is not migrated again', async () => {
    const first = open();
    first.set('theme', 'dark');
    first.set('notifications.incidents', true);
    const second = open();
    assert.equal(second.get('theme'), 'dark');
    assert.equal(second.get('notifications.incidents'), true);
  });

  test('writes are checked against the schema', () => {
    const store = open();
    assert.throws(
      () => store.set('theme', 'blue' as Settings['theme']),
      /Config schema violation: `theme` must be equal to one of the allowed values/,
    );
    assert.throws(() => store.set('checkIntervalMinutes', 0), /checkIntervalMinutes/);
    assert.equal(store.get('theme'), 'system');
  });

  test('a partial nested group reads back completed with defaults', async () => {
    await writeFile(
      file(),
      JSON.stringify({
        ...DEFAULT_SETTINGS,
        notifications: { incidents: true },
        __internal__: { migrations: { version: SETTINGS_VERSION } },
      }),
    );
    const store = open();
    assert.deepEqual(store.get('notifications'), { ...DEFAULT_SETTINGS.notifications, incidents: true });
  });

  test('a hand-broken file (invalid value, or not JSON) does not stop the app; completeSettings gives the defaults', async () => {
    await writeFile(
      file(),
      JSON.stringify({
        ...DEFAULT_SETTINGS,
        theme: 'dark',
        checkIntervalMinutes: 0,
        __internal__: { migrations: { version: SETTINGS_VERSION } },
      }),
    );
    const discarded = open();
    // conf's clearInvalidConfig discards the whole file (the valid 'dark' too) and reads as {}.
    assert.equal(discarded.get('checkIntervalMinutes'), undefined);
    assert.deepEqual(completeSettings(discarded.store), DEFAULT_SETTINGS);

    await writeFile(file(), '{ not json');
    const store = open();
    assert.deepEqual(completeSettings(store.store), DEFAULT_SETTINGS);
    store.set('theme', 'light');
    assert.deepEqual(completeSettings(open().store), { ...DEFAULT_SETTINGS, theme: 'light' });
  });
});
