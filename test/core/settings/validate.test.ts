import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { DEFAULT_SETTINGS, defaultSettings, settingsSchema } from '../../../src/core/settings/schema.js';
import {
  applySettingsPatch,
  completeSettings,
  formatSettingsErrors,
  validateSettings,
  validateSettingsPatch,
} from '../../../src/core/settings/validate.js';

describe('validateSettingsPatch: accepted', () => {
  const good: unknown[] = [
    {},
    { theme: 'dark' },
    { checkIntervalMinutes: 1 },
    { checkIntervalMinutes: 1440 },
    { notifications: { incidents: true } },
    { notifications: {} },
    { statusPolling: { enabled: false, intervalMinutes: 60 } },
    {
      launchAtLogin: true,
      theme: 'light',
      notifications: { failures: false, keychainOnWake: false, expiringToken: false, incidents: true },
    },
    Object.assign(Object.create(null) as object, { theme: 'system' }),
  ];
  for (const patch of good) {
    test(JSON.stringify(patch), () => {
      const result = validateSettingsPatch(patch);
      assert.ok(result.ok, JSON.stringify(result));
      assert.deepEqual(result.value, JSON.parse(JSON.stringify(patch)));
      assert.notEqual(result.value, patch, "a fresh object, never the caller's");
    });
  }
});

describe('validateSettingsPatch: rejected with a clear error', () => {
  const bad: [unknown, string, RegExp][] = [
    [null, '', /^The settings must be an object of settings, not null\.$/],
    [[{ theme: 'dark' }], '', /must be an object of settings, not a list/],
    ['theme=dark', '', /not "theme=dark"/],
    [new Date(0), '', /must be an object of settings, not a Date\./],
    [
      { colour: 'red' },
      'colour',
      /^"colour" is not a setting; known settings: checkIntervalMinutes, notifications, launchAtLogin, statusPolling, theme\.$/,
    ],
    [{ __internal__: { migrations: { version: '9.9.9' } } }, '__internal__', /is not a setting/],
    [JSON.parse('{"__proto__": {"polluted": true}}'), '__proto__', /"__proto__" is not a setting/],
    [
      { notifications: { sound: true } },
      'notifications.sound',
      /^"notifications\.sound" is not a setting; known keys of notifications: keychainOnWake, failures, incidents, expiringToken\.$/,
    ],
    [{ notifications: true }, 'notifications', /^notifications must be an object of settings, not true\.$/],
    [{ notifications: { incidents: 'yes' } }, 'notifications.incidents', /^notifications\.incidents must be true or false, not "yes"\.$/],
    [{ launchAtLogin: 1 }, 'launchAtLogin', /must be true or false, not 1/],
    [{ checkIntervalMinutes: 0 }, 'checkIntervalMinutes', /^checkIntervalMinutes must be a whole number from 1 to 1440, not 0\.$/],
    [{ checkIntervalMinutes: 1.5 }, 'checkIntervalMinutes', /not 1\.5/],
    [{ checkIntervalMinutes: Number.NaN }, 'checkIntervalMinutes', /not NaN/],
    [{ checkIntervalMinutes: Infinity }, 'checkIntervalMinutes', /not Infinity/],
    [{ checkIntervalMinutes: '15' }, 'checkIntervalMinutes', /not "15"/],
    [{ statusPolling: { intervalMinutes: 61 } }, 'statusPolling.intervalMinutes', /from 1 to 60, not 61/],
    [{ theme: 'blue' }, 'theme', /^theme must be one of "system", "light", "dark", not "blue"\.$/],
    [{ theme: 'x'.repeat(100) }, 'theme', /not "x{40}…"/],
  ];
  for (const [patch, path, message] of bad) {
    test(`${path || '(root)'}: ${message.source.slice(0, 60)}`, () => {
      const result = validateSettingsPatch(patch);
      assert.equal(result.ok, false);
      assert.ok(!result.ok);
      assert.equal(result.errors.length, 1, JSON.stringify(result.errors));
      assert.equal(result.errors[0]?.path, path);
      assert.match(result.errors[0]?.message ?? '', message);
    });
  }

  test('every problem is reported, not only the first', () => {
    const result = validateSettingsPatch({ theme: 'blue', extra: 1, notifications: { failures: 0, nope: true } });
    assert.ok(!result.ok);
    assert.deepEqual(
      result.errors.map((e) => e.path),
      ['theme', 'extra', 'notifications.failures', 'notifications.nope'],
    );
    assert.match(
      formatSettingsErrors(result.errors),
      /^theme must be .*\. "extra" is not a setting.*\. notifications\.failures must be .*\. "notifications\.nope" is not a setting/,
    );
  });
});

describe('validateSettings (complete objects)', () => {
  test('the defaults are valid', () => {
    assert.deepEqual(validateSettings(defaultSettings()), { ok: true, value: DEFAULT_SETTINGS });
  });

  test('missing keys are named, nested ones with their path', () => {
    const { statusPolling: _drop, ...rest } = defaultSettings();
    const result = validateSettings({ ...rest, notifications: { failures: true } });
    assert.ok(!result.ok);
    assert.deepEqual(
      result.errors.map((e) => e.message),
      [
        'notifications.keychainOnWake is missing.',
        'notifications.incidents is missing.',
        'notifications.expiringToken is missing.',
        'statusPolling is missing.',
      ],
    );
  });
});

describe('applySettingsPatch and completeSettings', () => {
  test('a patch merges into nested groups instead of replacing them', () => {
    const next = applySettingsPatch(DEFAULT_SETTINGS, {
      notifications: { incidents: true },
      statusPolling: { intervalMinutes: 10 },
      theme: 'dark',
    });
    assert.deepEqual(next, {
      ...DEFAULT_SETTINGS,
      notifications: { ...DEFAULT_SETTINGS.notifications, incidents: true },
      statusPolling: { enabled: true, intervalMinutes: 10 },
      theme: 'dark',
    });
    assert.equal(DEFAULT_SETTINGS.theme, 'system');
  });

  test('completeSettings keeps valid values, replaces invalid or missing ones, drops unknown keys', () => {
    assert.deepEqual(completeSettings(undefined), DEFAULT_SETTINGS);
    assert.deepEqual(completeSettings({}), DEFAULT_SETTINGS);
    assert.deepEqual(
      completeSettings({
        theme: 'dark',
        checkIntervalMinutes: -3,
        notifications: { incidents: true, failures: 'no' },
        statusPolling: 'off',
        __internal__: {},
        x: 1,
      }),
      { ...DEFAULT_SETTINGS, theme: 'dark', notifications: { ...DEFAULT_SETTINGS.notifications, incidents: true } },
    );
  });
});

describe('agrees with ajv on the same schema (closed at every level)', () => {
  const ajv = new Ajv2020({ allErrors: true });
  const strict = ajv.compile({ type: 'object', properties: settingsSchema, additionalProperties: false });
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.integer({ min: -5, max: 1500 }),
    fc.constantFrom('system', 'light', 'dark', 'auto'),
    fc.boolean(),
  );
  const group = (keys: string[]) => fc.oneof(fc.dictionary(fc.constantFrom(...keys, 'other'), value, { maxKeys: 4 }), value);
  const patch = fc.dictionary(
    fc.constantFrom('checkIntervalMinutes', 'notifications', 'launchAtLogin', 'statusPolling', 'theme', 'other'),
    fc.oneof(value, group(['keychainOnWake', 'failures', 'incidents', 'expiringToken']), group(['enabled', 'intervalMinutes'])),
    { maxKeys: 5 },
  );

  test('validateSettingsPatch(x).ok === ajv(x) for generated patches', () => {
    fc.assert(
      fc.property(patch, (input) => {
        const copy = structuredClone(input);
        assert.equal(validateSettingsPatch(input).ok, strict(copy), JSON.stringify(input));
      }),
      { numRuns: 2000 },
    );
  });
});
