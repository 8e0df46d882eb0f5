import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import fc from 'fast-check';
import { parseCheckFlags } from '../../src/cli/check-flags.js';
import { wantsColor } from '../../src/cli/style.js';
import { parseCommandArgs, UsageError } from '../../src/cli/usage.js';

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

describe('parseCommandArgs', () => {
  // The option shapes the commands use: a command word with its flags (hook), flags only (status), a refused positional, a list default.
  const configs: ParseArgsConfig[] = [
    {
      allowPositionals: true,
      options: { shell: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, deadline: { type: 'string' } },
    },
    { allowPositionals: false, strict: true, options: { json: { type: 'boolean', default: false }, 'max-age': { type: 'string' } } },
    { options: { label: { type: 'string', multiple: true, default: ['team=a'] } } },
    { strict: false, options: { chain: { type: 'string' } } },
  ];
  const outcome = (run: () => unknown): unknown => {
    try {
      return { result: run() };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };

  test('says what parseArgs says, with or without options among the arguments', () => {
    const word = fc.constantFrom('check', 'x', '-', '--', '--json', '-j', '--shell', 'bash', '--max-age', '5', '--label', '--deadline=9');
    fc.assert(
      fc.property(fc.constantFrom(...configs.keys()), fc.array(word, { maxLength: 5 }), (which, args) => {
        const config = { ...configs[which], args };
        const ours = outcome(() => parseCommandArgs(config));
        const node = outcome(() => parseArgs(config));
        assert.deepEqual(ours, node, `${JSON.stringify(args)} with config ${which}`);
      }),
      { numRuns: 500 },
    );
  });

  test('arguments without an option give the positionals and each default, as a null-prototype object', () => {
    const { values, positionals } = parseCommandArgs({ args: ['check'], allowPositionals: true, options: configs[0]?.options ?? {} });
    assert.deepEqual(positionals, ['check']);
    assert.equal(Object.getPrototypeOf(values), null);
    assert.deepEqual({ ...values }, { 'dry-run': false });
    assert.throws(() => parseCommandArgs({ args: ['extra'], allowPositionals: false, options: {} }), UsageError);
  });
});
