/**
 * Fuzzing of the three files Claude Code keeps its sign-in in: the credentials JSON (file or
 * keychain item), ~/.claude.json and settings.json. Each parser is total (no throw escapes),
 * every input gets a classified result, and no planted token reaches a problem message or the
 * rendered result. Then the same inputs go through the real auth probes (offline, with a fake
 * FileSystem port): every one ends in a status, never in the engine's internal-error net.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseClaudeJson } from '../../src/core/claude-code/claude-json.js';
import { parseCredentials, type CredentialProblemCode } from '../../src/core/claude-code/credentials-json.js';
import { parseSettings } from '../../src/core/claude-code/settings-json.js';
import { runChecks } from '../../src/core/probes/run-probes.js';
import type { FileReadResult, FileSystem } from '../../src/core/io/ports.js';
import { authCredentialsProbe } from '../../src/core/probes/auth-credentials.js';
import { authMethodProbe } from '../../src/core/probes/auth-method.js';
import { authTokenProbe } from '../../src/core/probes/auth-token.js';
import { Secret } from '../../src/core/redact/redact.js';
import { STATUSES } from '../../src/shared/report.js';
import { fakePlatform, makeProbeInput } from '../helpers/probe-input.js';
import {
  anyText,
  assertNoCanary,
  canaryToken,
  cut,
  deepJson,
  fc,
  fuzzParams,
  renderings,
  wildNumberText,
  withWildNumbers,
  wrongValue,
} from './arbitraries.js';

/** Whether the text (after an optional BOM) parses as a JSON object: what every reader must accept. */
function isJsonObjectText(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

const PARSE_CODES: readonly CredentialProblemCode[] = [
  'bom',
  'corrupt-json',
  'not-object',
  'no-oauth',
  'wrong-type',
  'emptied',
  'no-inference-scope',
  'expires-seconds',
];
const MAX_DATE_MS = 8.64e15;
const ORIGIN = '~/.claude/.credentials.json';

/** The invariants every parseCredentials result keeps, whatever went in. */
function checkCredentials(raw: string): ReturnType<typeof parseCredentials> {
  const parsed = parseCredentials(raw, ORIGIN);
  assert.ok(parsed.oauth !== null || parsed.problems.length > 0, `no login and no problem for ${JSON.stringify(raw.slice(0, 80))}`);
  for (const problem of parsed.problems) {
    assert.ok(PARSE_CODES.includes(problem.code), `unexpected code ${problem.code}`);
    assert.ok(problem.message.includes(ORIGIN), `message names the file: ${problem.message}`);
    assertNoCanary(`a credentials problem message (${problem.code})`, problem.message);
  }
  assertNoCanary('the parsed credentials, rendered', renderings(parsed));
  const oauth = parsed.oauth;
  if (oauth) {
    if (oauth.expiresAt !== null) {
      assert.ok(Number.isFinite(oauth.expiresAt) && oauth.expiresAt >= 0 && oauth.expiresAt <= MAX_DATE_MS, `expiresAt ${oauth.expiresAt}`);
      assert.doesNotThrow(() => new Date(oauth.expiresAt as number).toISOString());
    }
    assert.ok(oauth.scopes.every((s) => typeof s === 'string'));
    for (const token of [oauth.accessToken, oauth.refreshToken]) assert.ok(token === null || token instanceof Secret);
  }
  if (raw.startsWith('\uFEFF'))
    assert.ok(
      parsed.problems.some((p) => p.code === 'bom'),
      'a BOM is always reported',
    );
  return parsed;
}

const plain = fc.string({ maxLength: 12 });
const oauthField = (canary: fc.Arbitrary<string>) => fc.oneof({ weight: 2, arbitrary: canary }, wrongValue(canary), fc.constant(undefined));

/** The right shape with each field either right, wrong-typed, missing, or a wild number. */
const structuredCredentials = fc
  .record({
    accessToken: oauthField(canaryToken),
    refreshToken: oauthField(canaryToken),
    expiresAt: fc.oneof(fc.constant('__NUM__'), wrongValue(), fc.integer({ min: 0, max: 4_000_000_000_000 }), fc.constant(undefined)),
    // Fields that never hold a secret get wrong values without tokens (see the todo test below for why).
    scopes: fc.oneof(
      fc.array(fc.oneof(fc.string({ maxLength: 12 }), wrongValue(plain)), { maxLength: 4 }),
      wrongValue(plain),
      fc.constant(undefined),
    ),
    subscriptionType: fc.oneof(fc.constantFrom('pro', 'max', 'team', 'enterprise'), wrongValue(plain), fc.constant(undefined)),
  })
  .chain((oauth) =>
    fc.record({
      block: fc.oneof({ weight: 6, arbitrary: fc.constant(oauth) }, wrongValue(), fc.constant(null)),
      mcp: fc.option(
        fc.dictionary(fc.string({ maxLength: 6 }), fc.record({ accessToken: canaryToken, refreshToken: canaryToken }), { maxKeys: 2 }),
      ),
      number: wildNumberText,
      bom: fc.boolean(),
      truncateAt: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 4 }),
    }),
  )
  .map(({ block, mcp, number, bom, truncateAt }) => {
    const text = withWildNumbers({ claudeAiOauth: block, ...(mcp ? { mcpOAuth: mcp } : {}) }, [number]);
    const body = truncateAt === null ? text : cut(text, truncateAt);
    return { raw: (bom ? '\uFEFF' : '') + body, block };
  });

describe('parseCredentials under fuzzing', () => {
  test('any text: no throw, always a login or a problem, codes from the known set', () => {
    fc.assert(
      fc.property(anyText, (raw) => void checkCredentials(raw)),
      fuzzParams(400),
    );
  });

  test('any JSON value: a non-object is "not-object", an object without claudeAiOauth is "no-oauth"', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed = checkCredentials(JSON.stringify(value));
        const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
        if (!isObject)
          assert.deepEqual(
            parsed.problems.map((p) => p.code),
            ['not-object'],
          );
        else if (!('claudeAiOauth' in value) || value['claudeAiOauth'] === null)
          assert.deepEqual(
            parsed.problems.map((p) => p.code),
            ['no-oauth'],
          );
      }),
      fuzzParams(300),
    );
  });

  test('the right shape with wrong types, wild numbers, BOMs and truncation: classified, and no token in any message', () => {
    fc.assert(
      fc.property(structuredCredentials, ({ raw }) => {
        const parsed = checkCredentials(raw);
        let value: { claudeAiOauth?: { accessToken?: unknown } };
        try {
          value = JSON.parse(raw.replace(/^\uFEFF/, '')) as typeof value;
        } catch {
          assert.ok(
            parsed.problems.some((p) => p.code === 'corrupt-json'),
            'text that is not JSON is "corrupt-json"',
          );
          return;
        }
        // A whole object with a string access token always yields a login holding that token.
        const access = value.claudeAiOauth?.accessToken;
        if (typeof value.claudeAiOauth === 'object' && value.claudeAiOauth !== null && !Array.isArray(value.claudeAiOauth)) {
          assert.ok(parsed.oauth, 'an object block is read');
          if (typeof access === 'string' && access !== '')
            assert.equal(parsed.oauth.accessToken?.fingerprint, new Secret(access).fingerprint);
        }
      }),
      fuzzParams(400),
    );
  });

  test('a real credentials file cut at every byte: "corrupt-json" (or a BOM note), never a token in the message', () => {
    const text = JSON.stringify({
      claudeAiOauth: {
        accessToken: 'sk-ant-oat01-CANARY-cut-0123456789abcdefghijklmnop',
        refreshToken: 'sk-ant-ort01-CANARY-cut-0123456789abcdefghijklmnop',
        expiresAt: 1795498474497,
        scopes: ['user:inference', 'user:profile'],
        subscriptionType: 'pro',
      },
    });
    for (let end = 0; end < text.length; end += 1) {
      const parsed = checkCredentials(text.slice(0, end));
      assert.equal(parsed.oauth, null, `cut at ${end}`);
      assert.deepEqual(
        parsed.problems.map((p) => p.code),
        ['corrupt-json'],
        `cut at ${end}`,
      );
    }
    // Pretty-printed, with a token cut mid-way on line 3: the message gives line and column only.
    const pretty = JSON.stringify(JSON.parse(text), null, 2);
    const broken = pretty.replace('CANARY-cut-0123', 'CANARY-cut-"0123');
    const parsed = checkCredentials(broken);
    assert.match(parsed.problems[0]?.message ?? '', /is not valid JSON at line 3, column \d+/);
  });

  test('deep nesting (100 000 levels) and huge files parse without a stack overflow', () => {
    for (const kind of ['array', 'object'] as const) {
      const parsed = checkCredentials(deepJson(100_000, kind));
      assert.equal(parsed.problems[0]?.code, kind === 'array' ? 'not-object' : 'no-oauth');
    }
    const deepBlock = `{"claudeAiOauth":{"accessToken":${deepJson(50_000, 'object', '"x"')}}}`;
    assert.equal(checkCredentials(deepBlock).problems[0]?.code, 'wrong-type');
    const big = JSON.stringify({
      claudeAiOauth: { accessToken: 'sk-ant-oat01-CANARY-big', scopes: Array(200_000).fill('user:inference') },
    });
    // How fast is the benchmark's business; here only that it parses whole.
    assert.equal(checkCredentials(big).oauth?.scopes.length, 200_000);
  });
});

describe('parseClaudeJson under fuzzing', () => {
  const check = (text: string): ReturnType<typeof parseClaudeJson> => {
    const account = parseClaudeJson(text, '/home/u/.claude.json', '~/.claude.json');
    assert.equal(account.state, 'ok');
    for (const problem of account.problems) {
      assert.equal(problem.code, 'claude-json-corrupt');
      assert.match(problem.message, /^~\/\.claude\.json /);
      assertNoCanary('a ~/.claude.json problem message', problem.message);
    }
    assertNoCanary('the parsed account, rendered', renderings(account));
    if (account.email !== null) assert.match(account.email, /^.?\*\*\*/, 'the email is masked');
    assert.ok(account.primaryApiKey === null || account.primaryApiKey instanceof Secret);
    return account;
  };

  test('any text and any JSON value: no throw, corrupt or read', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText,
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          const account = check(text);
          const isObject = isJsonObjectText(text);
          assert.equal(account.problems.length === 0, isObject, JSON.stringify(text.slice(0, 60)));
        },
      ),
      fuzzParams(300),
    );
  });

  test('the right shape with wrong types and tokens everywhere: the key stays a Secret, nothing else echoes a token', () => {
    const shape = fc.record({
      oauthAccount: fc.oneof(
        fc.record({ emailAddress: fc.oneof(fc.emailAddress(), wrongValue()), organizationName: fc.oneof(fc.string(), fc.integer()) }),
        wrongValue(),
      ),
      primaryApiKey: fc.oneof(canaryToken, wrongValue()),
      customApiKeyResponses: fc.record({ approved: fc.array(canaryToken, { maxLength: 3 }) }),
      mcpServers: fc.dictionary(fc.string({ maxLength: 6 }), fc.record({ env: fc.record({ API_KEY: canaryToken }) }), { maxKeys: 2 }),
      projects: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    });
    fc.assert(
      fc.property(shape, fc.boolean(), (value, bom) => {
        const account = check((bom ? '\uFEFF' : '') + JSON.stringify(value));
        assert.deepEqual(account.problems, []);
        const key = value.primaryApiKey;
        assert.equal(
          account.primaryApiKey?.fingerprint ?? null,
          typeof key === 'string' && key !== '' ? new Secret(key).fingerprint : null,
        );
      }),
      fuzzParams(300),
    );
  });
});

describe('parseSettings under fuzzing', () => {
  const CODES = ['settings-corrupt', 'settings-wrong-type'];
  const check = (text: string): ReturnType<typeof parseSettings> => {
    const settings = parseSettings(text, '/home/u/.claude/settings.json', '~/.claude/settings.json');
    for (const problem of settings.problems) {
      assert.ok(CODES.includes(problem.code), problem.code);
      assertNoCanary('a settings.json problem message', problem.message);
    }
    assert.ok(settings.apiKeyHelper === null || (typeof settings.apiKeyHelper === 'string' && settings.apiKeyHelper.trim() !== ''));
    for (const value of Object.values(settings.env)) assert.equal(typeof value, 'string');
    return settings;
  };

  test('any text and any JSON value: no throw; anything but an object is "settings-corrupt"', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText,
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          const settings = check(text);
          const isObject = isJsonObjectText(text);
          if (!isObject)
            assert.deepEqual(
              settings.problems.map((p) => p.code),
              ['settings-corrupt'],
            );
        },
      ),
      fuzzParams(300),
    );
  });

  test('env blocks and apiKeyHelper of every type: tokens in values never reach a message', () => {
    const shape = fc.record({
      apiKeyHelper: fc.oneof(fc.constant('security find-generic-password -w -s anthropic'), wrongValue()),
      env: fc.oneof(
        fc.dictionary(
          fc.constantFrom('ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'CLAUDE_CODE_OAUTH_TOKEN', 'HTTPS_PROXY', 'X'),
          wrongValue(),
          { maxKeys: 5 },
        ),
        wrongValue(),
      ),
    });
    fc.assert(
      fc.property(shape, (value) => {
        const settings = check(JSON.stringify(value));
        const env = value.env;
        if (typeof env === 'object' && env !== null && !Array.isArray(env)) {
          for (const [name, v] of Object.entries(env)) {
            if (typeof v === 'string') assert.equal(settings.env[name], v);
            else if (typeof v === 'number' || typeof v === 'boolean') assert.equal(settings.env[name], String(v));
            else assert.ok(settings.problems.some((p) => p.message.includes(`"env.${name}"`)));
          }
        }
      }),
      fuzzParams(300),
    );
  });
});

/** A read-only FileSystem port serving fixed texts; everything else is missing. */
function filesOf(files: Readonly<Record<string, string>>): FileSystem {
  return {
    async readText(path, maxBytes): Promise<FileReadResult> {
      const text = files[path];
      if (text === undefined) return { kind: 'missing', path };
      const size = Buffer.byteLength(text);
      if (size > maxBytes) return { kind: 'too-large', path, size, limit: maxBytes };
      return { kind: 'ok', text, mode: 0o600, size, path };
    },
    exists: async (path) => files[path] !== undefined,
    list: async () => [],
    space: async () => null,
  };
}

describe('the auth probes over fuzzed files, keychain items and variables', () => {
  const HOME = '/fuzz-home';
  const CONFIG = `${HOME}/.claude`;
  const envValue = fc.oneof(
    canaryToken,
    canaryToken.map((t) => ` "${t}" `),
    canaryToken.map((t) => `${t}\n`),
    fc.constantFrom('', ' ', '""'),
  );

  test('every combination ends in a status from the contract, never an internal error, never a token', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          credentials: fc.option(
            fc.oneof(
              structuredCredentials.map((c) => c.raw),
              anyText,
            ),
            { freq: 5 },
          ),
          claudeJson: fc.option(
            fc.oneof(
              anyText,
              fc.record({ primaryApiKey: canaryToken }).map((v) => JSON.stringify(v)),
            ),
            { freq: 3 },
          ),
          settings: fc.option(
            fc.oneof(
              anyText,
              fc
                .record({ env: fc.dictionary(fc.constantFrom('ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN'), wrongValue(), { maxKeys: 2 }) })
                .map((v) => JSON.stringify(v)),
            ),
            { freq: 3 },
          ),
          variables: fc.dictionary(
            fc.constantFrom('ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'CLAUDE_CODE_OAUTH_TOKEN', 'CLAUDE_CODE_USE_BEDROCK'),
            envValue,
            { maxKeys: 2 },
          ),
          darwin: fc.boolean(),
        }),
        async ({ credentials, claudeJson, settings, variables, darwin }) => {
          const files: Record<string, string> = {};
          if (credentials !== null && !darwin) files[`${CONFIG}/.credentials.json`] = credentials;
          if (claudeJson !== null) files[`${CONFIG}/.claude.json`] = claudeJson;
          if (settings !== null) files[`${CONFIG}/settings.json`] = settings;
          const env = { HOME, CLAUDE_CONFIG_DIR: CONFIG, ...variables };
          const platform = darwin
            ? fakePlatform({
                os: 'darwin',
                readClaudeCredentials: async () =>
                  credentials === null ? { kind: 'not-found', evidence: {} } : { kind: 'found', text: credentials, evidence: {} },
              })
            : fakePlatform();
          const ctx = makeProbeInput({ env, homeDir: HOME, fs: filesOf(files), platform });
          const results = await runChecks([authMethodProbe, authCredentialsProbe, authTokenProbe], ctx, { offline: true, timeoutMs: 2000 });
          assert.equal(results.length, 3);
          for (const result of results) {
            assert.ok(STATUSES.includes(result.status), `${result.id}: ${result.status}`);
            assert.notEqual(result.evidence['internalError'], true, `${result.id} threw: ${result.cause}`);
            assert.notEqual(result.evidence['timedOut'], true, `${result.id} ran out of time`);
            assert.ok(result.summary.length > 0);
            if (result.id === 'auth.token') assert.doesNotMatch(`${result.summary} ${result.cause ?? ''}`, /network|could not reach/i);
          }
          assertNoCanary('the auth probes’ results', JSON.stringify(results));
        },
      ),
      fuzzParams(250),
    );
  });
});

describe('token-shaped text in fields that should never hold one', () => {
  test('a token written into scopes or subscriptionType (a buggy tool swapping fields) is redacted in the results', async () => {
    const HOME = '/fuzz-home';
    const credentials = JSON.stringify({
      claudeAiOauth: {
        accessToken: 'sk-ant-oat01-CANARY-access-0123456789abcdef',
        refreshToken: 'sk-ant-ort01-CANARY-refresh-0123456789abcdef',
        expiresAt: Date.now() + 3600_000,
        scopes: ['user:inference', 'sk-ant-ort01-CANARY-in-scopes-0123456789abcdef'],
        subscriptionType: 'sk-ant-ort01-CANARY-in-subscription-0123456789abcdef',
      },
    });
    const ctx = makeProbeInput({
      env: { HOME, CLAUDE_CONFIG_DIR: `${HOME}/.claude` },
      homeDir: HOME,
      fs: filesOf({ [`${HOME}/.claude/.credentials.json`]: credentials }),
    });
    const results = await runChecks([authMethodProbe, authCredentialsProbe, authTokenProbe], ctx, { offline: true, timeoutMs: 2000 });
    assertNoCanary('the auth probes’ results', JSON.stringify(results));
  });
});
