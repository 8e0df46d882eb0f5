import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resolveAuthMethod, type AuthWarningCode } from '../../../src/core/claude-code/precedence.js';
import type { AuthMethodKind } from '../../../src/shared/report.js';
import type { ClaudeAccount } from '../../../src/core/claude-code/claude-json.js';
import type { CredentialSnapshot } from '../../../src/core/claude-code/stored-login.js';
import { parseCredentials } from '../../../src/core/claude-code/credentials-json.js';
import type { ClaudeCodeSettings } from '../../../src/core/claude-code/settings-json.js';
import { authMethodProbe } from '../../../src/core/probes/auth-method.js';
import { commandHead } from '../../../src/core/claude-code/api-key-helper.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Secret, fingerprint } from '../../../src/core/redact/redact.js';
import { fakePlatform, makeProbeInput } from '../../helpers/probe-input.js';
import { CANARY, assertNoSecrets, oauthBlock, writeCredentials, writeSettings } from '../claude-code/fixtures.js';

type Login = 'pro' | 'emptied' | 'console' | 'none';

function settings(over: Partial<ClaudeCodeSettings> = {}): ClaudeCodeSettings {
  return { path: '/h/.claude/settings.json', shown: '~/.claude/settings.json', apiKeyHelper: null, env: {}, problems: [], ...over };
}

function snapshot(login: Login, primaryApiKey: string | null = null): CredentialSnapshot {
  const blocks: Record<Login, object | null> = {
    pro: oauthBlock(),
    emptied: { claudeAiOauth: { accessToken: '', refreshToken: '', expiresAt: 0 } },
    console: oauthBlock({ scopes: ['org:create_api_key', 'user:profile'], subscriptionType: null }),
    none: null,
  };
  const block = blocks[login];
  const parsed = block ? parseCredentials(JSON.stringify(block), '~/.claude/.credentials.json') : { oauth: null, problems: [] };
  const account: ClaudeAccount = {
    path: '/h/.claude.json',
    shown: '~/.claude.json',
    state: 'ok',
    email: null,
    organization: null,
    primaryApiKey: primaryApiKey ? new Secret(primaryApiKey) : null,
    problems: [],
  };
  return {
    source: block ? 'file' : 'none',
    service: 'Claude Code-credentials',
    keychainAccount: 'tester',
    keychain: 'n/a',
    file: { path: '/h/.claude/.credentials.json', shown: '~/.claude/.credentials.json', state: block ? 'ok' : 'missing', mode: 0o600 },
    oauth: parsed.oauth,
    problems: parsed.problems,
    account,
  };
}

interface Row {
  readonly name: string;
  readonly env?: Record<string, string>;
  readonly settings?: Partial<ClaudeCodeSettings>;
  readonly login?: Login;
  readonly primaryApiKey?: string;
  readonly method: AuthMethodKind;
  readonly source?: RegExp;
  readonly warnings?: readonly AuthWarningCode[];
  /** The credential in effect, by value (compared through its fingerprint). */
  readonly credential?: string | null;
}

const ROWS: readonly Row[] = [
  { name: 'nothing at all', method: 'none', credential: null },
  { name: 'subscription login', login: 'pro', method: 'subscription', source: /credentials\.json/, credential: CANARY.access },
  {
    name: 'Bedrock beats everything, quietly',
    env: { CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_API_KEY: CANARY.apiKey },
    login: 'pro',
    method: 'bedrock',
    credential: null,
  },
  { name: 'Vertex with "true"', env: { CLAUDE_CODE_USE_VERTEX: 'true' }, method: 'vertex' },
  { name: 'Foundry', env: { CLAUDE_CODE_USE_FOUNDRY: '1' }, method: 'foundry' },
  { name: 'CLAUDE_CODE_USE_BEDROCK=0 is off', env: { CLAUDE_CODE_USE_BEDROCK: '0' }, login: 'pro', method: 'subscription' },
  {
    name: 'AUTH_TOKEN beats API_KEY (conflict)',
    env: { ANTHROPIC_AUTH_TOKEN: 'gateway-token', ANTHROPIC_API_KEY: CANARY.apiKey },
    method: 'auth-token',
    source: /^ANTHROPIC_AUTH_TOKEN$/,
    warnings: ['conflicting-sources'],
    credential: 'gateway-token',
  },
  {
    name: 'API key alone',
    env: { ANTHROPIC_API_KEY: CANARY.apiKey },
    method: 'api-key',
    source: /^ANTHROPIC_API_KEY$/,
    warnings: [],
    credential: CANARY.apiKey,
  },
  {
    name: 'API key silently overriding a login',
    env: { ANTHROPIC_API_KEY: CANARY.apiKey },
    login: 'pro',
    method: 'api-key',
    warnings: ['overrides-login'],
  },
  {
    name: 'API key beats apiKeyHelper',
    env: { ANTHROPIC_API_KEY: CANARY.apiKey },
    settings: { apiKeyHelper: '~/bin/k' },
    method: 'api-key',
    warnings: ['conflicting-sources'],
  },
  {
    name: 'apiKeyHelper over a login',
    settings: { apiKeyHelper: '~/bin/k' },
    login: 'pro',
    method: 'api-key-helper',
    source: /apiKeyHelper in ~\/\.claude\/settings\.json/,
    warnings: ['overrides-login'],
    credential: null,
  },
  {
    name: 'apiKeyHelper beats CLAUDE_CODE_OAUTH_TOKEN',
    env: { CLAUDE_CODE_OAUTH_TOKEN: CANARY.oauthEnv },
    settings: { apiKeyHelper: '~/bin/k' },
    method: 'api-key-helper',
    warnings: ['conflicting-sources'],
  },
  {
    name: 'CLAUDE_CODE_OAUTH_TOKEN alone',
    env: { CLAUDE_CODE_OAUTH_TOKEN: CANARY.oauthEnv },
    method: 'oauth-token-env',
    warnings: [],
    credential: CANARY.oauthEnv,
  },
  {
    name: 'CLAUDE_CODE_OAUTH_TOKEN over a login',
    env: { CLAUDE_CODE_OAUTH_TOKEN: CANARY.oauthEnv },
    login: 'pro',
    method: 'oauth-token-env',
    warnings: ['overrides-login'],
  },
  {
    name: 'empty API key is ignored, but noted',
    env: { ANTHROPIC_API_KEY: '' },
    login: 'pro',
    method: 'subscription',
    warnings: ['empty-variable'],
  },
  {
    name: 'literal quotes around the key',
    env: { ANTHROPIC_API_KEY: `"${CANARY.apiKey}"` },
    method: 'api-key',
    warnings: ['value-quotes'],
  },
  { name: 'trailing newline', env: { ANTHROPIC_API_KEY: `${CANARY.apiKey}\n` }, method: 'api-key', warnings: ['value-whitespace'] },
  {
    name: 'OAuth token pasted into ANTHROPIC_API_KEY',
    env: { ANTHROPIC_API_KEY: CANARY.oauthEnv },
    method: 'api-key',
    warnings: ['key-shape'],
  },
  { name: 'not an Anthropic key', env: { ANTHROPIC_API_KEY: 'abc123' }, method: 'api-key', warnings: ['key-shape'] },
  {
    name: 'any key shape is fine behind a gateway',
    env: { ANTHROPIC_API_KEY: 'abc123', ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000' },
    method: 'api-key',
    warnings: [],
  },
  {
    name: 'API key pasted into CLAUDE_CODE_OAUTH_TOKEN',
    env: { CLAUDE_CODE_OAUTH_TOKEN: CANARY.apiKey },
    method: 'oauth-token-env',
    warnings: ['key-shape'],
  },
  {
    name: 'API key from the settings env block',
    settings: { env: { ANTHROPIC_API_KEY: CANARY.apiKey } },
    method: 'api-key',
    source: /ANTHROPIC_API_KEY \(from the "env" block of ~\/\.claude\/settings\.json\)/,
    credential: CANARY.apiKey,
  },
  {
    name: 'settings env wins over the shell',
    env: { ANTHROPIC_API_KEY: 'sk-ant-api03-shell-value' },
    settings: { env: { ANTHROPIC_API_KEY: CANARY.apiKey } },
    method: 'api-key',
    credential: CANARY.apiKey,
  },
  { name: 'settings env can turn on Bedrock', settings: { env: { CLAUDE_CODE_USE_BEDROCK: '1' } }, login: 'pro', method: 'bedrock' },
  {
    name: 'Console login key from ~/.claude.json',
    primaryApiKey: CANARY.primaryApiKey,
    method: 'api-key',
    source: /primaryApiKey in ~\/\.claude\.json/,
    credential: CANARY.primaryApiKey,
  },
  {
    name: 'Console login (no inference scope) uses primaryApiKey',
    login: 'console',
    primaryApiKey: CANARY.primaryApiKey,
    method: 'api-key',
    credential: CANARY.primaryApiKey,
  },
  {
    name: 'emptied login is still the subscription method, with no credential',
    login: 'emptied',
    method: 'subscription',
    credential: null,
  },
  {
    name: 'a broken settings.json is a warning',
    settings: { problems: [{ code: 'settings-corrupt', message: '~/.claude/settings.json is empty' }] },
    login: 'pro',
    method: 'subscription',
    warnings: ['settings-problem'],
  },
];

describe('resolveAuthMethod: precedence', () => {
  for (const row of ROWS) {
    test(row.name, () => {
      const result = resolveAuthMethod(row.env ?? {}, settings(row.settings), snapshot(row.login ?? 'none', row.primaryApiKey ?? null));
      assert.equal(result.method, row.method);
      if (row.source) assert.match(result.source, row.source);
      if (row.warnings)
        assert.deepEqual(
          result.warnings.map((w) => w.code),
          row.warnings,
        );
      if (row.credential !== undefined)
        assert.equal(result.credential?.fingerprint ?? null, row.credential === null ? null : fingerprint(row.credential));
      assertNoSecrets(result, row.name);
    });
  }

  test('labels say what is in effect', () => {
    assert.equal(resolveAuthMethod({}, settings(), snapshot('pro')).label, 'Claude subscription login (Pro)');
    assert.equal(
      resolveAuthMethod({ ANTHROPIC_API_KEY: CANARY.apiKey }, settings(), snapshot('none')).label,
      'API key from ANTHROPIC_API_KEY',
    );
  });

  test('warnings name the variable and never the value', () => {
    const result = resolveAuthMethod({ ANTHROPIC_API_KEY: ` ${CANARY.oauthEnv} ` }, settings(), snapshot('pro'));
    assert.deepEqual(
      result.warnings.map((w) => w.code),
      ['value-whitespace', 'key-shape', 'overrides-login'],
    );
    for (const warning of result.warnings) assert.match(warning.message, /ANTHROPIC_API_KEY/);
    assertNoSecrets(result.warnings);
  });
});

describe('auth.method probe', () => {
  test('subscription login: ok', async () => {
    const ctx = makeProbeInput();
    await writeCredentials(ctx.homeDir, oauthBlock());
    const outcome = await authMethodProbe.run(ctx);
    assert.equal(outcome.status, 'ok');
    assert.equal(outcome.summary, 'Claude subscription login (Pro)');
    assert.equal(outcome.evidence?.['method'], 'subscription');
    assertNoSecrets(outcome);
  });

  test('API key over a stored login: warn with unset-conflicting-env', async () => {
    const ctx = makeProbeInput({ env: { ANTHROPIC_API_KEY: CANARY.apiKey } });
    await writeCredentials(ctx.homeDir, oauthBlock());
    const outcome = await authMethodProbe.run(ctx);
    assert.equal(outcome.status, 'warn');
    assert.equal(outcome.summary, 'API key from ANTHROPIC_API_KEY');
    assert.match(outcome.cause ?? '', /ANTHROPIC_API_KEY overrides your Claude subscription login/);
    assert.deepEqual(outcome.fixes, ['unset-conflicting-env']);
    assert.equal(outcome.evidence?.['credential'], fingerprint(CANARY.apiKey));
    assertNoSecrets(outcome);
  });

  test('settings.json env block is read from disk and named', async () => {
    const ctx = makeProbeInput();
    await writeSettings(ctx.homeDir, { env: { ANTHROPIC_API_KEY: CANARY.apiKey } });
    const outcome = await authMethodProbe.run(ctx);
    assert.equal(outcome.status, 'ok');
    assert.match(outcome.summary, /settings\.json/);
    assert.deepEqual(outcome.evidence?.['settingsEnv'], ['ANTHROPIC_API_KEY']);
    assertNoSecrets(outcome);
  });

  test('nothing: fail "Not signed in" with reauthenticate', async () => {
    const outcome = await authMethodProbe.run(makeProbeInput());
    assert.equal(outcome.status, 'fail');
    assert.equal(outcome.summary, 'Not signed in');
    assert.deepEqual(outcome.fixes, ['reauthenticate']);
    assert.match(outcome.cause ?? '', /claude auth login/);
  });

  test('locked keychain: not signed in, unlock first', async () => {
    const ctx = makeProbeInput({
      platform: fakePlatform({ os: 'darwin', readClaudeCredentials: async () => ({ kind: 'locked', evidence: {} }) }),
    });
    const outcome = await authMethodProbe.run(ctx);
    assert.equal(outcome.status, 'fail');
    assert.deepEqual(outcome.fixes, ['unlock-keychain', 'reauthenticate']);
    assert.match(outcome.cause ?? '', /keychain is locked/);
  });

  test('corrupt file and nothing else: not signed in, reset suggested', async () => {
    const ctx = makeProbeInput();
    await writeCredentials(ctx.homeDir, '{"claudeAiOauth":{');
    const outcome = await authMethodProbe.run(ctx);
    assert.equal(outcome.status, 'fail');
    assert.deepEqual(outcome.fixes, ['reauthenticate', 'reset-credentials']);
  });
});

describe('auth.method: the apiKeyHelper can run', () => {
  async function helperOutcome(command: string, env: Record<string, string> = {}) {
    const ctx = makeProbeInput({ env });
    await writeSettings(ctx.homeDir, { apiKeyHelper: command.replace('$HOME', ctx.homeDir) });
    return { ctx, outcome: await authMethodProbe.run(ctx) };
  }

  test('pointing into an AppImage mount: warn, re-run use-api-key', async () => {
    const { outcome } = await helperOutcome("'/tmp/.mount_ClaudeAb12/claude-auth-doctor' --cli api-key");
    assert.equal(outcome.status, 'warn');
    assert.match(outcome.cause ?? '', /temporary mount, which is gone once the app quits/);
    assert.deepEqual(outcome.fixes, ['use-api-key']);
    assert.deepEqual(outcome.evidence?.['apiKeyHelperProblems'], ['helper-temporary']);
  });

  test('the old wiring (the app run as Node) in an app that moved: both said', async () => {
    const { outcome } = await helperOutcome(
      "ELECTRON_RUN_AS_NODE=1 '/Applications/Claude Auth Doctor.app/Contents/MacOS/Claude Auth Doctor' '/Applications/Claude Auth Doctor.app/Contents/Resources/app.asar/dist/cli/main.js' api-key",
    );
    assert.deepEqual(outcome.evidence?.['apiKeyHelperProblems'], ['helper-run-as-node', 'helper-missing']);
    assert.match(outcome.cause ?? '', /as Node \(ELECTRON_RUN_AS_NODE\), which the installed app refuses/);
  });

  test('the stable launcher, present: ok', async () => {
    const ctx = makeProbeInput();
    const launcher = join(ctx.homeDir, 'data dir', 'bin', 'claude-auth-doctor');
    await mkdir(dirname(launcher), { recursive: true });
    await writeFile(launcher, '#!/bin/sh\n', { mode: 0o755 });
    await writeSettings(ctx.homeDir, { apiKeyHelper: `'${launcher}' api-key` });
    const outcome = await authMethodProbe.run(ctx);
    assert.equal(outcome.status, 'ok', outcome.cause ?? '');
    assert.equal(outcome.summary, 'API key from apiKeyHelper in ~/.claude/settings.json');
  });

  test("a bare program name is looked up on the shell's PATH", async () => {
    const found = await helperOutcome('sh -c "echo key"', { PATH: '/usr/bin:/bin' });
    assert.equal(found.outcome.status, 'ok', found.outcome.cause ?? '');
    const missing = await helperOutcome('vault-key-printer --field key', { PATH: '/usr/bin:/bin' });
    assert.equal(missing.outcome.status, 'warn');
    assert.match(missing.outcome.cause ?? '', /"vault-key-printer", which is on no directory of your shell's PATH/);
  });
});

describe('commandHead', () => {
  const cases: [string, string[], string | null][] = [
    ["'/a b/c' api-key", [], '/a b/c'],
    ['ELECTRON_RUN_AS_NODE=1 /x/y z', ['ELECTRON_RUN_AS_NODE=1'], '/x/y'],
    ['A=1 B="two words" "/p q/r"', ['A=1', 'B=two words'], '/p q/r'],
    ['/path\\ with\\ spaces/x', [], '/path with spaces/x'],
    ['A=1', ['A=1'], null],
    ['', [], null],
  ];
  for (const [command, assignments, program] of cases) {
    test(JSON.stringify(command), () => assert.deepEqual(commandHead(command), { assignments, program }));
  }
});
