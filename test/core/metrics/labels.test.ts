import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatListenAddress, parseListenAddress } from '../../../src/core/metrics/listen.js';
import { parseMetricLabel, parseMetricLabels } from '../../../src/core/metrics/labels.js';

describe('--label', () => {
  test('accepts a plain name=value', () => {
    assert.deepEqual(parseMetricLabel('host=build-7'), ['host', 'build-7']);
    assert.deepEqual(parseMetricLabel('role=ci runner #2'), ['role', 'ci runner #2']);
    assert.deepEqual(parseMetricLabels(['host=a', 'team=b']), { host: 'a', team: 'b' });
  });
  const bad: [string, RegExp][] = [
    ['host', /takes name=value/],
    ['=x', /takes name=value/],
    ['9host=x', /not a Prometheus label name/],
    ['__name__=x', /not a Prometheus label name/],
    ['ho-st=x', /not a Prometheus label name/],
    ['check=x', /already use/],
    ['instance=x', /already use/],
    ['host=', /1 to 128 printable/],
    ['host=a\nb', /1 to 128 printable/],
    [`host=${'x'.repeat(129)}`, /1 to 128 printable/],
    ['owner=jane@example.com', /e-mail address, a credential or a secret/],
    ['host=sk-ant-oat01-FAKE-abcdefghijklmnopqrstuvwxyz0123456789', /e-mail address, a credential or a secret/],
  ];
  for (const [raw, message] of bad) {
    test(`rejects ${JSON.stringify(raw.slice(0, 40))}`, () => {
      assert.throws(() => parseMetricLabel(raw), message);
    });
  }
  test('rejects a name given twice and too many labels', () => {
    assert.throws(() => parseMetricLabels(['host=a', 'host=b']), /given twice/);
    assert.throws(() => parseMetricLabels(Array.from({ length: 9 }, (_, i) => `l${i}=v`)), /At most 8/);
  });
});

describe('--metrics HOST:PORT', () => {
  const good: [string, { host: string; port: number }][] = [
    ['9464', { host: '127.0.0.1', port: 9464 }],
    [':9464', { host: '127.0.0.1', port: 9464 }],
    ['localhost:9464', { host: '127.0.0.1', port: 9464 }],
    ['0.0.0.0:9100', { host: '0.0.0.0', port: 9100 }],
    ['[::1]:9464', { host: '::1', port: 9464 }],
    ['127.0.0.1:0', { host: '127.0.0.1', port: 0 }],
  ];
  for (const [raw, want] of good) test(`reads ${raw}`, () => assert.deepEqual(parseListenAddress(raw), want));
  const bad: [string, RegExp][] = [
    ['', /port must be a number/],
    ['example.com:9464', /host must be an IP address/],
    ['::1:9464', /IPv6 address in brackets/],
    ['[127.0.0.1]:9464', /only an IPv6 address/],
    ['127.0.0.1:65536', /port must be a number/],
    ['127.0.0.1:http', /port must be a number/],
  ];
  for (const [raw, message] of bad) test(`rejects ${JSON.stringify(raw)}`, () => assert.throws(() => parseListenAddress(raw), message));
  test('formats back as the flag takes it', () => {
    assert.equal(formatListenAddress({ host: '::1', port: 1 }), '[::1]:1');
    assert.equal(formatListenAddress({ host: '127.0.0.1', port: 9464 }), '127.0.0.1:9464');
  });
});
