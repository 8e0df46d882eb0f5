/**
 * Fuzzing of what the OS tools print: `scutil --proxy` (macOS), `security` (macOS keychain),
 * `dbus-send` replies (Linux Secret Service) and `nmcli -t`. The pure parsers are total, the
 * scutil parser round-trips any well-formed tree, and the adapters — driven by a fake
 * CommandRunner port that answers anything at all — always return a state from their contract,
 * with no token from a tool's output in reasons or evidence.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { KeychainState } from '../../src/core/keychain/types.js';
import { createDarwinAdapter, darwinVpnInterfaces } from '../../src/core/platform/darwin.js';
import {
  classifyBusReply,
  createLinuxAdapter,
  linuxVpnInterfaces,
  parseBusBoolean,
  parseNmcliActive,
  splitNmcliLine,
} from '../../src/core/platform/linux.js';
import { parseScutil, parseScutilProxy, type ScutilValue } from '../../src/core/platform/parse-scutil.js';
import type { CommandResult, CommandRunner, FileSystem } from '../../src/core/io/ports.js';
import { anyText, assertNoCanary, canaryToken, fc, fuzzParams, renderings } from './arbitraries.js';

/** Tool output: any text, or text with a token in it (a tool that prints a secret on error). */
const toolText = fc.oneof(
  anyText,
  fc.tuple(anyText, canaryToken, anyText).map(([a, t, b]) => `${a}${t}${b}`),
  fc.constantFrom('', '\n'),
);

const commandResult: fc.Arbitrary<CommandResult> = fc.record({
  code: fc.oneof(fc.constantFrom(0, 1, 36, 44, 51, 128, 255), fc.integer({ min: -1, max: 300 }), fc.constant(null)),
  stdout: fc.oneof(
    toolText,
    fc.constantFrom(
      '   boolean true\n',
      '   variant       boolean false\n',
      'method return time=1 sender=:1.2\n   variant       boolean true\n',
    ),
  ),
  stderr: fc.oneof(
    toolText,
    fc.constantFrom(
      'Error org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files',
      'Error org.freedesktop.DBus.Error.NoReply: Did not receive a reply',
      'Failed to open connection to "session" message bus: Failed to connect to socket /tmp/x: Connection refused',
      'Error org.freedesktop.DBus.Error.UnknownObject: No such object path',
      'security: SecKeychainCopySettings: User interaction is not allowed.',
      'security: SecKeychainItemCopyContent: The specified item could not be found in the keychain.',
    ),
  ),
  timedOut: fc.boolean(),
  spawnError: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, fc.constantFrom('ENOENT', 'EACCES', 'EMFILE')),
});

/** A CommandRunner port that answers each call with the next scripted result (the last one repeats). */
function scriptedRunner(results: readonly CommandResult[]): CommandRunner & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async run(file, args) {
      calls.push([file, ...args].join(' '));
      return results[Math.min(calls.length - 1, results.length - 1)]!;
    },
  };
}

const noFiles: FileSystem = {
  readText: async (path) => ({ kind: 'missing', path }),
  exists: async () => false,
  list: async () => [],
  space: async () => null,
};
const interfaces = fc.array(
  fc.record({
    name: fc.oneof(fc.constantFrom('utun0', 'utun3', 'tun0', 'wg0', 'ppp0', 'ipsec0', 'tap1', 'tailscale0', 'zt7', 'en0', 'lo'), anyText),
    addresses: fc.array(fc.oneof(fc.constantFrom('10.8.0.2', 'fe80::1%utun0', '100.64.0.1/32', '::1'), anyText), { maxLength: 3 }),
  }),
  { maxLength: 6 },
);

const STATE_KINDS: readonly KeychainState['kind'][] = ['unlocked', 'locked', 'unavailable', 'unsupported', 'error'];

function checkState(state: KeychainState): void {
  assert.ok(STATE_KINDS.includes(state.kind), state.kind);
  if (state.kind === 'unavailable' || state.kind === 'error' || state.kind === 'unsupported') assert.ok(state.reason.length > 0);
  assertNoCanary('a keychain state', renderings(state));
}

describe('scutil --proxy parser under fuzzing', () => {
  const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,11}$/);
  const scalar = fc
    .stringMatching(/^[A-Za-z0-9.*/:-]([A-Za-z0-9.*/: -]{0,20}[A-Za-z0-9.*/-])?$/)
    .filter((v) => !/<(array|dictionary)>/.test(v));
  const tree = fc.letrec<{ dict: Record<string, ScutilValue>; value: ScutilValue }>((tie) => ({
    dict: fc.dictionary(key, tie('value'), { maxKeys: 4, depthIdentifier: 'scutil', noNullPrototype: true }),
    value: fc.oneof({ depthSize: 'small', depthIdentifier: 'scutil' }, scalar, fc.array(tie('value'), { maxLength: 3 }), tie('dict')),
  })).dict;

  function render(value: ScutilValue, indent: string): string[] {
    if (typeof value === 'string') return [value];
    const isArray = Array.isArray(value);
    const entries: [string, ScutilValue][] = isArray ? (value as ScutilValue[]).map((v, i) => [String(i), v]) : Object.entries(value);
    const lines: string[] = [];
    for (const [k, v] of entries) {
      if (typeof v === 'string') lines.push(`${indent}  ${k} : ${v}`);
      else {
        lines.push(`${indent}  ${k} : <${Array.isArray(v) ? 'array' : 'dictionary'}> {`, ...render(v, `${indent}  `).slice(1));
      }
    }
    return [`${indent}<${isArray ? 'array' : 'dictionary'}> {`, ...lines, `${indent}}`];
  }

  test('any well-formed tree round-trips through the parser', () => {
    fc.assert(
      fc.property(tree, (dict) => {
        const text = render(dict, '').join('\n') + '\n';
        assert.deepEqual(parseScutil(text), dict);
      }),
      fuzzParams(300),
    );
  });

  test('any text, and the real printouts with lines dropped, duplicated or cut: a proxy result of the right shape', () => {
    const load = (name: string): string => {
      for (const base of ['../fixtures/darwin/', '../../../test/fixtures/darwin/']) {
        try {
          return readFileSync(new URL(base + name, import.meta.url), 'utf8');
        } catch {
          // the other layout
        }
      }
      throw new Error(`fixture ${name} not found`);
    };
    const printouts = ['scutil-https.txt', 'scutil-none.txt', 'scutil-pac.txt'].map(load);
    const mangled = fc
      .tuple(fc.constantFrom(...printouts), fc.array(fc.tuple(fc.nat(), fc.constantFrom('drop', 'dup', 'cut', 'crlf')), { maxLength: 5 }))
      .map(([text, edits]) => {
        const lines = text.split('\n');
        for (const [at, edit] of edits) {
          const i = at % Math.max(1, lines.length);
          if (edit === 'drop') lines.splice(i, 1);
          else if (edit === 'dup') lines.splice(i, 0, lines[i] ?? '');
          else if (edit === 'cut') lines[i] = (lines[i] ?? '').slice(0, at % 7);
          else lines[i] = `${lines[i] ?? ''}\r`;
        }
        return lines.join('\n');
      });
    fc.assert(
      fc.property(fc.oneof(anyText, mangled), (text) => {
        const proxy = parseScutilProxy(text);
        for (const url of [proxy.https, proxy.http]) if (url !== null) assert.match(url, /^http:\/\/\S/);
        assert.ok(proxy.exceptions.every((e) => typeof e === 'string'));
        assert.ok(proxy.pacUrl === null || (typeof proxy.pacUrl === 'string' && proxy.pacUrl.length > 0));
        assert.equal(proxy.source, 'scutil --proxy');
      }),
      fuzzParams(400),
    );
  });
});

describe('Linux tool output under fuzzing', () => {
  test('parseBusBoolean: true/false exactly when a dbus boolean is printed, else null', () => {
    fc.assert(
      fc.property(anyText, fc.option(fc.boolean()), anyText, (before, value, after) => {
        const text = value === null ? before : `${before}\n   variant       boolean ${value}\n${after}`;
        const parsed = parseBusBoolean(text);
        if (value === null) assert.ok(parsed === null || typeof parsed === 'boolean');
        else if (!/\bboolean\s+(true|false)\b/.test(before)) assert.equal(parsed, value);
      }),
      fuzzParams(300),
    );
  });

  test('classifyBusReply: one of four kinds, with a short reason free of tokens', () => {
    fc.assert(
      fc.property(commandResult, (result) => {
        const reply = classifyBusReply(result);
        assert.ok(['ok', 'no-object', 'unavailable', 'error'].includes(reply.kind));
        if (reply.kind === 'unavailable' || reply.kind === 'error') {
          assert.ok(reply.reason.length > 0 && reply.reason.length < 600);
          assertNoCanary('a D-Bus failure reason', reply.reason);
        }
        if (result.spawnError === 'ENOENT') assert.equal(reply.kind, 'unavailable');
      }),
      fuzzParams(400),
    );
  });

  test('nmcli: escaped fields round-trip; only vpn and wireguard connections are named', () => {
    const field = fc.string({ maxLength: 12 }).filter((s) => !/[\r\n]/.test(s));
    const escape = (s: string): string => s.replace(/[\\:]/g, (c) => `\\${c}`);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(field, fc.constantFrom('vpn', 'wireguard', '802-3-ethernet', 'loopback', 'bridge'), field), { maxLength: 6 }),
        (rows) => {
          const text = rows.map((row) => row.map(escape).join(':')).join('\n');
          rows.forEach((row, i) => assert.deepEqual(splitNmcliLine(text.split('\n')[i] ?? ''), row));
          const expected = rows.filter(([name, type]) => name !== '' && (type === 'vpn' || type === 'wireguard')).map(([name]) => name);
          assert.deepEqual(parseNmcliActive(text), expected);
        },
      ),
      fuzzParams(300),
    );
    fc.assert(
      fc.property(anyText, (text) => void assert.ok(parseNmcliActive(text).every((n) => typeof n === 'string' && n !== ''))),
      fuzzParams(200),
    );
  });

  test('tunnel interface detection never throws and only reports names it was given', () => {
    fc.assert(
      fc.property(interfaces, (list) => {
        for (const found of [linuxVpnInterfaces(list), darwinVpnInterfaces(list)]) {
          for (const tunnel of found) assert.ok(list.some((i) => i.name === tunnel.name));
        }
      }),
      fuzzParams(300),
    );
  });

  test('the Linux adapter, whatever dbus-send answers: a keychain state from the contract, bounded calls, no token', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(commandResult, { minLength: 1, maxLength: 4 }),
        fc.option(fc.oneof(fc.constant('unix:path=/run/user/1000/bus,guid=0123456789abcdef0123456789abcdef'), anyText)),
        async (results, address) => {
          const runner = scriptedRunner(results);
          const env = address === null ? {} : { DBUS_SESSION_BUS_ADDRESS: address };
          const adapter = createLinuxAdapter({ runner, fs: noFiles, env, homeDir: '/home/u', interfaces: () => [], uid: 1000 });
          const state = await adapter.keychainState(1500);
          checkState(state);
          assert.ok(runner.calls.length <= 3, `at most three dbus-send calls, made ${runner.calls.length}`);
          if (state.kind !== 'unsupported' && 'evidence' in state) assert.doesNotMatch(JSON.stringify(state.evidence), /guid=/);
          const vpn = await adapter.vpn(500);
          assert.ok(Array.isArray(vpn.connections) && Array.isArray(vpn.interfaces));
        },
      ),
      fuzzParams(300),
    );
  });
});

describe('macOS `security` and `scutil` output under fuzzing (darwin adapter, fake runner)', () => {
  test('keychainState, readClaudeCredentials, systemProxy: contract states; the secret only ever in `text`', async () => {
    await fc.assert(
      fc.asyncProperty(commandResult, interfaces, async (result, list) => {
        const adapter = createDarwinAdapter({
          runner: scriptedRunner([result]),
          fs: noFiles,
          env: {},
          homeDir: '/Users/u',
          interfaces: () => list,
        });
        checkState(await adapter.keychainState(2000));
        const read = await adapter.readClaudeCredentials('Claude Code-credentials', 'u', 2000);
        assert.ok(['found', 'not-found', 'locked', 'error'].includes(read.kind), read.kind);
        if (read.kind !== 'not-applicable') assertNoCanary('keychain read evidence', JSON.stringify(read.evidence));
        if (read.kind === 'error') assertNoCanary('a keychain read reason', read.reason);
        if (read.kind === 'found') assert.equal(result.code, 0);
        const proxy = await adapter.systemProxy(1000);
        assert.ok(proxy === null || (typeof proxy.source === 'string' && Array.isArray(proxy.exceptions)));
        await adapter.vpn(100);
      }),
      fuzzParams(300),
    );
  });

  test('`security -w` hex output of a JSON item is decoded; other hex is kept as it is', () => {
    const item = JSON.stringify({ claudeAiOauth: { accessToken: 'sk-ant-oat01-CANARY-hex-0123456789' } });
    const hex = Buffer.from(`${item}\u0000`, 'utf8').toString('hex');
    const ok = (stdout: string): CommandResult => ({ code: 0, stdout, stderr: '', timedOut: false, spawnError: null });
    return Promise.all([
      createDarwinAdapter({ runner: scriptedRunner([ok(`${hex}\n`)]), fs: noFiles, env: {}, homeDir: '/Users/u', interfaces: () => [] })
        .readClaudeCredentials('s', 'u', 1000)
        .then((read) => assert.equal(read.kind === 'found' && read.text.startsWith('{"claudeAiOauth"'), true)),
      createDarwinAdapter({ runner: scriptedRunner([ok('deadbeef\n')]), fs: noFiles, env: {}, homeDir: '/Users/u', interfaces: () => [] })
        .readClaudeCredentials('s', 'u', 1000)
        .then((read) => assert.equal(read.kind === 'found' && read.text, 'deadbeef')),
    ]).then(() => undefined);
  });
});
