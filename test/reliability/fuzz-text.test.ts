/**
 * Fuzzing of the parsers that read free text a user controls: pasted errors (`explain`),
 * proxy variables, endpoint overrides, and the redactor everything passes through. Beyond "no
 * throw", these must stay fast on hostile input (a regex that backtracks is a hang in the tray)
 * and must never echo a password or token they were handed.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveEndpoints } from '../../src/core/network/endpoints.js';
import { runChecks } from '../../src/core/probes/run-probes.js';
import { CATALOGUE } from '../../src/core/explain/catalogue.js';
import { explain } from '../../src/core/explain/match.js';
import { MAX_INPUT_CHARS } from '../../src/core/explain/normalise.js';
import type { HttpClient, Resolver, TcpProber, TlsProber } from '../../src/core/io/ports.js';
import { networkDnsProbe } from '../../src/core/probes/network-dns.js';
import { networkProxyProbe } from '../../src/core/probes/network-proxy.js';
import { networkTlsProbe } from '../../src/core/probes/network-tls.js';
import { serviceStatusProbe } from '../../src/core/probes/service-status.js';
import { matchNoProxy, proxyFromEnv, proxyUrlProblem, showProxyUrl } from '../../src/core/network/proxy-env.js';
import { redactText } from '../../src/core/redact/redact.js';
import { MAX_EXPLAIN_CHARS } from '../../src/shared/ipc-validate.js';
import { isFixId, STATUSES } from '../../src/shared/report.js';
import { fakePlatform, makeProbeInput } from '../helpers/probe-input.js';
import { anyText, assertNoCanary, canaryToken, fc, fuzzParams } from './arbitraries.js';

const IDS = new Set(CATALOGUE.map((entry) => entry.id));

function checkExplain(text: string): void {
  const matches = explain(text);
  assert.ok(matches.length <= 5);
  for (const match of matches) {
    assert.ok(IDS.has(match.id) && match.fixes.every(isFixId) && match.score > 0);
    assert.ok(['low', 'medium', 'high'].includes(match.severity));
  }
  assertNoCanary('explain matches', JSON.stringify(matches));
}

/** Repeating a short unit up to a length: the shape that makes a backtracking regex quadratic. */
const repeated = (unit: fc.Arbitrary<string>, length: number): fc.Arbitrary<string> =>
  unit.filter((u) => u.length > 0).map((u) => u.repeat(Math.ceil(length / u.length)).slice(0, length));

/** Characters the normaliser's regexes care about. */
const punctuation = fc.string({
  unit: fc.constantFrom(
    '\\',
    '/',
    '.',
    '~',
    ':',
    '[',
    ']',
    ';',
    'm',
    'u',
    '0',
    '9',
    'a',
    'Z',
    '"',
    "'",
    ' ',
    '-',
    '_',
    '\u001b',
    '\u009b',
    '\u0007',
    '=',
    'C',
    'T',
    'r',
    'e',
    'q',
  ),
  minLength: 1,
  maxLength: 4,
});

function timed(text: string): number {
  const started = performance.now();
  checkExplain(text);
  return performance.now() - started;
}

describe('explain under fuzzing', () => {
  test('any pasted text, tokens included: catalogue data only, never the token', () => {
    const pasted = fc.oneof(
      anyText,
      fc.tuple(anyText, canaryToken, fc.constantFrom(...CATALOGUE.map((e) => e.title)), anyText).map((parts) => parts.join(' ')),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    fc.assert(fc.property(pasted, checkExplain), fuzzParams(400));
  });

  test(`a hostile paste the size of the wizard's limit (${MAX_EXPLAIN_CHARS} chars) is explained in well under a second`, () => {
    fc.assert(
      fc.property(repeated(punctuation, MAX_EXPLAIN_CHARS), (text) => {
        const ms = timed(text);
        assert.ok(ms < 1000, `${Math.round(ms)} ms for ${JSON.stringify(text.slice(0, 12))}…`);
      }),
      fuzzParams(60),
    );
  });

  test(`hostile pastes of the CLI's full ${MAX_INPUT_CHARS / 1024} KiB stay fast (every regex but the escape one)`, () => {
    const units = [
      '/a',
      './',
      '~/',
      'C:\\a',
      '[1;',
      '\u001b]',
      '\u001b[',
      'req_abcdef ',
      'request id: ',
      '2024-01-01T',
      '12:00:00 ',
      'error 401 ',
      '"error":',
      '\uD800',
      'a',
    ];
    for (const unit of units) {
      const ms = timed(unit.repeat(Math.ceil(MAX_INPUT_CHARS / unit.length)));
      assert.ok(ms < 1000, `${Math.round(ms)} ms for ${JSON.stringify(unit)} × ${MAX_INPUT_CHARS / unit.length}`);
    }
  });

  test(`a run of backslashes the size of the CLI's limit (${MAX_INPUT_CHARS} chars, \`explain -\`) is explained in under a second`, () => {
    // A guard against the quadratic backtracking this once had (~4 s), not a speed measurement.
    const ms = timed('\\'.repeat(MAX_INPUT_CHARS));
    assert.ok(ms < 1000, `${Math.round(ms)} ms for ${MAX_INPUT_CHARS} backslashes`);
  });
});

/** Proxy values as users write them: good URLs, a password in them, no scheme, junk. */
const proxyValue = fc.oneof(
  canaryToken.map((t) => `http://user:${t}@proxy.corp.example:8080`),
  canaryToken.map((t) => `user:${t}@proxy.corp.example:8080`),
  canaryToken.map((t) => `socks5://${t}@[::1]:1080`),
  canaryToken.map((t) => `http://user:${t}@`),
  canaryToken.map((t) => `ftp://u:${t}@host`),
  fc.constantFrom(
    'http://proxy.corp.example:3128',
    'proxy:3128',
    'http://',
    'https://[::1]:99999',
    ' ',
    'http://%zz',
    'http://[fe80::1%25en0]:8080',
  ),
  anyText,
);
const noProxyValue = fc.oneof(
  fc.constantFrom(
    '*',
    '.anthropic.com',
    'anthropic.com,localhost',
    '127.0.0.0/8',
    '[::1]:443',
    '::1',
    'api.anthropic.com:443',
    '10.0.0.0/33',
    '/8',
    ',,,',
  ),
  fc.array(fc.oneof(fc.domain(), fc.ipV4(), fc.ipV6(), anyText), { maxLength: 4 }).map((parts) => parts.join(',')),
);
const proxyEnv = fc
  .tuple(
    fc.dictionary(fc.constantFrom('https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY'), proxyValue, {
      maxKeys: 4,
    }),
    fc.dictionary(fc.constantFrom('no_proxy', 'NO_PROXY'), noProxyValue, { maxKeys: 2 }),
  )
  .map(([proxies, exceptions]): Record<string, string> => ({ ...proxies, ...exceptions }));
const targetUrl = fc.oneof(
  fc.constantFrom('https://api.anthropic.com', 'http://127.0.0.1:8080/x', 'https://[::1]:443', null),
  fc.webUrl(),
  anyText,
);

describe('proxy variables under fuzzing', () => {
  test('proxyFromEnv: no throw, a known variable, and no password in any problem', () => {
    fc.assert(
      fc.property(proxyEnv, targetUrl, (env, target) => {
        const choice = proxyFromEnv(env, target);
        assert.ok(choice.variable === null || Object.keys(env).includes(choice.variable));
        assert.ok(choice.noProxyVariable === null || choice.noProxyVariable === 'no_proxy' || choice.noProxyVariable === 'NO_PROXY');
        if (choice.bypassedBy !== null) assert.ok(String(env[choice.noProxyVariable!] ?? '').includes(choice.bypassedBy));
        if (choice.fatal) assert.equal(choice.proxy, null);
        if (choice.proxy !== null) assert.equal(choice.proxy, env[choice.variable!]?.trim());
        for (const problem of choice.problems) assertNoCanary('a proxy problem', problem);
      }),
      fuzzParams(400),
    );
  });

  test('showProxyUrl and proxyUrlProblem never show the password; matchNoProxy never throws', () => {
    fc.assert(
      fc.property(
        proxyValue,
        noProxyValue,
        fc.oneof(fc.domain(), fc.ipV4(), fc.ipV6(), anyText),
        fc.integer({ min: 0, max: 70000 }),
        (value, noProxy, host, port) => {
          assertNoCanary('showProxyUrl', showProxyUrl(value));
          assertNoCanary('proxyUrlProblem', proxyUrlProblem('HTTPS_PROXY', value) ?? '');
          const hit = matchNoProxy(noProxy, host, port);
          assert.ok(hit === null || noProxy.includes(hit));
        },
      ),
      fuzzParams(400),
    );
  });
});

describe('endpoint overrides under fuzzing', () => {
  const override = fc.oneof(
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    anyText,
    canaryToken.map((t) => `https://u:${t}@127.0.0.1:9`),
    fc.constantFrom('ftp://x', 'https://', 'http://[::1]', ' https://127.0.0.1:9/// '),
  );
  const endpointEnv = fc.record(
    { ANTHROPIC_BASE_URL: override, CLAUDE_AUTH_DOCTOR_AUTH_URL: override, CLAUDE_AUTH_DOCTOR_STATUS_URL: override },
    { requiredKeys: [] },
  );

  test('resolveEndpoints: each endpoint is a usable URL or an error naming its variable', () => {
    fc.assert(
      fc.property(endpointEnv, (env) => {
        const endpoints = resolveEndpoints(env);
        for (const endpoint of [endpoints.api, endpoints.auth, endpoints.status]) {
          assert.equal(endpoint.url === null, endpoint.error !== null);
          if (endpoint.url !== null) {
            assert.match(endpoint.url, /^https?:\/\//);
            assert.doesNotThrow(() => new URL(endpoint.url!));
            assert.ok(endpoint.port !== null && endpoint.port > 0 && endpoint.port < 65536);
          } else assert.match(endpoint.error!, /ANTHROPIC_BASE_URL|CLAUDE_AUTH_DOCTOR_AUTH_URL|CLAUDE_AUTH_DOCTOR_STATUS_URL/);
        }
      }),
      fuzzParams(400),
    );
  });

  test('the network probes over any overrides and proxy settings: a status each, never an internal error', async () => {
    const fast: { resolver: Resolver; tcp: TcpProber; tls: TlsProber; http: HttpClient } = {
      resolver: { lookup: async () => ({ kind: 'error', code: 'ENOTFOUND', message: 'fuzz' }) },
      tcp: { connect: async () => ({ kind: 'failure', failure: 'refused', code: 'ECONNREFUSED', elapsedMs: 1 }) },
      tls: {
        handshake: async () => ({ kind: 'failure', failure: 'reset', code: 'ECONNRESET', message: 'fuzz', issuer: null, elapsedMs: 1 }),
      },
      http: { request: async () => ({ kind: 'failure', failure: 'timeout', code: 'ETIMEDOUT', message: 'fuzz', elapsedMs: 1 }) },
    };
    await fc.assert(
      fc.asyncProperty(endpointEnv, proxyEnv, async (endpoints, proxies) => {
        const env = { ...endpoints, ...proxies };
        const ctx = makeProbeInput({ env, ...fast, platform: fakePlatform() });
        const results = await runChecks([networkDnsProbe, networkProxyProbe, networkTlsProbe, serviceStatusProbe], ctx, {
          offline: false,
          timeoutMs: 2000,
        });
        for (const result of results) {
          assert.ok(STATUSES.includes(result.status));
          assert.notEqual(result.evidence['internalError'], true, `${result.id}: ${result.cause}`);
        }
        assertNoCanary('the network probes’ results', JSON.stringify(results));
      }),
      fuzzParams(250),
    );
  });
});

describe('redactText under fuzzing', () => {
  test('a token anywhere in any text is gone after redaction, and clean text is untouched', () => {
    fc.assert(
      fc.property(
        anyText,
        canaryToken,
        anyText,
        fc.constantFrom('', 'Bearer ', '"accessToken": "', 'x-api-key: ', 'authorization=', 'sk-ant-'),
        (before, token, after, lead) => {
          assertNoCanary('redacted text', redactText(`${before}${lead}${token}${after}`));
        },
      ),
      fuzzParams(400),
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', ' ', '.', '-', '\n', '1'), maxLength: 200 }),
        (text) => void assert.equal(redactText(text), text),
      ),
      fuzzParams(200),
    );
  });
});
