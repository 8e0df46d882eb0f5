import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { matchNoProxy, proxyFromEnv } from '../../../src/core/network/proxy-env.js';

const API = 'https://api.anthropic.com';

describe('proxyFromEnv', () => {
  const cases: {
    name: string;
    env: Record<string, string>;
    target?: string;
    proxy: string | null;
    variable: string | null;
    bypassedBy?: string | null;
  }[] = [
    { name: 'nothing set', env: {}, proxy: null, variable: null },
    { name: 'HTTPS_PROXY', env: { HTTPS_PROXY: 'http://proxy:3128' }, proxy: 'http://proxy:3128', variable: 'HTTPS_PROXY' },
    { name: 'https_proxy', env: { https_proxy: 'http://proxy:3128' }, proxy: 'http://proxy:3128', variable: 'https_proxy' },
    {
      name: 'lower case wins like undici',
      env: { https_proxy: 'http://a:1', HTTPS_PROXY: 'http://b:2' },
      proxy: 'http://a:1',
      variable: 'https_proxy',
    },
    {
      name: 'HTTP_PROXY is the fallback for https',
      env: { HTTP_PROXY: 'http://proxy:80' },
      proxy: 'http://proxy:80',
      variable: 'HTTP_PROXY',
    },
    { name: 'ALL_PROXY last', env: { ALL_PROXY: 'socks5://proxy:1080' }, proxy: 'socks5://proxy:1080', variable: 'ALL_PROXY' },
    {
      name: 'https var ignored for http target',
      env: { HTTPS_PROXY: 'http://p:1' },
      target: 'http://127.0.0.1:8080',
      proxy: null,
      variable: null,
    },
    { name: 'empty value is unset', env: { HTTPS_PROXY: '  ', HTTP_PROXY: 'http://p:1' }, proxy: 'http://p:1', variable: 'HTTP_PROXY' },
    { name: 'NO_PROXY *', env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' }, proxy: null, variable: 'HTTPS_PROXY', bypassedBy: '*' },
    {
      name: 'NO_PROXY suffix with dot',
      env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'localhost,.anthropic.com' },
      proxy: null,
      variable: 'HTTPS_PROXY',
      bypassedBy: '.anthropic.com',
    },
    {
      name: 'NO_PROXY suffix without dot',
      env: { HTTPS_PROXY: 'http://p:1', no_proxy: 'anthropic.com' },
      proxy: null,
      variable: 'HTTPS_PROXY',
      bypassedBy: 'anthropic.com',
    },
    {
      name: 'NO_PROXY *.domain',
      env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*.anthropic.com' },
      proxy: null,
      variable: 'HTTPS_PROXY',
      bypassedBy: '*.anthropic.com',
    },
    {
      name: 'NO_PROXY suffix must match a label',
      env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'thropic.com' },
      proxy: 'http://p:1',
      variable: 'HTTPS_PROXY',
      bypassedBy: null,
    },
    {
      name: 'NO_PROXY host:port matching',
      env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'api.anthropic.com:443' },
      proxy: null,
      variable: 'HTTPS_PROXY',
      bypassedBy: 'api.anthropic.com:443',
    },
    {
      name: 'NO_PROXY host:port other port',
      env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'api.anthropic.com:8443' },
      proxy: 'http://p:1',
      variable: 'HTTPS_PROXY',
      bypassedBy: null,
    },
    {
      name: 'NO_PROXY IPv4',
      env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: '127.0.0.1' },
      target: 'https://127.0.0.1:9443',
      proxy: null,
      variable: 'HTTPS_PROXY',
      bypassedBy: '127.0.0.1',
    },
    {
      name: 'NO_PROXY IPv6',
      env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: '::1' },
      target: 'https://[::1]:9443',
      proxy: null,
      variable: 'HTTPS_PROXY',
      bypassedBy: '::1',
    },
    {
      name: 'NO_PROXY bracketed IPv6 with port',
      env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: '[::1]:9443' },
      target: 'https://[::1]:9443',
      proxy: null,
      variable: 'HTTPS_PROXY',
      bypassedBy: '[::1]:9443',
    },
    {
      name: 'NO_PROXY CIDR',
      env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: '10.0.0.0/8' },
      target: 'https://10.2.3.4',
      proxy: null,
      variable: 'HTTPS_PROXY',
      bypassedBy: '10.0.0.0/8',
    },
    {
      name: 'NO_PROXY with spaces and case',
      env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: ' example.org ,  API.Anthropic.COM ' },
      proxy: null,
      variable: 'HTTPS_PROXY',
      bypassedBy: 'API.Anthropic.COM',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const choice = proxyFromEnv(c.env, c.target ?? API);
      assert.equal(choice.proxy, c.proxy);
      assert.equal(choice.variable, c.variable);
      if (c.bypassedBy !== undefined) assert.equal(choice.bypassedBy, c.bypassedBy);
      assert.equal(choice.fatal, false);
    });
  }

  test('a proxy URL without a scheme is fatal and named, without its password', () => {
    const choice = proxyFromEnv({ HTTPS_PROXY: 'user:CANARY@proxy.corp:8080' }, API);
    assert.equal(choice.proxy, null);
    assert.equal(choice.fatal, true);
    assert.equal(choice.variable, 'HTTPS_PROXY');
    assert.match(choice.problems.join(' '), /HTTPS_PROXY/);
    assert.doesNotMatch(JSON.stringify(choice), /CANARY/);
  });

  test('an unparseable proxy URL is fatal', () => {
    const choice = proxyFromEnv({ https_proxy: 'http://' }, API);
    assert.equal(choice.fatal, true);
    assert.match(choice.problems[0] ?? '', /https_proxy is not a valid URL/);
  });

  test('a malformed variable that does not apply is a problem but not fatal', () => {
    const choice = proxyFromEnv({ HTTPS_PROXY: 'http://good:1', HTTP_PROXY: 'proxy:80' }, API);
    assert.equal(choice.proxy, 'http://good:1');
    assert.equal(choice.fatal, false);
    assert.match(choice.problems.join(' '), /HTTP_PROXY/);
  });

  test('upper and lower case disagreeing is a problem naming both', () => {
    const choice = proxyFromEnv({ https_proxy: 'http://a:1', HTTPS_PROXY: 'http://b:2', no_proxy: 'x', NO_PROXY: 'y' }, API);
    assert.equal(choice.problems.length, 2);
    assert.match(choice.problems[0] ?? '', /https_proxy and HTTPS_PROXY differ/);
    assert.match(choice.problems[1] ?? '', /no_proxy and NO_PROXY differ/);
    const same = proxyFromEnv({ https_proxy: 'http://a:1', HTTPS_PROXY: 'http://a:1' }, API);
    assert.deepEqual(same.problems, []);
  });

  test('credentials are kept in the proxy URL for the client', () => {
    assert.equal(proxyFromEnv({ HTTPS_PROXY: 'http://u:p@proxy:3128' }, API).proxy, 'http://u:p@proxy:3128');
  });

  test('an unusable target URL still reports problems, without a proxy', () => {
    const choice = proxyFromEnv({ HTTPS_PROXY: 'http://p:1' }, null);
    assert.equal(choice.proxy, null);
    assert.equal(choice.variable, 'HTTPS_PROXY');
  });
});

test('matchNoProxy: trailing dot and non-matches', () => {
  assert.equal(matchNoProxy('anthropic.com', 'api.anthropic.com.', 443), 'anthropic.com');
  assert.equal(matchNoProxy('10.0.0.0/8', 'api.anthropic.com', 443), null);
  assert.equal(matchNoProxy('', 'api.anthropic.com', 443), null);
  assert.equal(matchNoProxy('fd00::/8', 'fd12::1', 443), 'fd00::/8');
});
