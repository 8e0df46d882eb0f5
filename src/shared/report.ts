/**
 * The health report: the one shape the engine produces and every front end (CLI, tray,
 * wizard, web host) consumes. It is JSON-safe and carries no secrets, so it may cross IPC.
 * Field names and ids are a public contract (`check --json`, schemaVersion 1).
 */

import type { ReportFacts } from './facts.js';

// The typed facts live in facts.ts (one file per job); every reader imports them from here.
export type * from './facts.js';

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
  'stale-terminal',
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
