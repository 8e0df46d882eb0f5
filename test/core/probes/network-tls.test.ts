import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTlsProber } from '../../../src/core/io/tls.js';
import type { TlsProber } from '../../../src/core/io/ports.js';
import { networkTlsProbe } from '../../../src/core/probes/network-tls.js';
import { makePki, ROGUE_CA_CN, ROGUE_CA_O, TEST_CA_NAME, type Pki } from '../../helpers/pki.js';
import { makeProbeInput } from '../../helpers/probe-input.js';
import { closedPort, startConnectProxy, startHttpsServer, type RunningProxy, type RunningServer } from '../../helpers/servers.js';
import { oauthBlock, writeCredentials } from '../claude-code/fixtures.js';

describe('network.tls', () => {
  let pki: Pki;
  let good: RunningServer;
  let rogue: RunningServer;
  let proxy: RunningProxy;
  let tls: TlsProber;

  before(async () => {
    pki = makePki();
    good = await startHttpsServer({ pki });
    rogue = await startHttpsServer({ pki, rogue: true });
    proxy = await startConnectProxy();
    // In-process stand-in for NODE_EXTRA_CA_CERTS=pki.caCert (see tls.test.ts for the real thing).
    tls = createTlsProber({ ca: [pki.caPem] });
  });
  after(async () => {
    await Promise.all([good.close(), rogue.close(), proxy.close()]);
  });

  const run = (env: Record<string, string>, overrides: Parameters<typeof makeProbeInput>[0] = {}) =>
    networkTlsProbe.run(makeProbeInput({ env, tls, ...overrides }));

  test('a gateway with a Claude login: both the gateway and the Anthropic API host are checked, the broken one named', async () => {
    const gatewayOk = makeProbeInput({ env: { ANTHROPIC_BASE_URL: good.url, CLAUDE_AUTH_DOCTOR_API_URL: rogue.url }, tls });
    await writeCredentials(gatewayOk.homeDir, oauthBlock({ expiresAt: Date.now() + 3_600_000 }));
    const outcome = await networkTlsProbe.run(gatewayOk);
    assert.equal(outcome.status, 'fail', outcome.summary);
    assert.equal((outcome.evidence?.['anthropic'] as Record<string, unknown>)['failure'], 'tls-untrusted');
    assert.equal((outcome.evidence?.['gateway'] as Record<string, unknown>)['port'], good.port);
    assert.match(outcome.summary, /\(127\.0\.0\.1: TLS OK/);
    // No proxy is set, so the proxy settings are not worth a card.
    assert.deepEqual(outcome.fixes, ['trust-corporate-ca']);

    // The same gateway with an API key: Claude Code never asks api.anthropic.com, so neither does the check.
    const withKey = makeProbeInput({
      env: { ANTHROPIC_BASE_URL: good.url, CLAUDE_AUTH_DOCTOR_API_URL: rogue.url, ANTHROPIC_API_KEY: 'sk-ant-api03-FAKE-key' },
      tls,
    });
    const keyOutcome = await networkTlsProbe.run(withKey);
    assert.equal(keyOutcome.status, 'ok', keyOutcome.summary);
    assert.equal(keyOutcome.evidence?.['port'], good.port);
  });

  test('a trusted chain is ok and names the issuer', async () => {
    const outcome = await run({ ANTHROPIC_BASE_URL: good.url });
    assert.equal(outcome.status, 'ok', outcome.cause ?? '');
    assert.match(outcome.summary, new RegExp(`issued by ${TEST_CA_NAME}`));
    assert.equal(outcome.evidence?.['port'], good.port);
  });

  test('TLS inspection by an untrusted CA fails naming the issuer, with trust-corporate-ca only (no proxy is set)', async () => {
    const outcome = await run({ ANTHROPIC_BASE_URL: rogue.url });
    assert.equal(outcome.status, 'fail');
    assert.equal(
      outcome.cause?.startsWith(`TLS inspection: the certificate is issued by ${ROGUE_CA_CN} (${ROGUE_CA_O}), which Node does not trust`),
      true,
      outcome.cause ?? '',
    );
    // No proxy is set, so the proxy settings are not worth a card.
    assert.deepEqual(outcome.fixes, ['trust-corporate-ca']);
    assert.equal(outcome.evidence?.['failure'], 'tls-untrusted');
  });

  test('through the proxy from HTTPS_PROXY: the tunnel is used, the password is not shown', async () => {
    const tunnels = proxy.tunnels();
    const env = { ANTHROPIC_BASE_URL: rogue.url, HTTPS_PROXY: `http://me:CANARY-pw@127.0.0.1:${proxy.port}` };
    const outcome = await run(env);
    assert.equal(outcome.status, 'fail');
    assert.ok(proxy.tunnels() > tunnels, 'went through the proxy');
    assert.match(outcome.cause ?? '', /through the proxy http:\/\/\*\*\*:\*\*\*@127\.0\.0\.1/);
    assert.doesNotMatch(JSON.stringify(outcome), /CANARY/);
  });

  test('NO_PROXY for the API host means a direct handshake', async () => {
    const tunnels = proxy.tunnels();
    const env = { ANTHROPIC_BASE_URL: good.url, HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' };
    const outcome = await run(env);
    assert.equal(outcome.status, 'ok');
    assert.equal(proxy.tunnels(), tunnels);
  });

  test('NODE_EXTRA_CA_CERTS pointing at a missing file fails naming the path', async () => {
    const missing = join(pki.dir, 'no-such-corp-ca.pem');
    const outcome = await run({ ANTHROPIC_BASE_URL: rogue.url, NODE_EXTRA_CA_CERTS: missing });
    assert.equal(outcome.status, 'fail');
    assert.match(
      outcome.cause ?? '',
      new RegExp(`NODE_EXTRA_CA_CERTS points at ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, which does not exist`),
    );
    // No proxy is set, so the proxy settings are not worth a card.
    assert.deepEqual(outcome.fixes, ['trust-corporate-ca']);
    assert.equal(outcome.evidence?.['extraCaProblem'], 'does not exist');
  });

  test('a missing NODE_EXTRA_CA_CERTS file while the handshake works is a warn', async () => {
    const outcome = await run({ ANTHROPIC_BASE_URL: good.url, NODE_EXTRA_CA_CERTS: '~/corp-ca.pem' });
    assert.equal(outcome.status, 'warn');
    assert.deepEqual(outcome.fixes, ['trust-corporate-ca']);
    assert.match(outcome.cause ?? '', /~\/corp-ca\.pem/);
  });

  test('NODE_EXTRA_CA_CERTS holding no certificate is flagged; a real bundle is fine', async () => {
    const junk = join(pki.dir, 'junk.pem');
    writeFileSync(junk, 'not a certificate\n');
    const bad = await run({ ANTHROPIC_BASE_URL: good.url, NODE_EXTRA_CA_CERTS: junk });
    assert.equal(bad.status, 'warn');
    assert.match(bad.cause ?? '', /holds no PEM certificate/);
    const fine = await run({ ANTHROPIC_BASE_URL: good.url, NODE_EXTRA_CA_CERTS: pki.caCert });
    assert.equal(fine.status, 'ok');
  });

  test('a refused connection fails with fix-proxy', async () => {
    const outcome = await run({ ANTHROPIC_BASE_URL: `https://127.0.0.1:${await closedPort()}` });
    assert.equal(outcome.status, 'fail');
    assert.deepEqual(outcome.fixes, ['fix-proxy']);
    assert.match(outcome.cause ?? '', /refused the connection/);
  });

  test('a DNS failure is unknown here (network.dns reports it)', async () => {
    const dnsFailing: TlsProber = {
      handshake: async () => ({
        kind: 'failure',
        failure: 'dns',
        code: 'ENOTFOUND',
        message: 'getaddrinfo ENOTFOUND',
        issuer: null,
        elapsedMs: 3,
      }),
    };
    const outcome = await run({ ANTHROPIC_BASE_URL: 'https://api.example.test' }, { tls: dnsFailing });
    assert.equal(outcome.status, 'unknown');
  });

  test('a plain-HTTP API override is skipped, a malformed one is unknown', async () => {
    const plain = await run({ ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000' });
    assert.equal(plain.status, 'skip');
    const broken = await run({ ANTHROPIC_BASE_URL: 'not a url' });
    assert.equal(broken.status, 'unknown');
    assert.match(broken.cause ?? '', /ANTHROPIC_BASE_URL/);
  });

  test('the handshake timeout fits inside the probe budget', async () => {
    let seen = 0;
    const recording: TlsProber = {
      handshake: async (_h, _p, timeoutMs) => {
        seen = timeoutMs;
        return { kind: 'failure', failure: 'timeout', code: 'ETIMEDOUT', message: 'timed out', issuer: null, elapsedMs: timeoutMs };
      },
    };
    const outcome = await run({ ANTHROPIC_BASE_URL: 'https://api.example.test' }, { tls: recording, options: { timeoutMs: 3000 } });
    assert.ok(seen > 0 && seen < 3000, String(seen));
    assert.equal(outcome.status, 'fail');
  });
});
