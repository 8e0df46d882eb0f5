import type { EvidenceValue, ReportFacts, SentFacts, VariableFact } from '../../shared/report.js';
import { buildEnvView, type EnvView } from '../claude-code/env-view.js';
import type { ModeDecision } from '../claude-code/credential-chains.js';
import { loginDeadline } from '../claude-code/token-expiry.js';
import { displayPath } from '../claude-code/paths.js';
import { AUTH_VARIABLES, resolveAuthMethod, type AuthMethod } from '../claude-code/precedence.js';
import { effectiveApiKeyHelper, loadSettingsLayers, type SettingsLayers } from '../claude-code/settings-json.js';
import { loadCredentials, type CredentialSnapshot } from '../claude-code/stored-login.js';
import { LOGIN_SHELL_TIMEOUT_MS, type LoginShellEnv } from '../platform/login-shell-env.js';
import { locateVariables, type VariableLocation } from '../platform/variable-origins.js';
import { redactText } from '../redact/redact.js';
import type { ProbeInput } from './probe.js';

type Env = Readonly<Record<string, string | undefined>>;

/** What the three auth probes share: read once per run. */
export interface AuthFacts {
  readonly layers: SettingsLayers;
  readonly snapshot: CredentialSnapshot;
  readonly method: AuthMethod;
  readonly view: EnvView;
  /** A fresh login shell's environment, as the user's next terminal gets it. */
  readonly shell: LoginShellEnv;
  /** Where each set auth variable comes from. */
  readonly variables: readonly VariableFact[];
}

/** Names Claude Code reads besides the credentials: scopes of an env token, the Anthropic profile. */
const EXTRA = ['CLAUDE_CODE_OAUTH_SCOPES', 'ANTHROPIC_PROFILE'];

/**
 * The environment a `claude` started here would decide with: this process's values, plus what a
 * fresh login shell sets that this process lacks (the tray app has none of the user's exports).
 */
function decisionEnv(env: Env, shell: LoginShellEnv): Env {
  if (shell.kind !== 'resolved') return env;
  const added: Record<string, string> = {};
  for (const name of [...AUTH_VARIABLES, ...EXTRA]) {
    const value = shell.env[name];
    if (env[name] === undefined && value !== undefined) added[name] = value;
  }
  return { ...env, ...added };
}

function terminalState(name: string, env: Env, shell: LoginShellEnv): VariableFact['terminal'] {
  if (shell.kind !== 'resolved') return 'not-compared';
  const here = env[name];
  const there = shell.env[name];
  if (here === undefined) return 'absent-here';
  if (there === undefined) return 'only-here';
  return here === there ? 'same' : 'differs';
}

function place(location: VariableLocation, homeDir: string): string {
  if (location.kind === 'launchctl') return 'launchctl setenv';
  return `${displayPath(location.path, homeDir)}${location.line > 0 ? `:${location.line}` : ''}`;
}

async function variableFacts(ctx: ProbeInput, view: EnvView, env: Env, shell: LoginShellEnv): Promise<VariableFact[]> {
  const names = [...AUTH_VARIABLES, ...EXTRA].filter(
    (name) => view.get(name) !== null || (shell.kind === 'resolved' && shell.env[name] !== undefined),
  );
  const locations = await locateVariables(
    { fs: ctx.fs, runner: ctx.runner, homeDir: ctx.homeDir, os: ctx.platform.os, zdotdir: env['ZDOTDIR'] },
    names,
  ).catch(() => []);
  return names.map((name) => {
    const value = view.get(name);
    const places = locations.filter((l) => l.name === name).map((l) => place(l, ctx.homeDir));
    const terminal = terminalState(name, ctx.env, shell);
    if (value?.from.kind === 'settings') return { name, setIn: 'settings', places: [`${value.from.shown} (env)`, ...places], terminal };
    const inShells = places.length > 0 || (shell.kind === 'resolved' && shell.env[name] !== undefined);
    const setIn = inShells ? 'shells' : shell.kind === 'resolved' ? 'this-terminal' : 'unknown';
    return { name, setIn, places, terminal };
  });
}

export function loadAuthFacts(ctx: ProbeInput): Promise<AuthFacts> {
  return ctx.memo('auth-method', async () => {
    const [layers, snapshot, shell] = await Promise.all([
      loadSettingsLayers(ctx),
      loadCredentials(ctx),
      // At most half the budget: a hanging rc file must leave time for the verdict.
      ctx.memo('login-shell', () => ctx.loginShellEnv(Math.min(LOGIN_SHELL_TIMEOUT_MS, Math.floor(ctx.options.timeoutMs / 2)))),
    ]);
    const env = decisionEnv(ctx.env, shell);
    const account = snapshot.account;
    const view = buildEnvView(
      env,
      Object.keys(account.env).length > 0 ? { env: account.env, path: account.path, shown: account.shown } : null,
      layers,
    );
    const helper = effectiveApiKeyHelper(layers);
    const method = resolveAuthMethod({
      view,
      helper: helper ? { command: helper.command, shown: helper.from.shown } : null,
      settingsProblems: layers.problems,
      oauth: snapshot.oauth,
      loginWhere: snapshot.source === 'keychain' ? 'the macOS keychain' : snapshot.file.shown,
      consoleKey: snapshot.consoleKey,
      storedGatewaySignIn: snapshot.gateway,
      account,
    });
    return { layers, snapshot, method, view, shell, variables: await variableFacts(ctx, view, env, shell) };
  });
}

function sentFacts(decision: ModeDecision): SentFacts {
  return {
    kind: decision.kind,
    xApiKey: decision.sends.xApiKey?.source ?? null,
    authorization: decision.sends.authorization?.source ?? null,
  };
}

/** The typed facts of auth.method. */
export function methodFacts(facts: AuthFacts): ReportFacts {
  const { method } = facts;
  return {
    method: {
      kind: method.method,
      source: redactText(method.source),
      overridesLogin: method.warnings.some((w) => w.code === 'overrides-login'),
      provider: method.provider.kind,
      interactive: sentFacts(method.interactive),
      print: sentFacts(method.print),
      variables: facts.variables,
    },
  };
}

function isoOrNull(ms: number | null): string | null {
  return ms !== null && ms > 0 ? new Date(ms).toISOString() : null;
}

/** The typed facts of auth.credentials: the stored login, its time limit, and why its tokens were emptied. */
export function loginFacts(facts: AuthFacts): ReportFacts {
  const { snapshot, method } = facts;
  const oauth = snapshot.oauth;
  const emptied = snapshot.problems.some((p) => p.code === 'emptied');
  const deadline = loginDeadline(oauth, method.provider.kind === 'firstParty');
  return {
    login: {
      store: snapshot.source,
      keychainLocked: snapshot.problems.some((p) => p.code === 'keychain-locked'),
      hasAccessToken: Boolean(oauth?.accessToken),
      hasRefreshToken: Boolean(oauth?.refreshToken),
      problems: snapshot.problems.map((p) => p.code),
      endsAt: isoOrNull(deadline?.endsAt ?? null),
      ended: emptied ? (oauth?.loginEnded === 'time_limit' ? 'time-limit' : 'refused') : null,
      account: snapshot.account.email,
      subscription: oauth?.subscriptionType ?? null,
    },
  };
}

/** The typed facts of auth.token: the expiry of the credential in effect. */
export function tokenFacts(facts: AuthFacts): ReportFacts {
  const { method, snapshot } = facts;
  const oauth = method.method === 'subscription' ? snapshot.oauth : null;
  return {
    token: { kind: method.method, expiresAt: isoOrNull(oauth?.expiresAt ?? null), hasRefreshToken: Boolean(oauth?.refreshToken) },
  };
}

const STATUS_METHOD: Readonly<Record<string, string | null>> = {
  subscription: 'claude.ai',
  'oauth-token-env': 'oauth_token',
  'api-key': 'api_key',
  'api-key-helper': 'api_key_helper',
  'auth-token': null,
  none: 'none',
};

/**
 * What `claude auth status` (JSON) would say, read from the same files and variables. The doctor
 * never runs it: it refreshes an expired token and rewrites the credentials file. Like it, this
 * takes the non-interactive view (ANTHROPIC_API_KEY counts without approval).
 */
export function authStatusFromFiles(facts: AuthFacts): Record<string, EvidenceValue> {
  const { method, snapshot } = facts;
  const ends = snapshot.oauth?.refreshTokenExpiresAt ?? null;
  if (method.provider.method) {
    return { loggedIn: true, authMethod: 'third_party', apiProvider: method.provider.kind, loginExpiresAt: null };
  }
  const kind = method.print.kind;
  const key = method.print.sends.xApiKey?.source ?? null;
  return {
    loggedIn: kind !== 'none',
    authMethod: STATUS_METHOD[kind] ?? null,
    apiProvider: 'firstParty',
    ...(key
      ? { apiKeySource: key === 'console-login' ? '/login managed key' : key === 'apiKeyHelper' ? 'apiKeyHelper' : 'ANTHROPIC_API_KEY' }
      : {}),
    loginExpiresAt: kind === 'subscription' && ends ? new Date(ends).toISOString() : null,
  };
}
