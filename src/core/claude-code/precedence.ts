import type { AuthMethodKind } from '../../shared/report.js';
import type { ClaudeCodeSettings } from './settings-json.js';
import type { CredentialSnapshot } from './stored-login.js';
import { Secret } from '../redact/redact.js';

export type AuthWarningCode =
  'overrides-login' | 'conflicting-sources' | 'empty-variable' | 'value-whitespace' | 'value-quotes' | 'key-shape' | 'settings-problem';

export interface AuthWarning {
  readonly code: AuthWarningCode;
  readonly message: string;
}

/** The credential Claude Code would use right now, and what looks wrong about how it is set. */
export interface AuthMethod {
  readonly method: AuthMethodKind;
  /** The variable or file it comes from, as users would look for it. */
  readonly source: string;
  /** One line for a summary: "API key from ANTHROPIC_API_KEY". */
  readonly label: string;
  readonly warnings: readonly AuthWarning[];
  /** The token or key in effect; null for cloud providers, apiKeyHelper, or an unusable login. */
  readonly credential: Secret | null;
}

type Env = Readonly<Record<string, string | undefined>>;
type Settings = Pick<ClaudeCodeSettings, 'env' | 'apiKeyHelper' | 'shown' | 'problems'>;
type Snapshot = Pick<CredentialSnapshot, 'oauth' | 'source' | 'file' | 'account'>;

interface Variable {
  readonly name: string;
  readonly value: string;
  /** "ANTHROPIC_API_KEY" or "ANTHROPIC_API_KEY (from the "env" block of ~/.claude/settings.json)". */
  readonly origin: string;
}

const CLOUD = [
  { name: 'CLAUDE_CODE_USE_BEDROCK', method: 'bedrock', label: 'Amazon Bedrock' },
  { name: 'CLAUDE_CODE_USE_VERTEX', method: 'vertex', label: 'Google Vertex AI' },
  { name: 'CLAUDE_CODE_USE_FOUNDRY', method: 'foundry', label: 'Microsoft Foundry' },
] as const;

const ENV_CREDENTIALS = ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', 'CLAUDE_CODE_OAUTH_TOKEN'] as const;

/** Claude Code's isEnvTruthy. */
function truthy(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Which credential Claude Code uses, by its precedence: cloud provider → ANTHROPIC_AUTH_TOKEN →
 * ANTHROPIC_API_KEY → apiKeyHelper → CLAUDE_CODE_OAUTH_TOKEN → subscription login → the key a
 * Console login stored. Claude Code applies the settings "env" block over the shell's variables,
 * so those win here too. Pure.
 */
export function resolveAuthMethod(env: Env, settings: Settings, snapshot: Snapshot): AuthMethod {
  const lookup = (name: string): Variable | null => {
    const fromSettings = settings.env[name];
    if (fromSettings !== undefined) {
      return { name, value: fromSettings, origin: `${name} (from the "env" block of ${settings.shown})` };
    }
    const value = env[name];
    return value === undefined ? null : { name, value, origin: name };
  };
  const warnings: AuthWarning[] = settings.problems.map((p) => ({ code: 'settings-problem', message: p.message }));

  for (const cloud of CLOUD) {
    const variable = lookup(cloud.name);
    if (variable && truthy(variable.value)) {
      return { method: cloud.method, source: variable.origin, label: `${cloud.label} (${variable.origin})`, warnings, credential: null };
    }
  }

  const vars = new Map(ENV_CREDENTIALS.map((name) => [name, lookup(name)]));
  for (const variable of vars.values()) {
    if (variable && variable.value === '') {
      warnings.push({
        code: 'empty-variable',
        message: `${variable.origin} is set but empty; Claude Code ignores it. Unset it to avoid confusion.`,
      });
    }
  }
  const set = (name: (typeof ENV_CREDENTIALS)[number]): Variable | null => {
    const variable = vars.get(name);
    return variable && variable.value !== '' ? variable : null;
  };

  const candidates: { readonly method: AuthMethod; readonly variable: Variable | null }[] = [];
  const fromVariable = (variable: Variable | null, method: AuthMethodKind, what: string): void => {
    if (!variable) return;
    const label = `${what} from ${variable.origin}`;
    candidates.push({ method: { method, source: variable.origin, label, warnings: [], credential: new Secret(variable.value) }, variable });
  };
  fromVariable(set('ANTHROPIC_AUTH_TOKEN'), 'auth-token', 'Bearer token');
  fromVariable(set('ANTHROPIC_API_KEY'), 'api-key', 'API key');
  if (settings.apiKeyHelper) {
    const source = `apiKeyHelper in ${settings.shown}`;
    candidates.push({
      method: { method: 'api-key-helper', source, label: `API key from ${source}`, warnings: [], credential: null },
      variable: null,
    });
  }
  fromVariable(set('CLAUDE_CODE_OAUTH_TOKEN'), 'oauth-token-env', 'Long-lived OAuth token');
  const login = storedLogin(snapshot);

  const first = candidates[0];
  if (!first)
    return login ? { ...login, warnings } : { method: 'none', source: 'none', label: 'Not signed in', warnings, credential: null };

  const winner = first.method;
  if (first.variable) warnings.push(...valueWarnings(first.variable, env, settings));
  for (const { method: shadowed } of candidates.slice(1)) {
    warnings.push({
      code: 'conflicting-sources',
      message: `Both ${winner.source} and ${shadowed.source} are set; Claude Code uses ${winner.source} and ignores the other. Remove the one you do not mean to use.`,
    });
  }
  if (login?.method === 'subscription' && snapshot.oauth && (snapshot.oauth.accessToken || snapshot.oauth.refreshToken)) {
    warnings.push({
      code: 'overrides-login',
      message: `${winner.source} overrides your Claude subscription login: Claude Code uses it instead of the login stored ${storedWhere(snapshot)}. Unset it to use your subscription.`,
    });
  }
  return { ...winner, warnings };
}

function storedWhere(snapshot: Snapshot): string {
  return snapshot.source === 'keychain' ? 'in the macOS keychain' : `in ${snapshot.file.shown}`;
}

/** The subscription login, or the key a Console (API billing) login left in ~/.claude.json. */
function storedLogin(snapshot: Snapshot): AuthMethod | null {
  const oauth = snapshot.oauth;
  const key = snapshot.account.primaryApiKey;
  const consoleLogin = oauth !== null && oauth.scopes.length > 0 && !oauth.scopes.includes('user:inference');
  if (oauth && !(consoleLogin && key)) {
    const plan = oauth.subscriptionType ? ` (${capitalise(oauth.subscriptionType)})` : '';
    const source = snapshot.source === 'keychain' ? 'macOS keychain' : snapshot.file.shown;
    return { method: 'subscription', source, label: `Claude subscription login${plan}`, warnings: [], credential: oauth.accessToken };
  }
  if (key) {
    const source = `primaryApiKey in ${snapshot.account.shown}`;
    return { method: 'api-key', source, label: `API key from ${snapshot.account.shown} (Console login)`, warnings: [], credential: key };
  }
  return null;
}

function valueWarnings(variable: Variable, env: Env, settings: Settings): AuthWarning[] {
  const warnings: AuthWarning[] = [];
  const raw = variable.value;
  const trimmed = raw.trim();
  if (raw !== trimmed) {
    const what = /[\r\n]$/.test(raw) ? 'ends with a line break' : 'has spaces around it';
    warnings.push({
      code: 'value-whitespace',
      message: `${variable.origin} ${what}; Claude Code sends it as is and the server rejects it. Set it again without the whitespace.`,
    });
  }
  const bare = trimmed.replace(/^["'](.*)["']$/s, '$1');
  if (bare !== trimmed) {
    warnings.push({
      code: 'value-quotes',
      message: `${variable.origin} contains literal quote marks around the value; Claude Code sends them as part of the key. Set it again without the quotes.`,
    });
  }
  const gateway = Boolean(env['ANTHROPIC_BASE_URL'] ?? settings.env['ANTHROPIC_BASE_URL']);
  if (variable.name === 'ANTHROPIC_API_KEY') {
    if (bare.startsWith('sk-ant-oat')) {
      warnings.push({
        code: 'key-shape',
        message: `${variable.origin} holds an OAuth token (sk-ant-oat…), not an API key. Put it in CLAUDE_CODE_OAUTH_TOKEN instead, or use an API key (sk-ant-api03-…).`,
      });
    } else if (!bare.startsWith('sk-ant-api') && !gateway) {
      warnings.push({
        code: 'key-shape',
        message: `${variable.origin} does not look like an Anthropic API key (they start with sk-ant-api03-). Check what was pasted.`,
      });
    }
  }
  if (variable.name === 'CLAUDE_CODE_OAUTH_TOKEN') {
    if (bare.startsWith('sk-ant-api')) {
      warnings.push({
        code: 'key-shape',
        message: `${variable.origin} holds an API key (sk-ant-api…), not an OAuth token. Put it in ANTHROPIC_API_KEY instead, or run \`claude setup-token\` for a token.`,
      });
    } else if (!bare.startsWith('sk-ant-oat')) {
      warnings.push({
        code: 'key-shape',
        message: `${variable.origin} does not look like a token from \`claude setup-token\` (they start with sk-ant-oat01-). Check what was pasted.`,
      });
    }
  }
  return warnings;
}
