import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCheckFlags } from '../../src/cli/check-flags.js';
import { wantsColor } from '../../src/cli/style.js';
import { UsageError } from '../../src/cli/usage.js';

describe('parseCheckFlags', () => {
  test('defaults', () => {
    assert.deepEqual(parseCheckFlags([]), { json: false, offline: false, only: undefined, timeoutMs: 8000, color: true });
  });
  test('all flags', () => {
    const f = parseCheckFlags(['--json', '--offline', '--only', 'auth.token,keychain', '--timeout', '2500', '--no-color']);
    assert.deepEqual(f, { json: true, offline: true, only: ['auth.token', 'keychain'], timeoutMs: 2500, color: false });
  });
  const bad: [string[], RegExp][] = [
    [['--only', 'auth.tokn'], /unknown: auth\.tokn.*Known ids/],
    [['--only', ''], /--only takes check ids/],
    [['--timeout', 'soon'], /--timeout takes milliseconds/],
    [['--timeout', '5'], /between 100 and 600000/],
    [['--frobnicate'], /Unknown option/],
  ];
  for (const [args, message] of bad) {
    test(`rejects ${args.join(' ')}`, () => {
      assert.throws(
        () => parseCheckFlags(args),
        (e: unknown) => e instanceof UsageError && message.test(e.message),
      );
    });
  }
});

describe('wantsColor', () => {
  test('TTY yes, pipe no, NO_COLOR no, --no-color no, FORCE_COLOR yes', () => {
    assert.equal(wantsColor({ isTTY: true }, {}, true), true);
    assert.equal(wantsColor({ isTTY: false }, {}, true), false);
    assert.equal(wantsColor({ isTTY: true }, { NO_COLOR: '1' }, true), false);
    assert.equal(wantsColor({ isTTY: true }, {}, false), false);
    assert.equal(wantsColor({ isTTY: false }, { FORCE_COLOR: '1' }, true), true);
  });
});
