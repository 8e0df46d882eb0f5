/**
 * When Claude Code treats its stored access token as expired: `now + margin >= expiresAt`, with
 * `expiresAt` in epoch milliseconds. It refreshes that early, so the doctor calls a token expired
 * as early.
 */
export const EXPIRY_MARGIN_MS = 5 * 60 * 1000;

/** True when Claude Code would no longer send this token without refreshing it first. */
export function isExpiredForClaudeCode(expiresAt: number, now: number): boolean {
  return expiresAt - EXPIRY_MARGIN_MS <= now;
}

const DAY_MS = 86_400_000;

/**
 * The "3 days" of Claude Code's login deadline: the server may end a login up to this long before
 * `refreshTokenExpiresAt` (the earliest end), and an access token outliving the deadline by more than
 * this means the deadline is stale and Claude Code ignores it.
 */
export const LOGIN_END_WINDOW_MS = 3 * DAY_MS;

/** `claude -p` starts warning on stderr this long before the deadline; the interactive notice waits for the last 3 days. */
export const PRINT_WARNING_MS = 10 * DAY_MS;

export interface LoginDeadline {
  /** `refreshTokenExpiresAt`: the latest the login lasts; signing in again is the only way past it. */
  readonly endsAt: number;
  /** endsAt minus 3 days: from here on the login may end any time. */
  readonly earliest: number;
}

/**
 * The login's time limit as Claude Code applies it (its `J3r`): only for the Anthropic API with a
 * stored login that has a refresh token and a plausible `refreshTokenExpiresAt`, and not when the
 * access token outlives it by more than 3 days. Null otherwise.
 */
export function loginDeadline(
  oauth: { readonly refreshToken: unknown; readonly refreshTokenExpiresAt: number | null; readonly expiresAt: number | null } | null,
  firstParty: boolean,
): LoginDeadline | null {
  if (!firstParty || !oauth?.refreshToken || oauth.refreshTokenExpiresAt === null) return null;
  const endsAt = oauth.refreshTokenExpiresAt;
  // Claude Code's NBo: a time after 2025-01-01 and within ten years.
  if (endsAt < Date.UTC(2025, 0, 1)) return null;
  if (oauth.expiresAt !== null && oauth.expiresAt > endsAt + LOGIN_END_WINDOW_MS) return null;
  return { endsAt, earliest: endsAt - LOGIN_END_WINDOW_MS };
}

/** Where now stands against the deadline: far, inside `-p`'s 10-day warning, inside the last 3 days, or past it. */
export function deadlineStage(deadline: LoginDeadline, now: number): 'far' | 'print-warning' | 'ending' | 'ended' {
  const left = deadline.endsAt - now;
  if (left <= 0) return 'ended';
  if (left <= LOGIN_END_WINDOW_MS) return 'ending';
  return left <= PRINT_WARNING_MS ? 'print-warning' : 'far';
}
