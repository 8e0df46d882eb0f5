import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CATALOGUE } from '../../../src/core/explain/catalogue.js';
import { explain } from '../../../src/core/explain/match.js';
import { MAX_INPUT_CHARS } from '../../../src/core/explain/normalise.js';
import { isFixId } from '../../../src/shared/report.js';

function topId(text: string): string | undefined {
  return explain(text)[0]?.id;
}

/** Messages Claude Code prints, as users paste them. `auth` rows are the ones that arrive after "API Error: 401". */
const REAL_MESSAGES: readonly { text: string; id: string; auth?: boolean }[] = [
  {
    text: 'OAuth token has expired. Please obtain a new token or refresh your existing token.',
    id: 'oauth-token-expired',
    auth: true,
  },
  { text: 'Not logged in · Please run /login', id: 'not-logged-in' },
  {
    text: 'Not logged in · Please run /login · Run in another terminal: security unlock-keychain',
    id: 'keychain-locked',
  },
  { text: 'Invalid API key · Fix external API key', id: 'invalid-api-key', auth: true },
  { text: 'OAuth token revoked · Please run /login', id: 'oauth-token-revoked', auth: true },
  { text: 'Login expired · Please run /login', id: 'login-expired', auth: true },
  { text: 'Credit balance is too low', id: 'credit-balance-too-low' },
  { text: 'Repeated 529 Overloaded errors', id: 'api-overloaded' },
  { text: 'Unable to connect to API: SSL certificate verification failed', id: 'ssl-verification-failed' },
  { text: 'OAuth error: timeout of 15000ms exceeded', id: 'oauth-request-timeout' },
  { text: 'Invalid code. Please make sure the full code was copied.', id: 'invalid-login-code' },
  { text: 'User interaction is not allowed.', id: 'keychain-interaction-not-allowed' },
  {
    text: 'security: SecKeychainItemCreateFromContent (<default>): The specified item already exists in the keychain. (-25299)',
    id: 'keychain-duplicate-item',
  },
  { text: 'SecKeychainItemCreateFromContent … -25299', id: 'keychain-duplicate-item' },
  { text: 'The specified item could not be found in the keychain.', id: 'keychain-item-not-found' },
];

/** Each way a paste gets mangled on its way to us. */
const NOISE: readonly { name: string; apply: (text: string) => string; authOnly?: boolean }[] = [
  { name: 'as is', apply: (t) => t },
  { name: 'ANSI colour', apply: (t) => `\u001b[1m\u001b[31m${t}\u001b[39m\u001b[22m` },
  { name: 'ANSI that lost its ESC', apply: (t) => `[31m${t}[0m` },
  { name: 'ANSI inside words', apply: (t) => t.replace(' ', ' \u001b[2m').replace(/\.?$/, '\u001b[0m') },
  { name: 'upper case', apply: (t) => t.toUpperCase() },
  { name: 'lower case', apply: (t) => t.toLowerCase() },
  { name: 'middle dot as dash', apply: (t) => t.replaceAll('·', '-') },
  { name: 'middle dot as pipe', apply: (t) => t.replaceAll('·', '|') },
  { name: 'middle dot as bullet', apply: (t) => t.replaceAll('·', '•') },
  { name: 'NBSP and tabs', apply: (t) => t.replaceAll(' ', '\u00a0').replace('\u00a0', '\t') },
  { name: 'extra whitespace and CRLF', apply: (t) => `\r\n   ${t.replaceAll(' ', '   ')}  \r\n` },
  {
    name: 'inside a JSON error body',
    apply: (t) => `Error: ${JSON.stringify({ type: 'error', error: { type: 'error', message: t } })}`,
  },
  {
    name: 'JSON body with escaped middle dot',
    apply: (t) => JSON.stringify({ error: { message: t } }).replaceAll('·', '\\u00b7'),
  },
  {
    name: 'log line with timestamp, request id and path',
    apply: (t) => `2025-03-14T09:26:53.589Z [ERROR] /Users/sam/.claude/debug/3f2a.txt:12 (req_011CSHoEeqs5C35K2UUqR7Fy) ${t}`,
  },
  { name: 'Windows path prefix', apply: (t) => `C:\\Users\\sam\\AppData\\Roaming\\claude\\log.txt: ${t}` },
  {
    name: 'API Error: 401 prefix with authentication_error body',
    authOnly: true,
    apply: (t) =>
      `API Error: 401 ${JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: t }, request_id: 'req_011CSHoEeqs5C35K2UUqR7Fy' })}`,
  },
];

describe('explain: real Claude Code messages', () => {
  for (const row of REAL_MESSAGES) {
    for (const noise of NOISE) {
      if (noise.authOnly && !row.auth) continue;
      test(`${row.id} ← ${noise.name}: ${row.text}`, () => {
        assert.equal(topId(noise.apply(row.text)), row.id);
      });
    }
  }
});

describe('explain: rows of the guide', () => {
  const rows: readonly [string, string][] = [
    // Error table (section 3).
    ['Session Expired', 'session-expired'],
    ['Authentication Failed', 'authentication-failed'],
    ['Invalid Credentials', 'invalid-credentials'],
    ['Login Session Expired', 'login-session-expired'],
    ['Unauthorized Request', 'unauthorized-request'],
    ['Failed Authentication', 'failed-authentication'],
    ['Token Expired', 'token-expired'],
    ['Sign In Required', 'sign-in-required'],
    ['OAuth callback timeout', 'oauth-callback-timeout'],
    ['Keychain access denied', 'keychain-access-denied'],
    ['Error 500 during login', 'server-error-during-login'],
    // Symptom table (section 7), as written there and as people phrase it.
    ['Random logout during active session', 'random-logout'],
    ['it randomly logged me out in the middle of a session', 'random-logout'],
    ['Stuck in login loop', 'login-loop'],
    ["I'm stuck in a login loop", 'login-loop'],
    ['claude keeps asking me to log in every time I start it', 'login-loop'],
    ['Unauthorized error on requests', 'unauthorized-request'],
    ["'Keychain access denied' on macOS", 'keychain-access-denied'],
    ["Browser opens but CLI says 'timed out'", 'oauth-callback-timeout'],
    ['the browser opens fine but the CLI says timed out', 'oauth-callback-timeout'],
    ['Google SSO completes but login fails', 'google-sso-login-fails'],
    ['I sign in with Google and the CLI never finishes', 'google-sso-login-fails'],
    ['DNS resolution hangs indefinitely', 'dns-resolution-failure'],
    ['Works in CLI but not VS Code', 'vscode-only-failure'],
    ['works in the terminal but not in vscode', 'vscode-only-failure'],
    ['Works on hotspot but not office network', 'corporate-network-block'],
    ['it works on my phone hotspot but not at the office', 'corporate-network-block'],
    ['Authentication fails after account change', 'account-changed'],
    ['since I changed my password claude will not sign in', 'account-changed'],
    ['error 500 during login', 'server-error-during-login'],
    ['Got a 500 Internal Server Error while logging in', 'server-error-during-login'],
  ];
  for (const [text, id] of rows) {
    test(`${text} → ${id}`, () => assert.equal(topId(text), id));
  }
});

describe('explain: other common API, network and install errors', () => {
  const rows: readonly [string, string][] = [
    [
      'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_011CRyCTqY6uSHmZjP1x1Ns4"}',
      'invalid-api-key',
    ],
    [
      'Failed to authenticate. API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"OAuth token has expired. Please obtain a new token or refresh your existing token."}}',
      'oauth-token-expired',
    ],
    [
      'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"Invalid bearer token"}}',
      'api-authentication-error',
    ],
    [
      'API Error: 403 {"type":"error","error":{"type":"permission_error","message":"OAuth token does not meet scope requirement user:profile"}}',
      'api-permission-error',
    ],
    ['API Error: 403 {"error":{"type":"forbidden","message":"Request not allowed"}}', 'api-permission-error'],
    [
      'API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}',
      'api-rate-limited',
    ],
    ['API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}', 'api-server-error'],
    ['API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', 'api-overloaded'],
    ['API Error: Connection error.', 'api-connection-error'],
    ['Unable to connect to API (ConnectionRefused)', 'connection-refused'],
    ['Error: connect ECONNREFUSED 127.0.0.1:8080', 'connection-refused'],
    ['Error: connect ETIMEDOUT 160.79.104.10:443', 'connection-timed-out'],
    ['Error: getaddrinfo ENOTFOUND api.anthropic.com', 'dns-resolution-failure'],
    ['getaddrinfo EAI_AGAIN console.anthropic.com', 'dns-resolution-failure'],
    ['Error: self signed certificate in certificate chain', 'self-signed-certificate'],
    ["code: 'SELF_SIGNED_CERT_IN_CHAIN'", 'self-signed-certificate'],
    ['Error: unable to get local issuer certificate (UNABLE_TO_GET_ISSUER_CERT_LOCALLY)', 'self-signed-certificate'],
    ['{"error":"invalid_grant","error_description":"Refresh token not found or invalid"}', 'refresh-token-rejected'],
    ['HTTP/1.1 407 Proxy Authentication Required', 'proxy-auth-required'],
    ['Claude AI usage limit reached|1735689600', 'usage-limit-reached'],
    [
      'Auth conflict: Both a token (claude.ai) and an API key (ANTHROPIC_API_KEY) are set. This may lead to unexpected behavior.',
      'auth-conflict',
    ],
    ['OAuth authentication is currently not supported.', 'oauth-token-used-as-api-key'],
    [
      'This credential is only authorized for use with Claude Code and cannot be used for other API requests.',
      'credential-only-for-claude-code',
    ],
    ['Could not resolve authentication method. Expected either apiKey or authToken to be set.', 'no-credentials-configured'],
    ['Error: spawn xdg-open ENOENT', 'browser-cannot-open'],
    ['zsh: command not found: claude', 'claude-command-not-found'],
    ["'claude' is not recognized as an internal or external command,", 'claude-command-not-found'],
  ];
  for (const [text, id] of rows) {
    test(`${text.slice(0, 60)} → ${id}`, () => assert.equal(topId(text), id));
  }
});

describe('explain: ranking', () => {
  test('the keychain hint outranks the plain "not logged in" reading, and both are offered', () => {
    const ids = explain('Not logged in · Please run /login · Run in another terminal: security unlock-keychain').map((m) => m.id);
    assert.equal(ids[0], 'keychain-locked');
    assert.ok(ids.includes('not-logged-in'), ids.join());
  });

  test('a specific message outranks the generic one it contains, and one cause is one match', () => {
    const matches = explain('OAuth token has expired');
    assert.equal(matches[0]?.id, 'oauth-token-expired');
    // "token-expired" calls for the same fixes: the same cause, so it is not listed again.
    assert.equal(
      matches.some((m) => m.id === 'token-expired'),
      false,
    );
    const causes = matches.map((m) => m.fixes.join(','));
    assert.equal(new Set(causes).size, causes.length, 'no two matches for one cause');
  });

  test('a log with several problems lists each, best first', () => {
    const log = ['[error] Error: self signed certificate in certificate chain', '[error] Error: connect ECONNREFUSED 127.0.0.1:3128'].join(
      '\n',
    );
    const matches = explain(log);
    const ids = matches.map((m) => m.id);
    assert.equal(ids[0], 'self-signed-certificate');
    assert.ok(ids.includes('connection-refused'), ids.join());
    for (let i = 1; i < matches.length; i += 1) {
      assert.ok((matches[i - 1]?.score ?? 0) >= (matches[i]?.score ?? 0), 'scores are not in order');
    }
  });

  test('at most five matches however noisy the paste', () => {
    const everything = CATALOGUE.map((entry) => entry.title).join('\n');
    assert.equal(explain(everything).length, 5);
  });
});

describe('explain: unrelated text', () => {
  const unrelated: readonly [string, string][] = [
    ['empty', ''],
    ['blank', ' \n\t '],
    ['greeting', 'hello world'],
    ['prose', 'The quick brown fox jumps over the lazy dog; the build passed and the tests are green.'],
    ['a bare token', 'sk-ant-oat01-CANARY-abcdefghijklmnopqrstuvwxyz0123456789'],
    ['git error', 'fatal: not a git repository (or any of the parent directories): .git'],
    [
      'npm dependency error',
      [
        'npm ERR! code ERESOLVE',
        'npm ERR! ERESOLVE unable to resolve dependency tree',
        'npm ERR! While resolving: my-app@0.1.0',
        'npm ERR! Found: react@18.2.0',
        'npm ERR! node_modules/react',
        'npm ERR! Could not resolve dependency:',
        'npm ERR! peer react@"^17.0.0" from some-lib@1.2.3',
        'npm ERR! Fix the upstream dependency conflict, or retry this command with --force or --legacy-peer-deps',
        'npm ERR! A complete log of this run can be found in:',
        'npm ERR!     /Users/me/.npm/_logs/2024-05-01T10_00_00_000Z-debug-0.log',
        '    at Arborist.[failPeerConflict] (/usr/local/lib/node_modules/npm/node_modules/@npmcli/arborist/lib/build-ideal-tree.js:1390:25)',
        '    at async Promise.all (index 0)',
      ].join('\n'),
    ],
    [
      'node stack trace',
      "TypeError: Cannot read properties of undefined (reading 'map')\n    at Object.<anonymous> (/home/u/app/index.js:10:5)\n    at Module._compile (node:internal/modules/cjs/loader:1256:14)",
    ],
  ];
  for (const [name, text] of unrelated) {
    test(`${name} → []`, () => assert.deepEqual(explain(text), []));
  }

  test('paths, timestamps and request ids alone do not match', () => {
    assert.deepEqual(explain('2025-03-14T09:26:53Z req_011CSHoEeqs5C35K2UUqR7Fy /Users/sam/code/hotspot-app/src/login-loop.ts:12:5'), []);
    assert.deepEqual(explain('at render (C:\\Users\\sam\\vscode-extension\\google-sso\\index.js:3:1)'), []);
  });

  test('a number is only an HTTP status where it reads as one', () => {
    assert.deepEqual(explain('processed 401 files and 529 lines in 500 ms'), []);
    assert.equal(topId('request failed with status code 429'), 'api-rate-limited');
  });
});

describe('explain: the catalogue', () => {
  test('ids are unique, stable kebab-case', () => {
    const ids = CATALOGUE.map((entry) => entry.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  for (const entry of CATALOGUE) {
    test(`${entry.id}: complete, and its own title explains to itself`, () => {
      assert.ok(entry.fixes.length >= 1);
      assert.ok(entry.fixes.every(isFixId), entry.fixes.join());
      assert.equal(new Set(entry.fixes).size, entry.fixes.length);
      assert.notEqual(entry.fixes[0], 'clear-cache', '~/.claude/cache holds no credentials: never the first fix');
      assert.ok(entry.patterns.strong.length >= 1);
      assert.ok(entry.title.trim().length > 0);
      const sentences = entry.meaning.split(/(?<=[.!?])\s+/).filter((s) => s.length > 0);
      assert.ok(sentences.length >= 1 && sentences.length <= 2, `${sentences.length} sentences`);
      assert.equal(topId(entry.title), entry.id);
    });
  }

  test('stuck logins reset the stored credentials before signing in again', () => {
    for (const id of ['login-loop', 'invalid-credentials']) {
      const fixes = CATALOGUE.find((entry) => entry.id === id)?.fixes ?? [];
      assert.deepEqual(fixes.slice(0, 2), ['reset-credentials', 'reauthenticate'], id);
    }
  });

  test('the catalogue cannot be changed through a result', () => {
    const first = explain('Credit balance is too low')[0];
    assert.ok(first);
    first.fixes.push('contact-support');
    assert.deepEqual(explain('Credit balance is too low')[0]?.fixes, ['verify-account', 'unset-conflicting-env', 'use-oauth-token']);
    assert.ok(Object.isFrozen(CATALOGUE));
    assert.ok(CATALOGUE.every((entry) => Object.isFrozen(entry)));
  });
});

describe('explain: secrets and hostile input', () => {
  const pastes = [
    'Invalid API key · Fix external API key\nANTHROPIC_API_KEY=sk-ant-api03-CANARY-0123456789abcdefghij',
    'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"OAuth token has expired"}} Authorization: Bearer sk-ant-oat01-CANARY-FAKE0123456789',
    '{"claudeAiOauth":{"accessToken":"sk-ant-oat01-CANARY-aaaa","refreshToken":"sk-ant-ort01-CANARY-bbbb","expiresAt":0}} invalid_grant',
  ];
  for (const paste of pastes) {
    test(`pasted tokens are never echoed: ${paste.slice(0, 40)}`, () => {
      const result = explain(paste);
      assert.ok(result.length > 0);
      const json = JSON.stringify(result);
      assert.ok(!json.includes('CANARY'));
      assert.ok(!json.includes('sk-ant-'));
    });
  }

  test('a 1 MB paste returns, reading only the first MAX_INPUT_CHARS', () => {
    const message = 'OAuth token has expired. ';
    const huge = message.repeat(Math.ceil(1_048_576 / message.length));
    assert.ok(huge.length >= 1_048_576);
    assert.equal(topId(huge), 'oauth-token-expired');
    const hidden = 'x '.repeat(MAX_INPUT_CHARS) + 'Credit balance is too low';
    assert.deepEqual(explain(hidden), []);
  });

  test('pathological inputs return', () => {
    const inputs = [
      '\\"'.repeat(500_000),
      '"'.repeat(1_000_000),
      '\u001b['.repeat(300_000),
      '\u001b]8;;'.repeat(200_000),
      '/a'.repeat(500_000),
      'C:\\a'.repeat(250_000),
      'token '.repeat(200_000),
      'login loop '.repeat(100_000),
    ];
    for (const input of inputs) assert.ok(Array.isArray(explain(input)));
  });

  test('lone surrogates, control characters and escaped junk are survived', () => {
    assert.equal(topId('\uD800Credit\u0000 balance\u0007 is too low\uDFFF'), 'credit-balance-too-low');
    assert.equal(topId('\\ud800 Login expired \\u0000 \u0085\u2028'), 'login-expired');
    assert.deepEqual(explain('\uDC00\uD800\u0000\u001b\u009b'), []);
  });

  test('escapes inside JSON strings are decoded, even when the JSON was encoded twice', () => {
    assert.equal(topId('{"message":"Credit\\u00a0balance\\u00a0is too low"}'), 'credit-balance-too-low');
    const twice = JSON.stringify({ body: JSON.stringify({ error: { message: 'Login\u00a0expired' } }) });
    assert.equal(topId(twice.replace('\u00a0', '\\\\u00a0')), 'login-expired');
    assert.equal(topId('{"message":"Login\\nexpired"}'), 'login-expired');
  });

  test('non-string input gives no match', () => {
    assert.deepEqual(explain(undefined as unknown as string), []);
    assert.deepEqual(explain(42 as unknown as string), []);
  });

  test('never throws and only returns catalogue data, for any string', () => {
    const ids = new Set(CATALOGUE.map((entry) => entry.id));
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
    const anyText = fc.oneof(
      fc.string({ unit: codeUnit, maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc
        .tuple(fc.constantFrom(...CATALOGUE.map((entry) => entry.title)), fc.string({ unit: codeUnit, maxLength: 40 }))
        .map(([title, junk]) => `${junk}${title}${junk}`),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        const result = explain(text);
        assert.ok(result.length <= 5);
        for (const match of result) {
          assert.ok(ids.has(match.id));
          assert.ok(match.fixes.every(isFixId));
          assert.ok(match.score > 0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
