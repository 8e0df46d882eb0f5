import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { Secret, fingerprint, mayHoldSecret, redactText, scrubText, stripUrlCredentials } from '../../../src/core/redact/redact.js';

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

  // Pieces of every rule's shapes, so that the texts come near each rule (and often hit it).
  const pieces = fc.constantFrom(
    ...['sk', 'rk', 'pk', '-', '--', '_', 'ant', 'api03', 'oat01', 'proj', 'live', 'test', 'eyJ', 'hbGciOiJIUzI1NiJ9', '.'],
    ...['hvs', 'hvb', 'ghp', 'gho', 'github', 'pat', 'glpat', 'xoxb', 'npm', 'AIza', 'AKIA', 'ASIA', 'Bearer', 'basic'],
    ...[' ', '\t', '\n', ':', '/', '//', '://', '@', '=', '"', "'", '?', '&', '#', ';', '(', ','],
    ...['token', 'password', 'secret', 'authorization', 'Cookie', 'x', 'X', 'api', 'key', 'https', 'user', 'pw', 'host', 'scope'],
    ...['ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz', '0123456789', 'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9xC2'],
  );
  const texts = fc.oneof(
    fc.array(pieces, { maxLength: 14 }).map((parts) => parts.join('')),
    fc.array(fc.oneof(pieces, fc.string({ maxLength: 6 })), { maxLength: 10 }).map((parts) => parts.join('')),
  );

  test('skips the patterns only for text none of them can change: the same result as the full pass', () => {
    fc.assert(
      fc.property(texts, (text) => {
        assert.equal(redactText(text), scrubText(text), JSON.stringify(text));
        if (!mayHoldSecret(text)) assert.equal(scrubText(text), text, JSON.stringify(text));
      }),
      { numRuns: 4000 },
    );
  });

  // One text per rule, each holding no other rule's literal: dropping any part of the shortcut's test lets one through.
  const oneRuleEach = [
    'Cookie: sessionvalue1',
    'authorization: abcdefgh',
    'Bearer abcdefghij',
    'Basic abcdefghij',
    'see https://me:pw@example.com/',
    'run --token abcdef',
    'sk_live_abcdefghijklmnop',
    'eyJabcdefghij.eyJabcdefghij.sig',
    `ghp_${'a1'.repeat(16)}`,
    `github_pat_${'a1'.repeat(16)}`,
    `glpat_or glpat-${'a1'.repeat(11)}`,
    'xoxb-abcdefghijk',
    `npm_${'a1'.repeat(16)}`,
    `AIza${'a1'.repeat(16)}`,
    'AKIAABCDEFGHIJKLMNOP',
    'ASIAABCDEFGHIJKLMNOP',
    `hvs.${'a1'.repeat(11)}`,
    'sk-ant-api03-abcdefgh',
    'rk-abcdefghijklmnopqrstuv',
    '{"password": "abcd"}',
    'user:pw@host',
    'token=abcdef',
    'x-auth-token: abcdefgh',
  ];
  for (const text of oneRuleEach)
    test(`redacts ${JSON.stringify(text)}, a shape only one rule knows`, () => assert.notEqual(redactText(text), text));

  test('the texts a shell start redacts (scopes, the plan, a path) skip the patterns; a secret-shaped one does not', () => {
    for (const plain of ['user:inference', 'user:sessions:claude_code', 'max', '~/.claude/.credentials.json', 'none'])
      assert.equal(mayHoldSecret(plain), false, plain);
    for (const [, text] of cases) assert.equal(mayHoldSecret(text), true, text);
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
