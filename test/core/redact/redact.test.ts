import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { Secret, fingerprint, redactText, stripUrlCredentials } from '../../../src/core/redact/redact.js';

const ACCESS = 'sk-ant-oat01-CANARY-access-0123456789abcdefghij';

describe('Secret', () => {
  test('every way of printing it yields the fingerprint', () => {
    const secret = new Secret(ACCESS);
    const printed = [String(secret), `${secret}`, JSON.stringify({ secret }), inspect(secret), inspect({ nested: secret })];
    for (const text of printed) {
      assert.doesNotMatch(text, /CANARY/);
      assert.match(text, /fp:[0-9a-f]{8}/);
    }
    assert.equal(secret.reveal(), ACCESS);
  });

  test('fingerprints are stable and distinguish values', () => {
    assert.equal(fingerprint('a'), fingerprint('a'));
    assert.notEqual(fingerprint('a'), fingerprint('b'));
    assert.match(fingerprint('a'), /^fp:[0-9a-f]{8}$/);
  });
});

describe('redactText', () => {
  const cases: [string, string][] = [
    ['oauth token', `token=${ACCESS} end`],
    ['refresh token', 'sk-ant-ort01-CANARY-refresh-0123456789abcdef'],
    ['api key', 'x sk-ant-api03-CANARY-key-0123456789abcdefghijk y'],
    ['bearer header', 'Authorization: Bearer CANARYabcdefghijklmnop'],
    ['json field', '{"accessToken":"CANARY-opaque-value-123"}'],
    ['x-api-key header', 'x-api-key: CANARYabcdef123456'],
  ];
  for (const [name, text] of cases) {
    test(`removes a ${name}`, () => {
      const out = redactText(text);
      assert.doesNotMatch(out, /CANARY/);
      assert.match(out, /redacted fp:[0-9a-f]{8}/);
    });
  }

  test('leaves ordinary text alone', () => {
    const text = 'OAuth token has expired. Please obtain a new token or refresh your existing token.';
    assert.equal(redactText(text), text);
  });
});

describe('stripUrlCredentials', () => {
  test('masks user and password in a proxy URL', () => {
    assert.equal(stripUrlCredentials('http://alice:s3cret@proxy.corp:8080'), 'http://***:***@proxy.corp:8080/');
  });
  test('keeps a URL without credentials', () => {
    assert.equal(stripUrlCredentials('http://proxy.corp:8080'), 'http://proxy.corp:8080/');
  });
  test('masks credentials even in an unparseable URL', () => {
    assert.doesNotMatch(stripUrlCredentials('http//bob:pw@@x'), /pw/);
  });
});

describe('stripUrlCredentials without a scheme', () => {
  test('user:password@host:port, as people write HTTPS_PROXY', () => {
    assert.equal(stripUrlCredentials('alice:CANARYpw@proxy.corp:3128'), '***:***@proxy.corp:3128/');
  });
  test('an unparseable value with a password is still masked', () => {
    assert.doesNotMatch(stripUrlCredentials('alice:CANARY pw@proxy.corp:99999'), /CANARY/);
  });
});
