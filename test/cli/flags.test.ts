import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { parseCheckFlags } from '../../src/cli/check-flags.js';
import { wantsColor } from '../../src/cli/style.js';
import { UsageError } from '../../src/cli/usage.js';

describe('parseCheckFlags', () => {
  test('defaults', () => {
    assert.deepEqual(parseCheckFlags([]), {
      format: 'human',
      offline: false,
      only: undefined,
      timeoutMs: 8000,
      color: true,
      out: null,
      labels: {},
    });
  });
  test('all flags', () => {
    const f = parseCheckFlags(['--json', '--offline', '--only', 'auth.token,keychain', '--timeout', '2500', '--no-color']);
    assert.deepEqual(f, {
      format: 'json',
      offline: true,
      only: ['auth.token', 'keychain'],
      timeoutMs: 2500,
      color: false,
      out: null,
      labels: {},
    });
  });
  test('--format prometheus with --out and --label', () => {
    const f = parseCheckFlags(['--format', 'prometheus', '--out', 'm/claude.prom', '--label', 'host=vps-1', '--label', 'team=infra']);
    assert.equal(f.format, 'prometheus');
    assert.equal(f.out, resolve('m/claude.prom'));
    assert.deepEqual(f.labels, { host: 'vps-1', team: 'infra' });
    assert.equal(parseCheckFlags(['--json', '--format', 'json']).format, 'json');
  });
  const bad: [string[], RegExp][] = [
    [['--only', 'auth.tokn'], /unknown: auth\.tokn\. Did you mean "auth\.token"\?/],
    [['--only', ''], /--only takes check ids/],
    [['--timeout', 'soon'], /--timeout takes milliseconds/],
    [['--timeout', '5'], /between 100 and 600000/],
    [['--frobnicate'], /Unknown option/],
    [['--format', 'yaml'], /--format takes human, json, prometheus/],
    [['--json', '--format', 'prometheus'], /two formats/],
    [['--out', 'x.prom'], /go with --format prometheus/],
    [['--format', 'json', '--label', 'host=a'], /go with --format prometheus/],
    [['--format', 'prometheus', '--out', ''], /--out takes a file path/],
    [['--format', 'prometheus', '--label', 'owner=jane@example.com'], /e-mail address/],
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
