import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blameProxy, classifyNetError, describeNetFailure } from '../../../src/core/io/net-failure.js';
import { NET_FAILURES } from '../../../src/core/io/ports.js';

const withCode = (code: string, message = code): Error => Object.assign(new Error(message), { code });

test('net-failure: codes map to failures', () => {
  const table: [unknown, string][] = [
    [withCode('ENOTFOUND'), 'dns'],
    [withCode('EAI_AGAIN'), 'dns'],
    [withCode('ECONNREFUSED'), 'refused'],
    [withCode('UND_ERR_CONNECT_TIMEOUT'), 'timeout'],
    [withCode('UND_ERR_HEADERS_TIMEOUT'), 'timeout'],
    [withCode('ETIMEDOUT'), 'timeout'],
    [new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 'timeout'],
    [withCode('ECONNRESET'), 'reset'],
    [withCode('UND_ERR_SOCKET'), 'reset'],
    [withCode('SELF_SIGNED_CERT_IN_CHAIN'), 'tls-untrusted'],
    [withCode('DEPTH_ZERO_SELF_SIGNED_CERT'), 'tls-untrusted'],
    [withCode('UNABLE_TO_GET_ISSUER_CERT_LOCALLY'), 'tls-untrusted'],
    [withCode('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 'tls-untrusted'],
    [withCode('ERR_TLS_CERT_ALTNAME_INVALID'), 'tls-hostname'],
    [withCode('CERT_HAS_EXPIRED'), 'tls-expired'],
    [withCode('ERR_SSL_WRONG_VERSION_NUMBER'), 'tls-other'],
    [withCode('UND_ERR_ABORTED', 'Proxy response (407) !== 200 when HTTP Tunneling'), 'proxy'],
    [withCode('UND_ERR_ABORTED', 'Request aborted'), 'aborted'],
    [new DOMException('This operation was aborted', 'AbortError'), 'aborted'],
    [withCode('EWHATEVER'), 'other'],
    ['a string', 'other'],
    [null, 'other'],
  ];
  for (const [error, expected] of table) {
    assert.equal(classifyNetError(error).failure, expected, `${String((error as Error)?.message ?? error)}`);
  }
});

test('net-failure: the specific cause wins over a generic wrapper', () => {
  const wrapped = Object.assign(new TypeError('fetch failed'), { cause: withCode('ECONNREFUSED') });
  assert.deepEqual(classifyNetError(wrapped).failure, 'refused');
  const aggregate = Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], ''), {});
  assert.equal(classifyNetError(aggregate).failure, 'refused');
  assert.equal(classifyNetError(withCode('PROXY_407', 'Proxy response (407) when opening a tunnel')).code, 'PROXY_407');
});

test('net-failure: credentials in messages are scrubbed', () => {
  const result = classifyNetError(withCode('ECONNREFUSED', 'connect via http://user:CANARY@proxy:8080 failed'));
  assert.doesNotMatch(result.message, /CANARY/);
});

test('net-failure: through a proxy, refused and dns blame the proxy; other failures stay', () => {
  const refused = blameProxy(classifyNetError(withCode('ECONNREFUSED')), 'http://u:CANARY@127.0.0.1:3128');
  assert.equal(refused.failure, 'proxy');
  assert.equal(refused.code, 'ECONNREFUSED');
  assert.doesNotMatch(refused.message, /CANARY/);
  assert.equal(blameProxy(classifyNetError(withCode('ECONNREFUSED')), null).failure, 'refused');
  assert.equal(blameProxy(classifyNetError(withCode('CERT_HAS_EXPIRED')), 'http://p:1').failure, 'tls-expired');
});

test('net-failure: every failure has a sentence naming the target', () => {
  for (const failure of NET_FAILURES) {
    assert.match(describeNetFailure(failure, 'api.example:443'), /api\.example:443/);
  }
});
