import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Options as ConfOptions } from 'conf';
import { DEFAULT_SETTINGS, defaultSettings, settingsSchema, type SchemaNode, type Settings } from '../../../src/core/settings/schema.js';
import { settingsStoreOptions } from '../../../src/core/settings/store-options.js';

// Type-level: the options are exactly what conf (electron-store's base) accepts for Settings.
const _typed: ConfOptions<Settings> = { projectName: 'type-check', ...settingsStoreOptions() };
void _typed;

/** The validator conf builds: Ajv 2020, allErrors + useDefaults, strict mode on (unknown keywords fail to compile). */
function confValidator() {
  const ajv = new Ajv2020({ allErrors: true, useDefaults: true });
  return ajv.compile({ type: 'object', properties: settingsSchema });
}

function leaves(node: SchemaNode, path: string): [string, SchemaNode][] {
  if (node.type !== 'object') return [[path, node]];
  return Object.entries(node.properties).flatMap(([key, child]) => leaves(child, `${path}.${key}`));
}

function at(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], value);
}

describe('settings schema', () => {
  test('compiles under ajv strict mode and the defaults satisfy it', () => {
    const validate = confValidator();
    const data = defaultSettings();
    assert.equal(validate(data), true, JSON.stringify(validate.errors));
    assert.deepEqual(data, DEFAULT_SETTINGS);
  });

  test('every schema default equals DEFAULT_SETTINGS at the same path', () => {
    const all = Object.entries(settingsSchema).flatMap(([key, node]) => leaves(node, key));
    assert.equal(all.length, 9);
    for (const [path, node] of all) assert.deepEqual(node.default, at(DEFAULT_SETTINGS, path), path);
    assert.deepEqual(settingsSchema.notifications.default, DEFAULT_SETTINGS.notifications);
    assert.deepEqual(settingsSchema.statusPolling.default, DEFAULT_SETTINGS.statusPolling);
  });

  test('an empty or partial store is completed with the defaults by ajv (as electron-store reads it)', () => {
    const validate = confValidator();
    const empty: Record<string, unknown> = {};
    assert.equal(validate(empty), true);
    assert.deepEqual(empty, DEFAULT_SETTINGS);
    const partial: Record<string, unknown> = { notifications: { incidents: true }, theme: 'dark' };
    assert.equal(validate(partial), true);
    assert.deepEqual(partial, {
      ...DEFAULT_SETTINGS,
      notifications: { ...DEFAULT_SETTINGS.notifications, incidents: true },
      theme: 'dark',
    });
  });

  test('incident notifications are on (the wizard promises to say when an outage ends); the rest as designed', () => {
    assert.equal(DEFAULT_SETTINGS.notifications.incidents, true);
    assert.equal(DEFAULT_SETTINGS.notifications.keychainOnWake, true);
    assert.equal(DEFAULT_SETTINGS.statusPolling.intervalMinutes, 5);
    assert.equal(DEFAULT_SETTINGS.launchAtLogin, false);
    assert.equal(DEFAULT_SETTINGS.theme, 'system');
  });

  test('the schema rejects what it should (ajv view)', () => {
    const validate = confValidator();
    const bad: Record<string, unknown>[] = [
      { checkIntervalMinutes: 0 },
      { checkIntervalMinutes: 1.5 },
      { checkIntervalMinutes: '15' },
      { notifications: { failures: 'yes' } },
      { notifications: { sound: true } },
      { statusPolling: { intervalMinutes: 61 } },
      { theme: 'blue' },
      { launchAtLogin: 1 },
    ];
    for (const value of bad) assert.equal(validate(value), false, JSON.stringify(value));
  });

  test('defaultSettings() returns a fresh mutable copy; DEFAULT_SETTINGS is frozen', () => {
    const a = defaultSettings();
    a.notifications.incidents = false;
    assert.equal(defaultSettings().notifications.incidents, true);
    assert.ok(Object.isFrozen(DEFAULT_SETTINGS) && Object.isFrozen(DEFAULT_SETTINGS.notifications));
  });
});
