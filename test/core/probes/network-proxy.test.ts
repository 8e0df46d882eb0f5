import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { networkProxyProbe } from '../../../src/core/probes/network-proxy.js';
import { fakePlatform, makeProbeInput } from '../../helpers/probe-input.js';
import { closedPort, startConnectProxy, type RunningProxy } from '../../helpers/servers.js';

const API = { ANTHROPIC_BASE_URL: 'https://127.0.0.1:9443' };

describe('network.proxy', () => {
  let proxy: RunningProxy;
  before(async () => {
    proxy = await startConnectProxy();
  });
  after(async () => {
    await proxy.close();
  });

  test('nothing configured is ok: "No proxy configured"', async () => {
    const outcome = await networkProxyProbe.run(makeProbeInput({ env: { ...API, NO_PROXY: 'localhost' } }));
    assert.equal(outcome.status, 'ok');
    assert.equal(outcome.summary, 'No proxy configured');
  });

  test('a proxy that answers is ok, its password never shown', async () => {
    const before = proxy.connections();
    const env = { ...API, HTTPS_PROXY: `http://me:CANARY-pw@127.0.0.1:${proxy.port}` };
    const outcome = await networkProxyProbe.run(makeProbeInput({ env }));
    assert.equal(outcome.status, 'ok', outcome.cause ?? '');
    assert.match(outcome.summary, /answers/);
    assert.equal(outcome.evidence?.['proxyReachable'], true);
    assert.equal(outcome.evidence?.['apiProxy'], `http://***:***@127.0.0.1:${proxy.port}/`);
    assert.equal(proxy.connections(), before + 1, 'the probe connected to the proxy');
    assert.doesNotMatch(JSON.stringify(outcome), /CANARY/);
  });

  test('a proxy nobody listens on fails with fix-proxy', async () => {
    const port = await closedPort();
    const outcome = await networkProxyProbe.run(makeProbeInput({ env: { ...API, https_proxy: `http://127.0.0.1:${port}` } }));
    assert.equal(outcome.status, 'fail');
    assert.deepEqual(outcome.fixes, ['fix-proxy']);
    assert.match(outcome.cause ?? '', /refused/);
    assert.match(outcome.cause ?? '', /https_proxy/);
  });

  test('a proxy URL without scheme fails naming the variable, password masked', async () => {
    const outcome = await networkProxyProbe.run(makeProbeInput({ env: { ...API, HTTPS_PROXY: 'me:CANARY-pw@proxy.corp:8080' } }));
    assert.equal(outcome.status, 'fail');
    assert.deepEqual(outcome.fixes, ['fix-proxy']);
    assert.match(outcome.summary, /HTTPS_PROXY/);
    assert.doesNotMatch(JSON.stringify(outcome), /CANARY/);
  });

  test('NO_PROXY covering the API host while a proxy is set is a warn explaining it', async () => {
    const env = { ...API, HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`, NO_PROXY: 'localhost,127.0.0.1' };
    const outcome = await networkProxyProbe.run(makeProbeInput({ env }));
    assert.equal(outcome.status, 'warn');
    assert.match(outcome.summary, /NO_PROXY sends 127\.0\.0\.1 around the proxy/);
    assert.match(outcome.cause ?? '', /"127\.0\.0\.1"/);
    assert.equal(outcome.evidence?.['bypassedBy'], '127.0.0.1');
  });

  test('upper and lower case disagreeing is a warn', async () => {
    const env = { ...API, https_proxy: `http://127.0.0.1:${proxy.port}`, HTTPS_PROXY: `http://localhost:${proxy.port}` };
    const outcome = await networkProxyProbe.run(makeProbeInput({ env }));
    assert.equal(outcome.status, 'warn');
    assert.match(outcome.cause ?? '', /https_proxy and HTTPS_PROXY differ/);
  });

  test('a system proxy alone is ok but explained (Claude Code does not follow it)', async () => {
    const platform = fakePlatform({
      os: 'darwin',
      systemProxy: async () => ({
        https: 'http://corp-proxy.example:8080',
        http: null,
        exceptions: ['*.local'],
        pacUrl: null,
        source: 'scutil --proxy',
      }),
    });
    const outcome = await networkProxyProbe.run(makeProbeInput({ env: API, platform }));
    assert.equal(outcome.status, 'ok');
    assert.match(outcome.summary, /System proxy http:\/\/corp-proxy\.example:8080\/ is set/);
    assert.match(outcome.cause ?? '', /HTTPS_PROXY/);
    assert.deepEqual((outcome.evidence?.['system'] as { exceptions: string[] }).exceptions, ['*.local']);
  });

  test('a platform that fails to read the system proxy does not break the check', async () => {
    const platform = fakePlatform({ systemProxy: async () => Promise.reject(new Error('scutil crashed')) });
    const outcome = await networkProxyProbe.run(makeProbeInput({ env: API, platform }));
    assert.equal(outcome.status, 'ok');
  });
});
