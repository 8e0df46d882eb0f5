import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCredentials, parseJson, type CredentialProblemCode } from '../../../src/core/claude-code/credentials-json.js';
import { fingerprint } from '../../../src/core/redact/redact.js';
import { CANARY, assertNoSecrets, oauthBlock } from './fixtures.js';

const ORIGIN = '~/.claude/.credentials.json';
const good = JSON.stringify(oauthBlock({ expiresAt: 1_900_000_000_000 }));

interface Row {
  readonly name: string;
  readonly text: string;
  readonly codes: readonly CredentialProblemCode[];
  readonly oauth: boolean;
  /** A fragment the first problem's message must contain. */
  readonly says?: RegExp;
}

const ROWS: readonly Row[] = [
  { name: 'healthy', text: good, codes: [], oauth: true },
  { name: 'BOM is stripped and noted', text: '\uFEFF' + good, codes: ['bom'], oauth: true, says: /byte-order mark/ },
  { name: 'truncated JSON', text: good.slice(0, 60), codes: ['corrupt-json'], oauth: false, says: /truncated/ },
  { name: 'empty file', text: '', codes: ['corrupt-json'], oauth: false, says: /is empty/ },
  { name: 'whitespace only', text: ' \n', codes: ['corrupt-json'], oauth: false, says: /is empty/ },
  {
    name: 'trailing comma (position)',
    text: `{"claudeAiOauth":{"accessToken":"${CANARY.access}",}}`,
    codes: ['corrupt-json'],
    oauth: false,
    says: /line 1, column \d+/,
  },
  {
    name: 'second line error',
    text: `{\n"claudeAiOauth": {"accessToken": "${CANARY.access}" x}}`,
    codes: ['corrupt-json'],
    oauth: false,
    says: /line 2/,
  },
  {
    name: 'unexpected token (V8 quotes input)',
    text: `{"claudeAiOauth": tru, "t":"${CANARY.access}"}`,
    codes: ['corrupt-json'],
    oauth: false,
    says: /not valid JSON/,
  },
  { name: 'array', text: '[]', codes: ['not-object'], oauth: false, says: /an array/ },
  { name: 'string', text: '"x"', codes: ['not-object'], oauth: false, says: /a string/ },
  { name: 'null', text: 'null', codes: ['not-object'], oauth: false, says: /null/ },
  { name: 'number', text: '42', codes: ['not-object'], oauth: false },
  { name: 'no claudeAiOauth (MCP only)', text: '{"mcpOAuth":{}}', codes: ['no-oauth'], oauth: false, says: /claude auth login/ },
  { name: 'claudeAiOauth null', text: '{"claudeAiOauth":null}', codes: ['no-oauth'], oauth: false },
  {
    name: 'claudeAiOauth a string',
    text: '{"claudeAiOauth":"abc"}',
    codes: ['wrong-type'],
    oauth: false,
    says: /"claudeAiOauth".*should be an object/,
  },
  {
    name: 'accessToken a number',
    text: '{"claudeAiOauth":{"accessToken":12,"expiresAt":1900000000000}}',
    codes: ['wrong-type'],
    oauth: true,
    says: /accessToken.*should be a string but is a number/,
  },
  {
    name: 'expiresAt a string',
    text: `{"claudeAiOauth":{"accessToken":"${CANARY.access}","expiresAt":"1900000000000","scopes":["user:inference"]}}`,
    codes: ['wrong-type'],
    oauth: true,
    says: /expiresAt.*should be a number/,
  },
  {
    name: 'scopes a string',
    text: `{"claudeAiOauth":{"accessToken":"${CANARY.access}","scopes":"user:inference"}}`,
    codes: ['wrong-type', 'no-inference-scope'],
    oauth: true,
    says: /scopes/,
  },
  {
    name: 'emptied: both',
    text: '{"claudeAiOauth":{"accessToken":"","refreshToken":"","expiresAt":0}}',
    codes: ['emptied'],
    oauth: true,
    says: /invalid_grant/,
  },
  {
    name: 'emptied: accessToken only',
    text: `{"claudeAiOauth":{"accessToken":"","refreshToken":"${CANARY.refresh}","expiresAt":1900000000000}}`,
    codes: ['emptied'],
    oauth: true,
    says: /accessToken is empty/,
  },
  {
    name: 'emptied: expiresAt 0',
    text: `{"claudeAiOauth":{"accessToken":"${CANARY.access}","expiresAt":0}}`,
    codes: ['emptied'],
    oauth: true,
    says: /expiresAt is 0/,
  },
  {
    name: 'expiresAt in seconds',
    text: `{"claudeAiOauth":{"accessToken":"${CANARY.access}","expiresAt":1900000000,"scopes":["user:inference"]}}`,
    codes: ['expires-seconds'],
    oauth: true,
    says: /seconds/,
  },
  { name: 'BOM and truncated', text: '\uFEFF{"claudeAiOauth":{', codes: ['bom', 'corrupt-json'], oauth: false },
  {
    name: 'emptied at the time limit (loginEnded "time_limit", as 2.1.332 writes it)',
    text: '{"claudeAiOauth":{"accessToken":"","refreshToken":"","expiresAt":0,"scopes":["user:inference"],"subscriptionType":"max","rateLimitTier":"default_claude_max_20x","loginEnded":"time_limit"}}',
    codes: ['emptied'],
    oauth: true,
    says: /reached its time limit/,
  },
  {
    name: 'emptied by a refused refresh (no loginEnded): a race or a revoke',
    text: '{"claudeAiOauth":{"accessToken":"","refreshToken":"","expiresAt":0,"scopes":["user:inference"],"subscriptionType":"max","rateLimitTier":"default_claude_max_20x"}}',
    codes: ['emptied'],
    oauth: true,
    says: /another Claude Code process had already used the single-use refresh token/,
  },
  {
    name: 'scopes without user:inference: "Not logged in" for Claude Code',
    text: `{"claudeAiOauth":{"accessToken":"${CANARY.access}","scopes":["user:profile","org:create_api_key"]}}`,
    codes: ['no-inference-scope'],
    oauth: true,
    says: /lacks the user:inference scope \(it has only user:profile, org:create_api_key\)/,
  },
  {
    name: 'no scopes at all: also not a usable login',
    text: `{"claudeAiOauth":{"accessToken":"${CANARY.access}"}}`,
    codes: ['no-inference-scope'],
    oauth: true,
    says: /it lists no scopes/,
  },
  {
    name: 'a keychain item whose login moved to an overflow item: no "no-oauth" problem',
    text: '{"keychainOverflow":{"slot":"a","key":"CANARYkeyCANARYkeyCANARYkeyCANARYkeyCANARYk="},"organizationUuid":""}',
    codes: [],
    oauth: false,
  },
];

describe('parseCredentials: the fields Claude Code 2.1.332 writes', () => {
  test('refreshTokenExpiresAt, loginEnded, the overflow pointer and a held gateway sign-in are read; the overflow key stays wrapped', () => {
    const parsed = parseCredentials(
      JSON.stringify({
        claudeAiOauth: {
          accessToken: CANARY.access,
          refreshToken: CANARY.refresh,
          expiresAt: 1_900_000_000_000,
          refreshTokenExpiresAt: 1_902_000_000_000,
          scopes: ['user:inference'],
          subscriptionType: 'max',
          loginEnded: 'time_limit',
        },
        keychainOverflow: { slot: 'b', key: 'CANARY-overflow-key' },
        enterpriseGateway: { url: 'https://gw.example' },
      }),
      ORIGIN,
    );
    assert.equal(parsed.oauth?.refreshTokenExpiresAt, 1_902_000_000_000);
    assert.equal(parsed.oauth?.loginEnded, 'time_limit');
    assert.equal(parsed.overflow?.slot, 'b');
    assert.equal(parsed.gateway, true);
    assertNoSecrets(parsed);
  });
});

describe('parseCredentials', () => {
  for (const row of ROWS) {
    test(row.name, () => {
      const parsed = parseCredentials(row.text, ORIGIN);
      assert.deepEqual(
        parsed.problems.map((p) => p.code),
        row.codes,
      );
      assert.equal(parsed.oauth !== null, row.oauth);
      if (row.says) assert.match(parsed.problems[0]?.message ?? '', row.says);
      for (const problem of parsed.problems) assert.ok(problem.message.includes(ORIGIN), `names the file: ${problem.message}`);
      assertNoSecrets(parsed, row.name);
    });
  }

  test('healthy block: values, secrets wrapped as fingerprints', () => {
    const { oauth } = parseCredentials(good, ORIGIN);
    assert.ok(oauth);
    assert.equal(oauth.expiresAt, 1_900_000_000_000);
    assert.deepEqual(oauth.scopes, ['user:inference', 'user:profile']);
    assert.equal(oauth.subscriptionType, 'pro');
    assert.equal(oauth.accessToken?.reveal(), CANARY.access);
    assert.equal(String(oauth.accessToken), fingerprint(CANARY.access));
    assert.equal(String(oauth.refreshToken), fingerprint(CANARY.refresh));
  });

  test('emptied tokens become null, expiresAt stays 0', () => {
    const { oauth } = parseCredentials('{"claudeAiOauth":{"accessToken":"","refreshToken":"","expiresAt":0}}', ORIGIN);
    assert.equal(oauth?.accessToken, null);
    assert.equal(oauth?.refreshToken, null);
    assert.equal(oauth?.expiresAt, 0);
  });

  test('wrong-type messages name the field and carry no value', () => {
    const { problems } = parseCredentials(`{"claudeAiOauth":{"accessToken":["${CANARY.access}"]}}`, ORIGIN);
    assert.equal(problems[0]?.code, 'wrong-type');
    assert.match(problems[0]?.message ?? '', /claudeAiOauth\.accessToken.*an array/);
    assertNoSecrets(problems);
  });

  test('never throws on arbitrary text', () => {
    for (const text of ['{', '}', '\uFEFF', 'nul', '{"claudeAiOauth":{"scopes":[1,"a",null]}}', '\u0000', '{"a":1}{"b":2}']) {
      assert.doesNotThrow(() => parseCredentials(text, ORIGIN));
    }
    assert.deepEqual(parseCredentials('{"claudeAiOauth":{"scopes":[1,"a",null]}}', ORIGIN).oauth?.scopes, ['a']);
  });
});

describe('parseJson', () => {
  test('reports the BOM and still parses', () => {
    const result = parseJson('\uFEFF{"a":1}');
    assert.equal(result.ok, true);
    assert.equal(result.bom, true);
  });

  test('never echoes the input in its error', () => {
    const result = parseJson(`{"t": "${CANARY.access}" oops}`);
    assert.equal(result.ok, false);
    if (!result.ok) assert.ok(!result.where.includes('CANARY'), result.where);
  });
});

describe('parseCredentials: odd expiry numbers', () => {
  for (const value of ['-5', '1e300', '9e15']) {
    test(`expiresAt ${value} is a problem and no expiry`, () => {
      const parsed = parseCredentials(
        `{"claudeAiOauth":{"accessToken":"${CANARY.access}","expiresAt":${value},"scopes":["user:inference"]}}`,
        ORIGIN,
      );
      assert.deepEqual(
        parsed.problems.map((p) => p.code),
        ['wrong-type'],
      );
      assert.equal(parsed.oauth?.expiresAt, null);
    });
  }
});
