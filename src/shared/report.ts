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
  'session.context',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/**
 * Fix ids in the order the plan puts them, following the guide's decision tree: rule out an
 * outage, then the keychain/SSH, then a variable that overrides the login (re-login cannot help
 * while it is set), re-login, stored-credential reset, network, account, editor, last resorts.
 */
export const FIX_IDS = [
  'wait-for-service',
  'unlock-keychain',
  'unset-conflicting-env',
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

export interface HealthReport {
  readonly schemaVersion: 1;
  readonly tool: { readonly name: string; readonly version: string };
  readonly generatedAt: string;
  readonly overall: Overall;
  readonly context: ReportContext;
  readonly checks: readonly CheckResult[];
  readonly plan: readonly FixId[];
}

export function isCheckId(value: unknown): value is CheckId {
  return typeof value === 'string' && (CHECK_IDS as readonly string[]).includes(value);
}

export function isFixId(value: unknown): value is FixId {
  return typeof value === 'string' && (FIX_IDS as readonly string[]).includes(value);
}
