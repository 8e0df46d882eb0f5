import type { AuthMethodKind } from '../../shared/report.js';
import { Secret } from '../redact/redact.js';
import type { ClaudeAccount } from './claude-json.js';
import { apiKeyApproved } from './claude-json.js';
import { sentValue } from './credential-value.js';
import type { EnvView, VariableValue } from './env-view.js';
import type { Provider } from './providers.js';
import type { OAuthCredentials } from './credentials-json.js';

/**
 * Claude Code picks the `x-api-key` and the `Authorization` bearer separately (chunk `BN` and `Va`
 * of 2.1.332) and may send both. Pure: every input is handed in.
 */
export type ApiKeySource = 'ANTHROPIC_API_KEY' | 'CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR' | 'apiKeyHelper' | 'console-login';
export type BearerSource =
  'ANTHROPIC_AUTH_TOKEN' | 'CLAUDE_CODE_OAUTH_TOKEN' | 'CLAUDE_CODE_OAUTH_TOKEN_FILE_DESCRIPTOR' | 'apiKeyHelper' | 'profile' | 'claude.ai';

export interface Chosen<S extends string> {
  readonly source: S;
  /** Where it is set, as a person would look for it. */
  readonly origin: string;
  /** The value Claude Code sends (trimmed); null when the doctor cannot see it (a helper, a descriptor). */
  readonly credential: Secret | null;
  /** The variable it came from, when it came from one. */
  readonly variable: VariableValue | null;
}

/** `claude` in a terminal, or `claude -p` / the SDK / CI. */
export type Mode = 'interactive' | 'print';
export const MODES: readonly Mode[] = ['interactive', 'print'];

export interface ModeDecision {
  readonly kind: AuthMethodKind;
  readonly label: string;
  /** What each chain picked (before Claude Code decides which headers to send). */
  readonly apiKey: Chosen<ApiKeySource> | null;
  readonly bearer: Chosen<BearerSource> | null;
  /** The headers that go out. An OAuth bearer (subscriber) goes alone; otherwise the key, plus ANTHROPIC_AUTH_TOKEN or the helper as bearer. */
  readonly sends: { readonly xApiKey: Chosen<ApiKeySource> | null; readonly authorization: Chosen<BearerSource> | null };
}

export interface ChainInput {
  readonly view: EnvView;
  readonly provider: Provider;
  readonly helper: { readonly command: string; readonly shown: string } | null;
  /** The stored claude.ai login, when any. */
  readonly oauth: OAuthCredentials | null;
  /** Where the stored login is, for messages ("macOS keychain", "~/.claude/.credentials.json"). */
  readonly loginWhere: string;
  /** The key a Console login saved (primaryApiKey, or the macOS keychain item "Claude Code"). */
  readonly consoleKey: { readonly key: Secret; readonly where: string } | null;
  readonly account: Pick<ClaudeAccount, 'apiKeyResponses'>;
}

function fromVariable<S extends string>(view: EnvView, name: S): Chosen<S> | null {
  const variable = view.get(name);
  const value = sentValue(view.text(name) ?? '');
  return variable && value ? { source: name, origin: variable.origin, credential: new Secret(value), variable } : null;
}

/** A descriptor or a file Claude Code reads at start-up: the doctor sees that it is set, not what it holds. */
function fromDescriptor<S extends string>(view: EnvView, name: S): Chosen<S> | null {
  const variable = view.get(name);
  return variable && sentValue(view.text(name) ?? '') ? { source: name, origin: variable.origin, credential: null, variable } : null;
}

/** The stored claude.ai login counts only with a non-empty access token and user:inference in its scopes. */
export function usableLogin(oauth: OAuthCredentials | null): boolean {
  return Boolean(oauth?.accessToken) && (oauth?.scopes.includes('user:inference') ?? false);
}

/** The API-key chain: ANTHROPIC_API_KEY (print mode, or approved) → key descriptor → apiKeyHelper → a Console login's key. */
export function apiKeyChain(input: ChainInput, mode: Mode): Chosen<ApiKeySource> | null {
  const key = fromVariable(input.view, 'ANTHROPIC_API_KEY');
  if (key?.credential && (mode === 'print' || apiKeyApproved(input.account, key.credential.reveal()))) return key;
  const descriptor = fromDescriptor(input.view, 'CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR');
  if (descriptor) return descriptor;
  if (input.helper) return { source: 'apiKeyHelper', origin: `apiKeyHelper in ${input.helper.shown}`, credential: null, variable: null };
  if (input.consoleKey)
    return { source: 'console-login', origin: input.consoleKey.where, credential: input.consoleKey.key, variable: null };
  return null;
}

/** The bearer chain: ANTHROPIC_AUTH_TOKEN → CLAUDE_CODE_OAUTH_TOKEN (→ its descriptor) → apiKeyHelper → Anthropic profile → the claude.ai login. */
export function bearerChain(input: ChainInput): Chosen<BearerSource> | null {
  const found =
    fromVariable(input.view, 'ANTHROPIC_AUTH_TOKEN') ??
    fromVariable(input.view, 'CLAUDE_CODE_OAUTH_TOKEN') ??
    fromDescriptor(input.view, 'CLAUDE_CODE_OAUTH_TOKEN_FILE_DESCRIPTOR');
  if (found) return found;
  if (input.helper) return { source: 'apiKeyHelper', origin: `apiKeyHelper in ${input.helper.shown}`, credential: null, variable: null };
  const profile = input.view.get('ANTHROPIC_PROFILE');
  if (profile && sentValue(input.view.text('ANTHROPIC_PROFILE') ?? ''))
    return { source: 'profile', origin: profile.origin, credential: null, variable: profile };
  if (usableLogin(input.oauth))
    return { source: 'claude.ai', origin: input.loginWhere, credential: input.oauth?.accessToken ?? null, variable: null };
  return null;
}

/** The scopes of CLAUDE_CODE_OAUTH_TOKEN: CLAUDE_CODE_OAUTH_SCOPES, else user:inference. */
function envTokenScopes(view: EnvView): string[] {
  const scopes = sentValue(view.text('CLAUDE_CODE_OAUTH_SCOPES') ?? '');
  return scopes ? scopes.split(/\s+/) : ['user:inference'];
}

/**
 * Claude Code's `ya()`: an OAuth bearer is used only with the Anthropic API, no Anthropic profile,
 * no ANTHROPIC_AUTH_TOKEN, no key from ANTHROPIC_API_KEY or a helper (a configured helper or key
 * descriptor is enough), and user:inference in the token's scopes.
 */
function subscriber(input: ChainInput, apiKey: Chosen<ApiKeySource> | null, bearer: Chosen<BearerSource> | null): boolean {
  if (input.provider.kind !== 'firstParty' || !bearer) return false;
  if (bearer.source === 'claude.ai') {
    if (apiKey && apiKey.source !== 'console-login') return false;
    return !input.helper;
  }
  if (bearer.source !== 'CLAUDE_CODE_OAUTH_TOKEN' && bearer.source !== 'CLAUDE_CODE_OAUTH_TOKEN_FILE_DESCRIPTOR') return false;
  if (apiKey && apiKey.source !== 'console-login') return false;
  return !input.helper && envTokenScopes(input.view).includes('user:inference');
}

function kindOf(sends: ModeDecision['sends'], oauth: boolean): AuthMethodKind {
  if (oauth) return sends.authorization?.source === 'claude.ai' ? 'subscription' : 'oauth-token-env';
  const key = sends.xApiKey?.source;
  if (key === 'apiKeyHelper') return 'api-key-helper';
  if (key) return 'api-key';
  if (sends.authorization?.source === 'apiKeyHelper') return 'api-key-helper';
  return sends.authorization ? 'auth-token' : 'none';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function labelOf(kind: AuthMethodKind, sends: ModeDecision['sends'], oauth: OAuthCredentials | null): string {
  const key = sends.xApiKey;
  const bearer = sends.authorization;
  switch (kind) {
    case 'subscription':
      return `Claude subscription login${oauth?.subscriptionType ? ` (${capitalise(oauth.subscriptionType)})` : ''}`;
    case 'oauth-token-env':
      return `Long-lived OAuth token from ${bearer?.origin ?? 'CLAUDE_CODE_OAUTH_TOKEN'}`;
    case 'api-key':
    case 'api-key-helper': {
      const what =
        key?.source === 'console-login'
          ? `API key from ${key.origin} (Console login)`
          : `API key from ${(key ?? bearer)?.origin ?? 'apiKeyHelper'}`;
      return bearer && key && bearer.origin !== key.origin ? `${what}, with the bearer token from ${bearer.origin}` : what;
    }
    case 'auth-token':
      return bearer?.source === 'profile'
        ? `Anthropic profile (${bearer.origin})`
        : `Bearer token from ${bearer?.origin ?? 'ANTHROPIC_AUTH_TOKEN'}`;
    default:
      return 'Not signed in';
  }
}

/** What one mode sends. Providers other than the Anthropic API use their own credentials. */
export function decideMode(input: ChainInput, mode: Mode): ModeDecision {
  const apiKey = apiKeyChain(input, mode);
  const bearer = bearerChain(input);
  if (input.provider.method) {
    const label = `${input.provider.label}${input.provider.selectedBy ? ` (${input.provider.selectedBy})` : ''}`;
    return { kind: input.provider.method, label, apiKey, bearer, sends: { xApiKey: null, authorization: null } };
  }
  const oauth = subscriber(input, apiKey, bearer);
  const extraBearer =
    bearer && (bearer.source === 'ANTHROPIC_AUTH_TOKEN' || bearer.source === 'apiKeyHelper' || bearer.source === 'profile');
  const sends = oauth ? { xApiKey: null, authorization: bearer } : { xApiKey: apiKey, authorization: extraBearer ? bearer : null };
  const kind = kindOf(sends, oauth);
  return { kind, label: labelOf(kind, sends, input.oauth), apiKey, bearer, sends };
}
