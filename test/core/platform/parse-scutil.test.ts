import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SystemProxy } from '../../../src/core/platform/adapter.js';
import { parseScutil, parseScutilProxy } from '../../../src/core/platform/parse-scutil.js';
import { darwinFixture as fixture } from './recorded.js';

const LOCAL = ['*.local', '169.254/16'];

describe('parseScutilProxy on recorded outputs', () => {
  const cases: { file: string; expected: Omit<SystemProxy, 'source'> }[] = [
    { file: 'scutil-none.txt', expected: { https: null, http: null, exceptions: LOCAL, pacUrl: null } },
    {
      file: 'scutil-https.txt',
      expected: {
        https: 'http://secure-proxy.corp.example:8443',
        http: 'http://proxy.corp.example:8080',
        exceptions: [...LOCAL, '10.0.0.0/8', '*.corp.example'],
        pacUrl: null,
      },
    },
    { file: 'scutil-pac.txt', expected: { https: null, http: null, exceptions: LOCAL, pacUrl: 'http://wpad.corp.example/proxy.pac' } },
  ];
  for (const { file, expected } of cases) {
    test(file, async () => {
      assert.deepEqual(parseScutilProxy(fixture(file)), { ...expected, source: 'scutil --proxy' });
    });
  }
});

describe('parseScutilProxy edge cases', () => {
  const dict = (...lines: string[]): string => ['<dictionary> {', ...lines.map((l) => `  ${l}`), '}', ''].join('\n');
  const cases: { name: string; text: string; expected: Partial<SystemProxy> }[] = [
    { name: 'empty output', text: '', expected: { https: null, http: null, exceptions: [], pacUrl: null } },
    { name: 'not a dictionary', text: 'No proxy\n', expected: { https: null, http: null, exceptions: [], pacUrl: null } },
    {
      name: 'proxy set but disabled',
      text: dict('HTTPSEnable : 0', 'HTTPSProxy : p.example', 'HTTPSPort : 3128'),
      expected: { https: null },
    },
    { name: 'enabled without a host', text: dict('HTTPSEnable : 1', 'HTTPSPort : 3128'), expected: { https: null } },
    { name: 'enabled without a port', text: dict('HTTPSEnable : 1', 'HTTPSProxy : p.example'), expected: { https: 'http://p.example' } },
    {
      name: 'IPv6 proxy host',
      text: dict('HTTPSEnable : 1', 'HTTPSProxy : fd00::1', 'HTTPSPort : 3128'),
      expected: { https: 'http://[fd00::1]:3128' },
    },
    {
      name: 'PAC URL ignored while disabled',
      text: dict('ProxyAutoConfigEnable : 0', 'ProxyAutoConfigURLString : http://wpad/x.pac'),
      expected: { pacUrl: null },
    },
    {
      name: 'CRLF line ends',
      text: dict('HTTPEnable : 1', 'HTTPProxy : h', 'HTTPPort : 80').replace(/\n/g, '\r\n'),
      expected: { http: 'http://h:80' },
    },
  ];
  for (const { name, text, expected } of cases) {
    test(name, () => {
      const proxy = parseScutilProxy(text);
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(proxy[key as keyof SystemProxy], value, key);
    });
  }

  test('a custom source label is kept', () => {
    assert.equal(parseScutilProxy('', 'recorded').source, 'recorded');
  });
});

describe('parseScutil', () => {
  test('builds nested arrays and dictionaries; scoped values stay nested', async () => {
    const tree = parseScutil(fixture('scutil-https.txt'));
    assert.ok(tree);
    assert.equal(tree['HTTPSPort'], '8443');
    assert.deepEqual(tree['ExceptionsList'], ['*.local', '169.254/16', '10.0.0.0/8', '*.corp.example']);
    const scoped = tree['__SCOPED__'] as Record<string, Record<string, unknown>>;
    assert.equal(scoped['en0']?.['HTTPProxy'], 'proxy.corp.example');
  });

  test('returns null for text that is not a dictionary', () => {
    assert.equal(parseScutil('error: no such key'), null);
  });
});
