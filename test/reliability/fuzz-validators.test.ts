/**
 * Fuzzing of the run-time validators at the IPC and HTTP boundary (validateRequest) and of the
 * settings validator they share: anything at all goes in, a verdict comes out, a valid verdict
 * only ever lets through values of the contract's shape, and nothing pollutes a prototype.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IPC_CHANNELS, type IpcChannel } from '../../src/shared/ipc.js';
import { MAX_EXPLAIN_CHARS, validateRequest } from '../../src/shared/ipc-validate.js';
import { isFixId, FIX_IDS } from '../../src/shared/report.js';
import { applySettingsPatch, completeSettings, validateSettings, validateSettingsPatch } from '../../src/shared/settings-validate.js';
import { DEFAULT_SETTINGS, THEMES } from '../../src/shared/settings.js';
import { anyText, fc, fuzzParams, wrongValue } from './arbitraries.js';

/** JSON-able values (what arrives over HTTP) and structured-clone-able ones (what Electron IPC delivers). */
const payload = fc.oneof(
  fc.jsonValue(),
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withNullPrototype: true,
    withSparseArray: true,
  }),
);
const argsLike = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.array(fc.oneof(payload, fc.constantFrom(...FIX_IDS), anyText, fc.integer({ min: -2, max: 120 })), { maxLength: 3 }),
  },
  payload,
);

describe('validateRequest under fuzzing', () => {
  test('any channel, any arguments: a verdict, and "ok" only for the contract’s shapes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...IPC_CHANNELS), argsLike, (channel: IpcChannel, args) => {
        const verdict = validateRequest(channel, args);
        if (!verdict.ok) {
          assert.ok(verdict.error.startsWith(`${channel}: `) && verdict.error.length < 2000, verdict.error.slice(0, 200));
          return;
        }
        assert.ok(Array.isArray(verdict.args));
        const a = verdict.args as readonly unknown[];
        switch (channel) {
          case 'explain:text':
            assert.ok(a.length === 1 && typeof a[0] === 'string' && a[0].length <= MAX_EXPLAIN_CHARS);
            break;
          case 'fix:start':
            assert.ok(a.length === 1 && isFixId(a[0]));
            break;
          case 'fix:run-step':
            assert.ok(a.length === 2 && typeof a[0] === 'string' && Number.isInteger(a[1]));
            break;
          case 'fix:undo':
            assert.ok(a.length === 1 && typeof a[0] === 'string' && !a[0].includes('/') && !a[0].includes('..'));
            break;
          case 'link:open':
            assert.ok(a.length === 1 && typeof a[0] === 'string' && a[0].startsWith('https://'));
            break;
          case 'settings:set':
            assert.ok(a.length === 1 && validateSettingsPatch(a[0]).ok);
            break;
          default:
            assert.equal(a.length, 0);
        }
      }),
      fuzzParams(500),
    );
  });

  test('backup ids and session ids that try to leave their folder are refused', () => {
    const sneaky = fc.oneof(
      fc.constantFrom('..', '../x', 'a/../../b', '/etc/passwd', 'a\\..\\b', '.hidden', 'a/b', '%2e%2e', 'a\u0000b', 'a\nb', ''),
      fc.tuple(fc.stringMatching(/^[A-Za-z0-9]{1,10}$/), fc.constantFrom('/', '\\', '..', '\u0000', '\n')).map(([a, b]) => `${a}${b}`),
    );
    fc.assert(
      fc.property(sneaky, fc.integer({ min: 0, max: 99 }), (id, step) => {
        const undo = validateRequest('fix:undo', [id]);
        if (undo.ok) assert.ok(!/[/\\\0\n]|\.\./.test(id) && !id.startsWith('.'), JSON.stringify(id));
        const run = validateRequest('fix:run-step', [id, step]);
        if (run.ok) assert.match(id, /^[A-Za-z0-9_-]{1,64}$/);
      }),
      fuzzParams(300),
    );
  });
});

const patchLike = fc.record(
  {
    checkIntervalMinutes: fc.oneof(fc.integer({ min: -5, max: 2000 }), wrongValue(fc.string({ maxLength: 5 }))),
    notifications: fc.oneof(
      fc.record(
        {
          keychainOnWake: fc.oneof(fc.boolean(), wrongValue()),
          failures: fc.boolean(),
          incidents: fc.boolean(),
          expiringToken: fc.boolean(),
          sound: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
      wrongValue(),
    ),
    launchAtLogin: fc.oneof(fc.boolean(), wrongValue()),
    statusPolling: fc.oneof(
      fc.record({ enabled: fc.boolean(), intervalMinutes: fc.integer({ min: -1, max: 90 }) }, { requiredKeys: [] }),
      wrongValue(),
    ),
    theme: fc.oneof(fc.constantFrom(...THEMES), anyText),
    autoUpdate: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('settings validation under fuzzing', () => {
  test('a valid patch holds only known keys, and applied to any valid settings gives valid settings', () => {
    fc.assert(
      fc.property(fc.oneof(patchLike, payload), fc.anything(), (patch, stored) => {
        const verdict = validateSettingsPatch(patch);
        if (!verdict.ok) {
          assert.ok(verdict.errors.length > 0 && verdict.errors.every((e) => typeof e.path === 'string' && e.message.length > 0));
          return;
        }
        assert.notEqual(verdict.value, patch, 'a fresh object, not the caller’s');
        const current = completeSettings(stored);
        const next = applySettingsPatch(current, verdict.value);
        assert.ok(validateSettings(next).ok, JSON.stringify(next));
      }),
      fuzzParams(500),
    );
  });

  test('completeSettings makes anything at all into valid settings, keeping what was valid', () => {
    fc.assert(
      fc.property(fc.oneof(patchLike, payload), (raw) => {
        const settings = completeSettings(raw);
        assert.ok(validateSettings(settings).ok, JSON.stringify(settings));
        const patch = validateSettingsPatch(raw);
        if (patch.ok)
          for (const [key, value] of Object.entries(patch.value))
            if (typeof value !== 'object') assert.deepEqual(settings[key as keyof typeof settings], value);
      }),
      fuzzParams(400),
    );
  });

  test('__proto__, constructor and prototype keys are refused and pollute nothing', () => {
    const attacks = [
      '{"__proto__":{"polluted":true}}',
      '{"notifications":{"__proto__":{"polluted":true}}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      '{"statusPolling":{"constructor":{"prototype":{"polluted":true}}}}',
      '{"theme":"dark","__proto__":{"theme":"light"}}',
    ];
    for (const text of attacks) {
      const value: unknown = JSON.parse(text);
      assert.equal(validateSettingsPatch(value).ok, false, text);
      assert.equal(validateRequest('settings:set', [value]).ok, false, text);
      const settings = completeSettings(value);
      assert.deepEqual(settings, text.includes('"theme":"dark"') ? { ...DEFAULT_SETTINGS, theme: 'dark' } : { ...DEFAULT_SETTINGS });
      assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
      assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
    }
  });
});
