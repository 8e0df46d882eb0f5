import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createResolver } from '../../../src/core/io/dns.js';

test('dns: literal IPv4 and IPv6 (bare or bracketed) resolve without a lookup', async () => {
  const resolver = createResolver();
  assert.deepEqual(await resolver.lookup('10.1.2.3', 1000), { kind: 'ok', addresses: ['10.1.2.3'] });
  assert.deepEqual(await resolver.lookup('::1', 1000), { kind: 'ok', addresses: ['::1'] });
  assert.deepEqual(await resolver.lookup('[2001:db8::1]', 1000), { kind: 'ok', addresses: ['2001:db8::1'] });
});

test('dns: localhost resolves to a loopback address', async () => {
  const result = await createResolver().lookup('localhost', 3000);
  assert.equal(result.kind, 'ok');
  if (result.kind === 'ok')
    assert.ok(
      result.addresses.some((a) => a === '127.0.0.1' || a === '::1'),
      result.addresses.join(),
    );
});

test('dns: an empty host is an error without a lookup', async () => {
  assert.deepEqual(await createResolver().lookup('', 1000), { kind: 'error', code: 'EINVAL', message: 'empty host name' });
});

// Failing lookups of real names are not exercised here: they would query the machine's DNS
// server, and tests stay on loopback. ENOTFOUND/EAI_AGAIN mapping is covered in net-failure.test.ts.
