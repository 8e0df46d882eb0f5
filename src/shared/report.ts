/**
 * The health report: the one shape the engine produces and every front end (CLI, tray,
 * wizard, web host) consumes. It is JSON-safe and carries no secrets, so it may cross IPC.
 * Field names and ids are a public contract (`check --json`, schemaVersion 1).
 */

export const CHECK_IDS = [
  'auth.method',
  'auth.credentials',
  'auth.token',
  'keychain',
  'network.dns',
  'network.proxy',
  'network.tls',
  'network.vpn',
  'service.status',
  'cli.install',
  'system.clock',
  'session.context',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/**
 * Fix ids in the order the plan puts them, following the guide's decision tree: rule out an
 * outage and a wrong clock, then the keychain/SSH and a config dir Claude Code cannot write, then a
 * variable that overrides the login (re-login cannot help while it is set), a cloud provider's own
 * credentials and what only an administrator can change, re-login, stored-credential reset,
 * network, account, editor, last resorts. Ids are a public contract: add, never rename.
 */
export const FIX_IDS = [
  'wait-for-service',
  'fix-clock',
  'unlock-keychain',
  'fix-config-dir',
  'unset-conflicting-env',
  'fix-provider-credentials',
  'contact-admin',
  'reauthenticate',
  'reset-credentials',
  'clear-cache',
  'fix-dns',
  'fix-proxy',
  'trust-corporate-ca',
  'verify-account',
  'update-claude-code',
  'fix-vscode-extension',
  'use-oauth-token',
  'use-api-key',
  'contact-support',
] as const;
export type FixId = (typeof FIX_IDS)[number];

export const STATUSES = ['ok', 'warn', 'fail', 'unknown', 'skip'] as const;
export type Status = (typeof STATUSES)[number];
export type Overall = Exclude<Status, 'skip'>;

/** Evidence values are plain data, already redacted: fingerprints, never secrets. */
export type EvidenceValue = string | number | boolean | null | readonly EvidenceValue[] | { readonly [k: string]: EvidenceValue };
export type Evidence = Readonly<Record<string, EvidenceValue>>;

/**
 * Facts other parts read from a report (the tray, notifications, the monitor, the fixes, metrics),
 * typed. Each key is written by exactly one check (named on it) and is absent when that check did
 * not run or could not tell. Evidence is for people and the diagnostic bundle; nothing re-parses it.
 * Times are ISO 8601 in UTC.
 */
export interface ReportFacts {
  /** auth.method: what Claude Code will use. */
  readonly method?: MethodFacts;
  /** auth.credentials: the stored login. */
  readonly login?: LoginFacts;
  /** auth.token: the credential in effect, as far as it has an expiry. */
  readonly token?: TokenFacts;
  /** keychain: the OS secret store's lock state. */
  readonly keychain?: KeychainFacts;
  /** network.tls: who answered the TLS handshake, and the extra CA setting. */
  readonly tls?: TlsFacts;
  /** network.vpn */
  readonly vpn?: VpnFacts;
  /** service.status: Anthropic's status page as last read. */
  readonly status?: StatusFacts;
  /** cli.install: the `claude` a shell would run. */
  readonly claude?: ClaudeInstallFacts;
  /** system.clock: this machine's clock against Anthropic's. */
  readonly clock?: ClockFacts;
}

/** What Claude Code authenticates with: a provider of its own, or the credential its two chains pick. */
export type AuthMethodKind =
  | 'gateway'
  | 'bedrock'
  | 'foundry'
  | 'anthropic-aws'
  | 'anthropic-google-cloud'
  | 'mantle'
  | 'vertex'
  | 'auth-token'
  | 'api-key'
  | 'api-key-helper'
  | 'oauth-token-env'
  | 'subscription'
  | 'none';

export interface MethodFacts {
  /** What the verdict leads with: interactive `claude`, unless only `claude -p` has a credential. */
  readonly kind: AuthMethodKind;
  /** Where it is set, as a person would look for it ("ANTHROPIC_API_KEY", "macOS keychain"). */
  readonly source: string;
  /** A variable or helper is used instead of a stored subscription login (in either mode). */
  readonly overridesLogin: boolean;
  /** Claude Code's apiProvider: firstParty, bedrock, foundry, anthropicAws, anthropicGoogleCloud, mantle, vertex, gateway. */
  readonly provider: string;
  /** What interactive `claude` and `claude -p` / the SDK send. */
  readonly interactive: SentFacts;
  readonly print: SentFacts;
  /** Each credential or provider variable that is set, and where. */
  readonly variables: readonly VariableFact[];
}

export interface SentFacts {
  readonly kind: AuthMethodKind;
  /** Sources as Claude Code names them (ANTHROPIC_API_KEY, apiKeyHelper, console-login, claude.ai, …); null when that header is not sent. */
  readonly xApiKey: string | null;
  readonly authorization: string | null;
}

export interface VariableFact {
  readonly name: string;
  /** Where Claude Code gets it: a settings "env" block, the user's shells (start-up files, launchctl), only the environment the doctor runs in, or unknown. */
  readonly setIn: 'settings' | 'shells' | 'this-terminal' | 'unknown';
  /** Files and lines as people read them: "~/.zshrc:12", "~/.claude/settings.json (env)". */
  readonly places: readonly string[];
  /** This process against a fresh login shell: same value, a different (old) one, set only here, or absent here. */
  readonly terminal: 'same' | 'differs' | 'only-here' | 'absent-here' | 'not-compared';
}

export interface LoginFacts {
  readonly store: 'keychain' | 'file' | 'credential-manager' | 'none';
  /** Claude Code cannot read its login because the keychain is locked. */
  readonly keychainLocked: boolean;
  readonly hasAccessToken: boolean;
  readonly hasRefreshToken: boolean;
  /** Codes of what is wrong with the stored login (corrupt-json, emptied, …). */
  readonly problems: readonly string[];
  /**
   * When the login reaches its time limit (`refreshTokenExpiresAt`, set at sign-in; a refresh never
   * moves it later): after it, only signing in again helps. Null when none is stored or Claude Code
   * ignores it (not the Anthropic API, no refresh token, or an access token outliving it by 3 days).
   */
  readonly endsAt: string | null;
  /** Why Claude Code emptied the tokens: the time limit (`loginEnded:"time_limit"`), or a refused refresh (invalid_grant: a race or a revoke). */
  readonly ended: 'time-limit' | 'refused' | null;
  /** The signed-in account's e-mail address, masked ("d***@example.com"), from ~/.claude.json; null when unknown. */
  readonly account: string | null;
  /** The subscription the login carries ("pro", "max", "team", …); null when none is stored. */
  readonly subscription: string | null;
}

export interface TokenFacts {
  /** Which credential the expiry belongs to. */
  readonly kind: AuthMethodKind;
  /** When the access token expires (the stored `expiresAt`); null when it has none. */
  readonly expiresAt: string | null;
  /** A stored refresh token lets Claude Code renew the access token by itself. */
  readonly hasRefreshToken: boolean;
}

export interface KeychainFacts {
  readonly state: 'unlocked' | 'locked' | 'unavailable' | 'unsupported' | 'error';
}

export interface TlsFacts {
  /** Issuer of the certificate the API host presented (on an untrusted chain: who intercepted). */
  readonly issuer: string | null;
  /** How the handshake failed (a NetFailure: tls-untrusted, refused, timeout, …); null when it succeeded. */
  readonly failure: string | null;
  /** NODE_EXTRA_CA_CERTS as set, and what is wrong with it. */
  readonly extraCaCerts: string | null;
  readonly extraCaProblem: string | null;
}

export interface VpnFacts {
  readonly up: boolean | null;
}

export interface StatusIncidentFact {
  readonly name: string;
  readonly status: string;
  readonly impact: string;
  readonly shortlink: string | null;
  /** The Claude areas it names (claude.ai, Claude API, Claude Code, Claude Console). */
  readonly components: readonly string[];
}

export interface StatusFacts {
  /** The summary URL read. */
  readonly url: string | null;
  readonly httpStatus: number | null;
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly retryAfter: string | null;
  readonly incidents: readonly StatusIncidentFact[];
}

export interface ClaudeInstallFacts {
  readonly version: string | null;
  readonly method: string | null;
  readonly path: string | null;
  readonly installs: readonly { readonly path: string; readonly method: string; readonly version: string | null }[];
  /** `claude` processes of this user running now (each may refresh the one login); null when not counted. */
  readonly processes: number | null;
}

export interface ClockFacts {
  /** This machine's clock minus Anthropic's (ms; positive when this machine is ahead); null when no answer carried a Date. */
  readonly skewMs: number | null;
  /** The host whose Date header was compared. */
  readonly against: string | null;
}

export interface CheckResult {
  readonly id: CheckId;
  readonly status: Status;
  readonly title: string;
  /** One line a user reads first. */
  readonly summary: string;
  /** Why, in plain words; null when status is ok/skip and nothing needs explaining. */
  readonly cause: string | null;
  readonly fixes: readonly FixId[];
  readonly durationMs: number;
  readonly evidence: Evidence;
  /** The typed facts this check found (its own keys of ReportFacts only). */
  readonly facts: ReportFacts;
}

export type SessionKind = 'desktop' | 'ssh' | 'headless';

export interface ReportContext {
  readonly os: 'darwin' | 'linux' | 'win32';
  readonly osRelease: string;
  readonly arch: string;
  readonly nodeVersion: string;
  readonly session: SessionKind;
  readonly ssh: boolean;
  readonly display: boolean;
  readonly wsl: boolean;
  readonly container: boolean;
  readonly offline: boolean;
  readonly configDir: string;
}

/**
 * What is wrong, as people say it: one finding per cause, however many checks show it. The CLI,
 * the tray, the notifications and the wizard all read these (src/core/diagnosis/findings.ts makes
 * them), so a cause has one headline and one first fix everywhere. Codes are a public contract.
 */
export const FINDING_CODES = [
  'service-outage',
  'service-degraded',
  'network-down',
  'tls-intercepted',
  'clock-wrong',
  'keychain-locked',
  'variable-overrides-login',
  'login-damaged',
  'login-expired',
  'not-signed-in',
  'login-ending',
  'check',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export interface Finding {
  /** The cause; 'check' for a check's own finding that no named cause explains (`checks[0]` says which). */
  readonly code: FindingCode;
  /** The headline in plain words: "Your Claude login expired". */
  readonly title: string;
  /** What was found on this machine, one line: "Access token expired 3 h ago; no refresh token". */
  readonly detail: string;
  /** What happens next, said to the user: what they do, and what the app then does. */
  readonly next: string;
  readonly severity: 'fail' | 'warn' | 'unknown';
  /** The checks this one cause explains (the first is the one that found it). */
  readonly checks: readonly CheckId[];
  /** The fixes it calls for, the right one first. */
  readonly fixes: readonly FixId[];
  /** Causes that, when present, explain this one (a token "not confirmed" while the network is down). */
  readonly dependsOn: readonly FindingCode[];
  /** Set when a finding it depends on is present: then only that one is shown. */
  readonly suppressedBy: FindingCode | null;
  /**
   * How long it must last before the tray turns to it or a notification says it: a failure that
   * clears within seconds (DNS not back after wake, a VPN reconnecting) never paints red. 0: at once.
   */
  readonly timeToVisibleMs: number;
}

export interface HealthReport {
  readonly schemaVersion: 1;
  readonly tool: { readonly name: string; readonly version: string };
  readonly generatedAt: string;
  readonly overall: Overall;
  readonly context: ReportContext;
  readonly checks: readonly CheckResult[];
  readonly plan: readonly FixId[];
  /** Every check's facts together. */
  readonly facts: ReportFacts;
  /** The causes, the one to show first leading (suppressed ones last, marked). */
  readonly findings: readonly Finding[];
}

export function isCheckId(value: unknown): value is CheckId {
  return typeof value === 'string' && (CHECK_IDS as readonly string[]).includes(value);
}

export function isFixId(value: unknown): value is FixId {
  return typeof value === 'string' && (FIX_IDS as readonly string[]).includes(value);
}
