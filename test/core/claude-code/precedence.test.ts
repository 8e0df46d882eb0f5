/**
 * Claude Code 2.1.332's two credential chains, row by row against what was observed on the wire
 * (research/claude-code FACTS f: the headers of /v1/messages for each setup) and read from its code.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildEnvView } from '../../../src/core/claude-code/env-view.js';
import { parseCredentials } from '../../../src/core/claude-code/credentials-json.js';
import { resolveAuthMethod } from '../../../src/core/claude-code/precedence.js';
import type { AuthWarningCode } from '../../../src/core/claude-code/auth-warnings.js';
import type { ClaudeCodeSettings, SettingsLayers, SettingsScope } from '../../../src/core/claude-code/settings-json.js';
import { effectiveApiKeyHelper } from '../../../src/core/claude-code/settings-json.js';
import { Secret, fingerprint } from '../../../src/core/redact/redact.js';
import type { AuthMethodKind } from '../../../src/shared/report.js';
import { CANARY, assertNoSecrets, oauthBlock } from './fixtures.js';

type Login = 'max' | 'emptied' | 'no-inference' | 'none';

interface Row {
  readonly name: string;
  readonly env?: Record<string, string>;
  readonly settings?: readonly { scope: SettingsScope; env?: Record<string, string>; apiKeyHelper?: string }[];
  readonly globalEnv?: Record<string, string>;
  readonly login?: Login;
  readonly consoleKey?: string;
  readonly approved?: readonly string[];
  readonly onboarded?: boolean;
  readonly gateway?: boolean;
  /** interactive / print kinds */
  readonly kinds: readonly [AuthMethodKind, AuthMethodKind];
  /** What interactive `claude` sends: [x-api-key source, Authorization source]. */
  readonly sends?: readonly [string | null, string | null];
  readonly printSends?: readonly [string | null, string | null];
  readonly warnings?: readonly AuthWarningCode[];
  readonly credential?: string | null;
  readonly provider?: string;
  readonly label?: RegExp;
}

function layer(scope: SettingsScope, over: { env?: Record<string, string>; apiKeyHelper?: string }): ClaudeCodeSettings {
  const shown =
    scope === 'managed'
      ? '/etc/claude-code/managed-settings.json'
      : scope === 'user'
        ? '~/.claude/settings.json'
        : `./.claude/settings${scope === 'local' ? '.local' : ''}.json`;
  return { scope, path: shown, shown, apiKeyHelper: over.apiKeyHelper ?? null, env: over.env ?? {}, problems: [] };
}

function resolve(row: Row) {
  const blocks: Record<Login, object | null> = {
    max: oauthBlock({ subscriptionType: 'max' }),
    emptied: { claudeAiOauth: { accessToken: '', refreshToken: '', expiresAt: 0, scopes: ['user:inference'], subscriptionType: 'max' } },
    'no-inference': oauthBlock({ scopes: ['user:profile', 'org:create_api_key'] }),
    none: null,
  };
  const block = blocks[row.login ?? 'none'];
  const oauth = block ? parseCredentials(JSON.stringify(block), '~/.claude/.credentials.json').oauth : null;
  const layers: SettingsLayers = { layers: (row.settings ?? []).map((s) => layer(s.scope, s)), problems: [] };
  const view = buildEnvView(
    row.env ?? {},
    row.globalEnv ? { env: row.globalEnv, path: '/h/.claude.json', shown: '~/.claude.json' } : null,
    layers,
  );
  const helper = effectiveApiKeyHelper(layers);
  return resolveAuthMethod({
    view,
    helper: helper ? { command: helper.command, shown: helper.from.shown } : null,
    settingsProblems: [],
    oauth,
    loginWhere: '~/.claude/.credentials.json',
    consoleKey: row.consoleKey ? { key: new Secret(row.consoleKey), where: 'primaryApiKey in ~/.claude.json' } : null,
    storedGatewaySignIn: row.gateway ?? false,
    account: {
      apiKeyResponses: { approved: (row.approved ?? []).map((k) => new Secret(k.trim().slice(-20))), rejected: [] },
      hasCompletedOnboarding: row.onboarded ?? true,
    },
  });
}

const ROWS: readonly Row[] = [
  { name: 'nothing at all', kinds: ['none', 'none'], credential: null },
  {
    name: 'stored claude.ai login',
    login: 'max',
    kinds: ['subscription', 'subscription'],
    sends: [null, 'claude.ai'],
    credential: CANARY.access,
    label: /^Claude subscription login \(Max\)$/,
  },
  {
    name: 'CLAUDE_CODE_OAUTH_TOKEN alone',
    env: { CLAUDE_CODE_OAUTH_TOKEN: CANARY.oauthEnv },
    kinds: ['oauth-token-env', 'oauth-token-env'],
    sends: [null, 'CLAUDE_CODE_OAUTH_TOKEN'],
    credential: CANARY.oauthEnv,
  },
  {
    name: 'CLAUDE_CODE_OAUTH_TOKEN over a stored login',
    env: { CLAUDE_CODE_OAUTH_TOKEN: CANARY.oauthEnv },
    login: 'max',
    kinds: ['oauth-token-env', 'oauth-token-env'],
    warnings: ['overrides-login'],
  },
  {
    name: 'ANTHROPIC_API_KEY, never approved: interactive ignores it, -p sends it alone',
    env: { ANTHROPIC_API_KEY: CANARY.apiKey },
    kinds: ['none', 'api-key'],
    printSends: ['ANTHROPIC_API_KEY', null],
    warnings: ['unapproved-api-key'],
    credential: CANARY.apiKey,
  },
  {
    name: 'unapproved key over a stored login: interactive keeps the login, -p bills the key',
    env: { ANTHROPIC_API_KEY: CANARY.apiKey },
    login: 'max',
    kinds: ['subscription', 'api-key'],
    sends: [null, 'claude.ai'],
    printSends: ['ANTHROPIC_API_KEY', null],
    // One warning: the unapproved key's own says -p bills it instead of the login.
    warnings: ['unapproved-api-key'],
    credential: CANARY.access,
  },
  {
    name: 'approved key: both modes send it, and the OAuth bearer is dropped',
    env: { ANTHROPIC_API_KEY: CANARY.apiKey },
    approved: [CANARY.apiKey],
    login: 'max',
    kinds: ['api-key', 'api-key'],
    sends: ['ANTHROPIC_API_KEY', null],
    warnings: ['overrides-login'],
  },
  {
    name: 'API key + CLAUDE_CODE_OAUTH_TOKEN (-p): the key goes alone',
    env: { ANTHROPIC_API_KEY: CANARY.apiKey, CLAUDE_CODE_OAUTH_TOKEN: CANARY.oauthEnv },
    kinds: ['oauth-token-env', 'api-key'],
    printSends: ['ANTHROPIC_API_KEY', null],
    warnings: ['unapproved-api-key', 'conflicting-sources'],
  },
  {
    name: 'API key + ANTHROPIC_AUTH_TOKEN (-p): both headers',
    env: { ANTHROPIC_API_KEY: CANARY.apiKey, ANTHROPIC_AUTH_TOKEN: 'CANARY-gateway-token' },
    kinds: ['auth-token', 'api-key'],
    printSends: ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN'],
    warnings: ['both-headers', 'unapproved-api-key'],
  },
  {
    name: 'ANTHROPIC_AUTH_TOKEN switches off a stored claude.ai login',
    env: { ANTHROPIC_AUTH_TOKEN: 'CANARY-gateway-token' },
    login: 'max',
    kinds: ['auth-token', 'auth-token'],
    sends: [null, 'ANTHROPIC_AUTH_TOKEN'],
    warnings: ['overrides-login'],
    credential: 'CANARY-gateway-token',
  },
  {
    name: 'apiKeyHelper over a login: no claude.ai bearer',
    settings: [{ scope: 'user', apiKeyHelper: '~/bin/k' }],
    login: 'max',
    kinds: ['api-key-helper', 'api-key-helper'],
    sends: ['apiKeyHelper', 'apiKeyHelper'],
    warnings: ['overrides-login'],
    credential: null,
  },
  {
    name: 'a Console login key is used when no claude.ai login exists',
    consoleKey: CANARY.primaryApiKey,
    kinds: ['api-key', 'api-key'],
    sends: ['console-login', null],
    credential: CANARY.primaryApiKey,
  },
  {
    name: 'a Console key does not displace a claude.ai login',
    consoleKey: CANARY.primaryApiKey,
    login: 'max',
    kinds: ['subscription', 'subscription'],
  },
  { name: 'emptied tokens: authMethod none', login: 'emptied', kinds: ['none', 'none'] },
  { name: 'scopes without user:inference: "Not logged in"', login: 'no-inference', kinds: ['none', 'none'] },
  {
    name: 'trailing newline is trimmed, as Claude Code does',
    env: { CLAUDE_CODE_OAUTH_TOKEN: `  ${CANARY.oauthEnv}\n` },
    kinds: ['oauth-token-env', 'oauth-token-env'],
    warnings: [],
    credential: CANARY.oauthEnv,
  },
  {
    name: 'an inner line break is refused by Claude Code',
    env: { CLAUDE_CODE_OAUTH_TOKEN: `${CANARY.oauthEnv.slice(0, 17)}\n${CANARY.oauthEnv.slice(17)}` },
    kinds: ['oauth-token-env', 'oauth-token-env'],
    warnings: ['value-rejected'],
  },
  {
    name: 'whitespace only counts as unset',
    env: { ANTHROPIC_API_KEY: ' \n ' },
    login: 'max',
    kinds: ['subscription', 'subscription'],
    warnings: ['empty-variable'],
  },
  {
    name: 'literal quotes',
    env: { CLAUDE_CODE_OAUTH_TOKEN: `"${CANARY.oauthEnv}"` },
    kinds: ['oauth-token-env', 'oauth-token-env'],
    warnings: ['value-quotes'],
  },
  {
    name: 'an OAuth token in ANTHROPIC_API_KEY',
    env: { ANTHROPIC_API_KEY: CANARY.oauthEnv },
    kinds: ['none', 'api-key'],
    warnings: ['key-shape', 'unapproved-api-key'],
  },
  {
    name: 'any key shape is fine behind a gateway',
    env: { ANTHROPIC_API_KEY: 'abc123', ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000' },
    kinds: ['none', 'api-key'],
    warnings: ['unapproved-api-key'],
  },
  {
    name: 'settings "env" beats the shell',
    env: { CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-shell-value' },
    settings: [{ scope: 'user', env: { CLAUDE_CODE_OAUTH_TOKEN: CANARY.oauthEnv } }],
    kinds: ['oauth-token-env', 'oauth-token-env'],
    credential: CANARY.oauthEnv,
    label: /from the "env" block of ~\/\.claude\/settings\.json/,
  },
  {
    name: 'managed settings beat user settings',
    settings: [
      { scope: 'user', env: { CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-user-CANARY' } },
      { scope: 'managed', env: { CLAUDE_CODE_OAUTH_TOKEN: CANARY.oauthEnv } },
    ],
    kinds: ['oauth-token-env', 'oauth-token-env'],
    credential: CANARY.oauthEnv,
    label: /managed-settings\.json/,
  },
  {
    name: 'an empty value in "env" hides the shell\'s',
    env: { CLAUDE_CODE_OAUTH_TOKEN: CANARY.oauthEnv },
    settings: [{ scope: 'user', env: { CLAUDE_CODE_OAUTH_TOKEN: '' } }],
    kinds: ['none', 'none'],
  },
  {
    name: '~/.claude.json "env" applies too',
    globalEnv: { CLAUDE_CODE_OAUTH_TOKEN: CANARY.oauthEnv },
    kinds: ['oauth-token-env', 'oauth-token-env'],
  },
  {
    name: 'Bedrock beats everything',
    env: { CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_API_KEY: CANARY.apiKey },
    login: 'max',
    kinds: ['bedrock', 'bedrock'],
    provider: 'bedrock',
    warnings: ['provider-ignores'],
    credential: null,
  },
  {
    name: 'Foundry before Vertex (VERTEX=On, FOUNDRY=true)',
    env: { CLAUDE_CODE_USE_VERTEX: 'On', CLAUDE_CODE_USE_FOUNDRY: 'true' },
    kinds: ['foundry', 'foundry'],
    provider: 'foundry',
  },
  {
    name: 'Claude Platform on AWS',
    env: { CLAUDE_CODE_USE_ANTHROPIC_AWS: 'yes' },
    kinds: ['anthropic-aws', 'anthropic-aws'],
    provider: 'anthropicAws',
  },
  {
    name: 'Claude Platform on Google Cloud before Mantle and Vertex',
    env: { CLAUDE_CODE_USE_ANTHROPIC_GOOGLE_CLOUD: '1', CLAUDE_CODE_USE_MANTLE: '1', CLAUDE_CODE_USE_VERTEX: '1' },
    kinds: ['anthropic-google-cloud', 'anthropic-google-cloud'],
  },
  {
    name: 'Bedrock with Mantle',
    env: { CLAUDE_CODE_USE_BEDROCK: '1', CLAUDE_CODE_USE_MANTLE: '1' },
    kinds: ['bedrock', 'bedrock'],
    label: /Amazon Bedrock \+ Mantle/,
  },
  {
    name: 'CLAUDE_CODE_USE_BEDROCK=0 is off',
    env: { CLAUDE_CODE_USE_BEDROCK: '0' },
    login: 'max',
    kinds: ['subscription', 'subscription'],
    provider: 'firstParty',
  },
  {
    name: 'a stored Cloud gateway sign-in comes first',
    gateway: true,
    env: { CLAUDE_CODE_USE_BEDROCK: '1' },
    kinds: ['gateway', 'gateway'],
    provider: 'gateway',
  },
  {
    name: 'CLAUDE_CODE_USE_GATEWAY with a base URL',
    env: { CLAUDE_CODE_USE_GATEWAY: '1', ANTHROPIC_BASE_URL: 'https://gw.example', ANTHROPIC_AUTH_TOKEN: 'CANARY-gw' },
    kinds: ['gateway', 'gateway'],
    warnings: [],
  },
  {
    name: 'setup-token without onboarding: a note for interactive use',
    env: { CLAUDE_CODE_OAUTH_TOKEN: CANARY.oauthEnv },
    onboarded: false,
    kinds: ['oauth-token-env', 'oauth-token-env'],
    warnings: ['onboarding'],
  },
];

describe('resolveAuthMethod: Claude Code 2.1.332 chains', () => {
  for (const row of ROWS) {
    test(row.name, () => {
      const result = resolve(row);
      assert.deepEqual([result.interactive.kind, result.print.kind], row.kinds);
      const pair = (d: typeof result.interactive): [string | null, string | null] => [
        d.sends.xApiKey?.source ?? null,
        d.sends.authorization?.source ?? null,
      ];
      if (row.sends) assert.deepEqual(pair(result.interactive), row.sends);
      if (row.printSends) assert.deepEqual(pair(result.print), row.printSends);
      if (row.warnings) assert.deepEqual(result.warnings.map((w) => w.code).sort(), [...row.warnings].sort());
      if (row.provider) assert.equal(result.provider.kind, row.provider);
      if (row.label) assert.match(result.label, row.label);
      if (row.credential !== undefined)
        assert.equal(result.credential?.fingerprint ?? null, row.credential === null ? null : fingerprint(row.credential));
      assertNoSecrets(result, row.name);
    });
  }

  test("a refused value is worded as Claude Code words it, with the character's position", () => {
    const value = `${CANARY.oauthEnv.slice(0, 17)}\n${CANARY.oauthEnv.slice(17)}`;
    const result = resolve({ name: '', env: { CLAUDE_CODE_OAUTH_TOKEN: value }, kinds: ['none', 'none'] });
    const warning = result.warnings.find((w) => w.code === 'value-rejected');
    assert.equal(warning?.level, 'fail');
    assert.match(
      warning?.message ?? '',
      new RegExp(
        `Invalid auth token · Fix external auth token · Invalid Authorization header value from CLAUDE_CODE_OAUTH_TOKEN: it contains a line break at character 18 \\(${value.length} characters on 2 lines\\)`,
      ),
    );
  });

  test('-p is named when it differs from interactive use', () => {
    const result = resolve({ name: '', env: { ANTHROPIC_API_KEY: CANARY.apiKey }, login: 'max', kinds: ['none', 'none'] });
    assert.equal(result.label, 'Claude subscription login (Max); `claude -p`: API key from ANTHROPIC_API_KEY');
    assert.equal(result.primary, 'interactive');
  });
});
