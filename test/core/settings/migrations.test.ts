import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  compareVersions,
  confMigrations,
  migrateSettings,
  migrateTo020,
  parseVersion,
  pendingMigrations,
  SETTINGS_MIGRATIONS,
  SETTINGS_VERSION,
  type MigratableStore,
  type SettingsMigration,
} from '../../../src/core/settings/migrations.js';
import { defaultSettings, DEFAULT_SETTINGS } from '../../../src/core/settings/schema.js';
import { LOGIN_SETTLED_KEY, loginAtStart } from '../../../src/core/settings/login-default.js';
import { validateSettings } from '../../../src/core/settings/validate.js';

const tag =
  (version: string): SettingsMigration =>
  (data) => ({ ...data, applied: [...((data['applied'] as string[] | undefined) ?? []), version] });

const TABLE: Record<string, SettingsMigration> = {
  '1.0.0': tag('1.0.0'),
  '0.10.0': tag('0.10.0'),
  '0.9.0': tag('0.9.0'),
  '0.2.0': tag('0.2.0'),
};

describe('migration order (conf semantics: from < version <= to)', () => {
  const cases: [string, string, string[]][] = [
    ['0.0.0', '1.0.0', ['0.2.0', '0.9.0', '0.10.0', '1.0.0']],
    ['0.2.0', '1.0.0', ['0.9.0', '0.10.0', '1.0.0']],
    ['0.9.0', '0.10.0', ['0.10.0']],
    ['0.10.0', '0.10.0', []],
    ['0.0.0', '0.9.5', ['0.2.0', '0.9.0']],
    ['1.0.0', '0.2.0', []],
  ];
  for (const [from, to, expected] of cases) {
    test(`${from} → ${to}: ${expected.join(', ') || 'none'}`, () => {
      assert.deepEqual(pendingMigrations(from, to, TABLE), expected);
      assert.deepEqual(migrateSettings({}, from, to, TABLE)['applied'] ?? [], expected);
    });
  }

  test('versions compare numerically, and only plain x.y.z is accepted', () => {
    assert.ok(compareVersions('0.10.0', '0.9.9') > 0);
    assert.equal(compareVersions('1.2.3', '1.2.3'), 0);
    assert.equal(parseVersion('>=1.0.0'), null);
    assert.throws(() => compareVersions('1.0', '1.0.0'), /not a plain x\.y\.z version: "1\.0"/);
  });

  test('the shipped table: plain versions, none newer than SETTINGS_VERSION, the newest equal to it', () => {
    const versions = Object.keys(SETTINGS_MIGRATIONS);
    assert.ok(versions.length > 0);
    for (const version of versions) {
      assert.notEqual(parseVersion(version), null, version);
      assert.ok(compareVersions(version, SETTINGS_VERSION) <= 0, version);
    }
    assert.equal(versions.sort(compareVersions).at(-1), SETTINGS_VERSION);
  });
});

describe('0.1.0 → 0.2.0', () => {
  const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
    [
      'every flat key moves to its new place, seconds become minutes',
      {
        checkIntervalSeconds: 600,
        notifyKeychainOnWake: false,
        notifyFailures: true,
        notifyIncidents: true,
        notifyExpiringToken: false,
        openAtLogin: true,
        pollStatusPage: false,
        statusPollSeconds: 120,
        theme: 'auto',
      },
      {
        checkIntervalMinutes: 10,
        notifications: { keychainOnWake: false, failures: true, incidents: true, expiringToken: false },
        launchAtLogin: true,
        statusPolling: { enabled: false, intervalMinutes: 2 },
        theme: 'system',
      },
    ],
    [
      'seconds are rounded and clamped to the allowed range',
      { checkIntervalSeconds: 5, statusPollSeconds: 99999 },
      { checkIntervalMinutes: 1, statusPolling: { intervalMinutes: 60 } },
    ],
    [
      'values of the wrong type are dropped (defaults fill them in)',
      { checkIntervalSeconds: '600', notifyFailures: 'yes', openAtLogin: null },
      {},
    ],
    [
      'old values win over the defaults conf merged in before migrating',
      { ...DEFAULT_SETTINGS, notifyIncidents: true, checkIntervalSeconds: 3600 },
      { ...DEFAULT_SETTINGS, checkIntervalMinutes: 60, notifications: { ...DEFAULT_SETTINGS.notifications, incidents: true } },
    ],
    ['data in the new shape is left alone', { ...DEFAULT_SETTINGS, theme: 'dark' }, { ...DEFAULT_SETTINGS, theme: 'dark' }],
    ['unknown keys are kept (the schema, not the migration, owns them)', { somethingElse: 1 }, { somethingElse: 1 }],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => {
      const frozen = structuredClone(input);
      assert.deepEqual(migrateTo020(input), expected);
      assert.deepEqual(input, frozen, 'the input is not modified');
    });
  }

  test('a migrated 0.1.0 file, completed with defaults, is valid settings', () => {
    const { [LOGIN_SETTLED_KEY]: settled, ...migrated } = migrateSettings(
      { checkIntervalSeconds: 900, notifyIncidents: true, theme: 'auto' },
      '0.1.0',
    );
    assert.equal(settled, true, 'preferences changed from the defaults: launch at login is the user’s choice');
    const completed = {
      ...defaultSettings(),
      ...migrated,
      notifications: { ...DEFAULT_SETTINGS.notifications, ...(migrated['notifications'] as object) },
    };
    const result = validateSettings(completed);
    assert.ok(result.ok, JSON.stringify(result));
  });

  test('never throws and never mutates its input, whatever JSON it is given', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            'checkIntervalSeconds',
            'notifyFailures',
            'notifications',
            'statusPolling',
            'statusPollSeconds',
            'theme',
            'openAtLogin',
            'x',
          ),
          fc.jsonValue(),
        ),
        (input) => {
          const before = JSON.stringify(input);
          const out = migrateSettings(input, '0.0.0');
          assert.equal(JSON.stringify(input), before);
          assert.equal(typeof out, 'object');
        },
      ),
    );
  });
});

describe('confMigrations (the handlers electron-store calls)', () => {
  /** A small fake of the one thing a handler touches: the `store` accessor. */
  function fakeStore(initial: Record<string, unknown>): MigratableStore & { writes: Record<string, unknown>[] } {
    let data = structuredClone(initial);
    const writes: Record<string, unknown>[] = [];
    return {
      writes,
      get store() {
        return structuredClone(data);
      },
      set store(value) {
        writes.push(value);
        data = structuredClone(value);
      },
    };
  }

  test("applies the pure migration and keeps conf's __internal__ key out of it and in the result", () => {
    const seen: Record<string, unknown>[] = [];
    const handlers = confMigrations({ '0.2.0': (data) => (seen.push(data), { ...data, moved: true }) });
    const store = fakeStore({ a: 1, __internal__: { migrations: { version: '0.1.0' } } });
    handlers['0.2.0']?.(store);
    assert.deepEqual(seen, [{ a: 1 }]);
    assert.deepEqual(store.store, { a: 1, moved: true, __internal__: { migrations: { version: '0.1.0' } } });
  });

  test('one handler per table entry, keyed the same', () => {
    assert.deepEqual(Object.keys(confMigrations()), Object.keys(SETTINGS_MIGRATIONS));
  });
});

describe('0.2.0 → 0.3.0: incident notifications on by default', () => {
  test('notifications exactly as 0.2.0 stored its defaults: never chosen, so incidents turn on', () => {
    const stored = {
      checkIntervalMinutes: 15,
      notifications: { keychainOnWake: true, failures: true, incidents: false, expiringToken: true },
    };
    assert.deepEqual(migrateSettings(stored, '0.2.0', '0.3.0'), {
      checkIntervalMinutes: 15,
      notifications: { keychainOnWake: true, failures: true, incidents: true, expiringToken: true },
    });
  });

  test('any other combination is the user’s choice and stays', () => {
    for (const notifications of [
      { keychainOnWake: false, failures: true, incidents: false, expiringToken: true },
      { keychainOnWake: true, failures: true, incidents: true, expiringToken: false },
    ]) {
      assert.deepEqual(migrateSettings({ notifications }, '0.2.0', '0.3.0'), { notifications });
    }
  });

  test('nothing stored (a fresh file) or a value of the wrong type: untouched, the defaults fill in', () => {
    assert.deepEqual(migrateSettings({}, '0.2.0', '0.3.0'), {});
    assert.deepEqual(migrateSettings({ notifications: 'loud' }, '0.2.0', '0.3.0'), { notifications: 'loud' });
  });
});

describe('0.3.0 → 0.4.0: launch at login on for the installed app, unless the user chose', () => {
  const defaults030 = { ...DEFAULT_SETTINGS, launchAtLogin: false };
  test('untouched defaults (a fresh store, or one nobody changed): not settled, so the first installed run turns it on', () => {
    assert.deepEqual(migrateSettings(defaults030, '0.3.0'), defaults030);
    assert.equal(migrateSettings({}, '0.0.0')[LOGIN_SETTLED_KEY], undefined);
    const reordered = { ...defaults030, notifications: { expiringToken: true, incidents: true, failures: true, keychainOnWake: true } };
    assert.equal(migrateSettings(reordered, '0.3.0')[LOGIN_SETTLED_KEY], undefined, 'key order is not a change');
  });
  const chosen: [string, Record<string, unknown>][] = [
    ['launch at login already on', { ...defaults030, launchAtLogin: true }],
    ['another preference changed (the switch sits beside it)', { ...defaults030, theme: 'dark' }],
    ['a notification turned off', { ...defaults030, notifications: { ...DEFAULT_SETTINGS.notifications, failures: false } }],
  ];
  for (const [name, stored] of chosen) {
    test(`${name}: settled, never turned on behind the user's back`, () => {
      assert.equal(migrateSettings(stored, '0.3.0')[LOGIN_SETTLED_KEY], true);
    });
  }
  test('settled stays settled; the input is not modified', () => {
    const stored = { ...defaults30(), [LOGIN_SETTLED_KEY]: true };
    const frozen = structuredClone(stored);
    assert.deepEqual(migrateSettings(stored, '0.3.0'), frozen);
    assert.deepEqual(stored, frozen);
  });
  function defaults30(): Record<string, unknown> {
    return structuredClone(defaults030);
  }
  test('the rule at start: only a copy with a login item acts, and only once', () => {
    assert.equal(loginAtStart(false, false), 'turn-on');
    assert.equal(loginAtStart(false, true), 'settle');
    assert.equal(loginAtStart(true, false), 'follow-os');
    assert.equal(loginAtStart(true, true), 'follow-os');
    assert.equal(loginAtStart(false, null), 'nothing', 'a development run or a temporary copy');
  });
});
