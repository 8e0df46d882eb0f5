import type { FixId, ReportFacts } from '../../shared/report.js';
import { resolveAuthMethod, type AuthMethod, type AuthWarningCode } from '../claude-code/precedence.js';
import type { CheckOutcome, Probe, ProbeInput } from './probe.js';
import { loadCredentials, type CredentialSnapshot } from '../claude-code/stored-login.js';
import { loadClaudeCodeSettings, type ClaudeCodeSettings } from '../claude-code/settings-json.js';
import { redactCommandLine } from '../redact/command-line.js';
import { isCleartextRemote } from '../network/endpoints.js';

/** What the three auth probes share: read once per run. */
export interface AuthFacts {
  readonly settings: ClaudeCodeSettings;
  readonly snapshot: CredentialSnapshot;
  readonly method: AuthMethod;
}

export function loadAuthFacts(ctx: ProbeInput): Promise<AuthFacts> {
  return ctx.memo('auth-method', async () => {
    const [settings, snapshot] = await Promise.all([loadClaudeCodeSettings(ctx), loadCredentials(ctx)]);
    return { settings, snapshot, method: resolveAuthMethod(ctx.env, settings, snapshot) };
  });
}

function isoOrNull(ms: number | null): string | null {
  return ms !== null && ms > 0 ? new Date(ms).toISOString() : null;
}

/** The typed facts of the three auth checks, from what they read once per run. */
export function methodFacts(method: AuthMethod): ReportFacts {
  return {
    method: { kind: method.method, source: method.source, overridesLogin: method.warnings.some((w) => w.code === 'overrides-login') },
  };
}

export function loginFacts(snapshot: CredentialSnapshot): ReportFacts {
  const oauth = snapshot.oauth;
  return {
    login: {
      store: snapshot.source,
      keychainLocked: snapshot.problems.some((p) => p.code === 'keychain-locked'),
      hasAccessToken: Boolean(oauth?.accessToken),
      hasRefreshToken: Boolean(oauth?.refreshToken),
      problems: snapshot.problems.map((p) => p.code),
      endsAt: isoOrNull(oauth?.refreshTokenExpiresAt ?? null),
    },
  };
}

export function tokenFacts(method: AuthMethod, snapshot: CredentialSnapshot): ReportFacts {
  const oauth = method.method === 'subscription' ? snapshot.oauth : null;
  const expiresAt = oauth?.expiresAt ?? null;
  return {
    token: {
      kind: method.method,
      expiresAt: isoOrNull(expiresAt),
      hasRefreshToken: Boolean(oauth?.refreshToken),
    },
  };
}

/** Warnings a user fixes by changing a variable (or the settings "env" block). */
const ENV_WARNINGS: ReadonlySet<AuthWarningCode> = new Set([
  'overrides-login',
  'conflicting-sources',
  'empty-variable',
  'value-whitespace',
  'value-quotes',
  'key-shape',
]);

const UNUSABLE_LOGIN = new Set([
  'corrupt-json',
  'not-object',
  'wrong-type',
  'too-large',
  'dangling-link',
  'not-a-file',
  'unreadable',
  'no-oauth',
]);

function notSignedIn(snapshot: CredentialSnapshot): { cause: string; fixes: FixId[] } {
  const locked = snapshot.problems.find((p) => p.code === 'keychain-locked');
  if (locked) return { cause: locked.message, fixes: ['unlock-keychain', 'reauthenticate'] };
  const broken = snapshot.problems.find((p) => UNUSABLE_LOGIN.has(p.code));
  if (broken) return { cause: `Claude Code finds no usable login: ${broken.message}`, fixes: ['reauthenticate', 'reset-credentials'] };
  const where = snapshot.keychain === 'n/a' ? snapshot.file.shown : `the macOS keychain or ${snapshot.file.shown}`;
  return {
    cause: `No API key or token is set and no login is stored in ${where}. Sign in with \`claude auth login\` (or /login inside Claude Code); on a machine without a browser, use \`claude setup-token\` and CLAUDE_CODE_OAUTH_TOKEN.`,
    fixes: ['reauthenticate'],
  };
}

export const authMethodProbe: Probe = {
  id: 'auth.method',
  title: 'Sign-in method',
  offline: 'run',
  async run(ctx: ProbeInput): Promise<CheckOutcome> {
    const { settings, snapshot, method } = await loadAuthFacts(ctx);
    const evidence = {
      method: method.method,
      source: method.source,
      credential: method.credential?.fingerprint ?? null,
      warnings: method.warnings.map((w) => w.code),
      settingsEnv: Object.keys(settings.env).sort(),
      apiKeyHelper: settings.apiKeyHelper ? redactCommandLine(settings.apiKeyHelper) : null,
      storedLogin: snapshot.source,
    };
    if (method.method === 'none') {
      return { status: 'fail', summary: 'Not signed in', ...notSignedIn(snapshot), evidence, facts: methodFacts(method) };
    }
    const api = ctx.endpoints.api;
    const cleartext =
      isCleartextRemote(api) && method.credential !== null
        ? `${api.override ?? 'The API address'} is ${api.url}, plain HTTP to another machine: Claude Code sends this credential there unencrypted. Use an https:// address.`
        : null;
    if (method.warnings.length > 0 || cleartext) {
      const fixes: FixId[] = method.warnings.some((w) => ENV_WARNINGS.has(w.code)) ? ['unset-conflicting-env'] : [];
      const cause = [...method.warnings.map((w) => w.message), ...(cleartext ? [cleartext] : [])].join(' ');
      return { status: 'warn', summary: method.label, cause, fixes, evidence, facts: methodFacts(method) };
    }
    return { status: 'ok', summary: method.label, cause: null, evidence, facts: methodFacts(method) };
  },
};
