import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LookupResult, Resolver } from '../../../src/core/io/ports.js';
import { networkDnsProbe } from '../../../src/core/probes/network-dns.js';
import { makeProbeInput } from '../../helpers/probe-input.js';

const LOOPBACK_ENV = {
  ANTHROPIC_BASE_URL: 'https://localhost:8443',
  CLAUDE_AUTH_DOCTOR_AUTH_URL: 'https://127.0.0.1:8444',
  CLAUDE_AUTH_DOCTOR_STATUS_URL: 'https://[::1]:8445',
};

/** Names that fail cannot be produced on loopback without querying the machine's DNS server. */
function resolverFailing(failing: readonly string[], calls: string[] = []): Resolver {
  return {
    lookup: async (host): Promise<LookupResult> => {
      calls.push(host);
      return failing.includes(host)
        ? { kind: 'error', code: 'ENOTFOUND', message: `getaddrinfo ENOTFOUND ${host}` }
        : { kind: 'ok', addresses: ['127.0.0.1'] };
    },
  };
}

const ENV = {
  ANTHROPIC_BASE_URL: 'https://api.example.test',
  CLAUDE_AUTH_DOCTOR_AUTH_URL: 'https://auth.example.test',
  CLAUDE_AUTH_DOCTOR_STATUS_URL: 'https://status.example.test',
};

describe('network.dns', () => {
  test('loopback names and literal IPs resolve with the real resolver', async () => {
    const outcome = await networkDnsProbe.run(makeProbeInput({ env: LOOPBACK_ENV }));
    assert.equal(outcome.status, 'ok', outcome.cause ?? '');
    const evidence = outcome.evidence as Record<string, { host: string; addresses: string[] }>;
    assert.equal(evidence['auth']?.host, '127.0.0.1');
    assert.deepEqual(evidence['auth']?.addresses, ['127.0.0.1']);
    assert.deepEqual(evidence['status']?.addresses, ['::1']);
    assert.ok(evidence['api']?.addresses.length);
  });

  test('the API host not resolving is a fail with fix-dns', async () => {
    const outcome = await networkDnsProbe.run(makeProbeInput({ env: ENV, resolver: resolverFailing(['api.example.test']) }));
    assert.equal(outcome.status, 'fail');
    assert.deepEqual(outcome.fixes, ['fix-dns']);
    assert.match(outcome.summary, /api\.example\.test/);
    assert.match(outcome.cause ?? '', /api\.example\.test \(api\) does not resolve/);
    assert.equal((outcome.evidence as Record<string, { error: string }>)['api']?.error, 'ENOTFOUND');
  });

  test('only the status host failing is a warn', async () => {
    const outcome = await networkDnsProbe.run(makeProbeInput({ env: ENV, resolver: resolverFailing(['status.example.test']) }));
    assert.equal(outcome.status, 'warn');
    assert.deepEqual(outcome.fixes, ['fix-dns']);
    assert.match(outcome.summary, /status\.example\.test does not resolve/);
  });

  test('through a proxy a local lookup failure is only a warn, and the proxy password stays out', async () => {
    const env = { ...ENV, HTTPS_PROXY: 'http://me:CANARY-pw@127.0.0.1:3128' };
    const outcome = await networkDnsProbe.run(makeProbeInput({ env, resolver: resolverFailing(['api.example.test']) }));
    assert.equal(outcome.status, 'warn');
    assert.match(outcome.cause ?? '', /proxy/);
    assert.doesNotMatch(JSON.stringify(outcome), /CANARY/);
  });

  test('a malformed override fails naming the variable, the others are still looked up', async () => {
    const calls: string[] = [];
    const env = { ...ENV, ANTHROPIC_BASE_URL: 'api.example.test:443' };
    const outcome = await networkDnsProbe.run(makeProbeInput({ env, resolver: resolverFailing([], calls) }));
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.summary, /ANTHROPIC_BASE_URL/);
    assert.match(outcome.cause ?? '', /ANTHROPIC_BASE_URL/);
    assert.deepEqual(calls.sort(), ['auth.example.test', 'status.example.test']);
  });

  test('hosts are looked up in parallel, once each', async () => {
    const calls: string[] = [];
    const slow: Resolver = {
      lookup: (host) => {
        calls.push(host);
        return new Promise((resolve) => setTimeout(() => resolve({ kind: 'ok', addresses: ['127.0.0.1'] }), 300));
      },
    };
    const env = { ...ENV, CLAUDE_AUTH_DOCTOR_STATUS_URL: 'https://auth.example.test/status' };
    const started = Date.now();
    const outcome = await networkDnsProbe.run(makeProbeInput({ env, resolver: slow }));
    assert.equal(outcome.status, 'ok');
    assert.ok(Date.now() - started < 550, 'parallel');
    assert.deepEqual(calls.sort(), ['api.example.test', 'auth.example.test']);
  });

  test('lookups are sized under the probe budget', async () => {
    const timeouts: number[] = [];
    const resolver: Resolver = { lookup: async (_host, timeoutMs) => (timeouts.push(timeoutMs), { kind: 'ok', addresses: ['127.0.0.1'] }) };
    await networkDnsProbe.run(makeProbeInput({ env: ENV, resolver, options: { timeoutMs: 2000 } }));
    assert.ok(timeouts.length > 0 && timeouts.every((t) => t > 0 && t < 2000), timeouts.join());
  });
});

test('the default test context refuses public hosts instead of looking them up', async () => {
  const outcome = await networkDnsProbe.run(makeProbeInput());
  assert.equal(outcome.status, 'fail');
  assert.equal((outcome.evidence as Record<string, { error: string }>)['api']?.error, 'E_TEST_NON_LOOPBACK');
});
