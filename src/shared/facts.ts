/** The typed facts of a report (`ReportFacts`), re-exported by report.ts: import them from there. */

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
