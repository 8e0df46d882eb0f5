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
