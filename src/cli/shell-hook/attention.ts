import { LOGIN_END_WINDOW_MS } from '../../core/claude-code/token-expiry.js';
import { keychainLocked, loginEndsAt } from '../../core/diagnosis/readings.js';
import { formatRemaining } from '../../shared/durations.js';
import type { HealthReport } from '../../shared/report.js';

/** What a shell start says: at most two short lines (each within 80 columns), and whether to offer `security unlock-keychain` right there. */
export interface Attention {
  readonly lines: readonly string[];
  readonly offerUnlock: boolean;
  /** The one-word state the status line shows: the same reading, shorter. */
  readonly level: 'ok' | 'warn' | 'fail';
}

const QUIET: Attention = { lines: [], offerUnlock: false, level: 'ok' };
/** A token that cannot renew itself is worth a word this long before it expires. */
const TOKEN_WINDOW_MS = LOGIN_END_WINDOW_MS;

/**
 * The one thing at a shell start that needs the user, from the local checks: the keychain locked
 * (macOS), the login's time limit reached or near, a token without refresh about to expire, a
 * variable used instead of the login. Nothing when all is well, and nothing for what the user
 * cannot act on from a shell (the network: the hook never looks at it).
 */
export function attention(report: HealthReport, now: number): Attention {
  const ssh = report.context.ssh;
  const mac = report.context.os === 'darwin';
  const login = report.facts.login;
  if (mac && keychainLocked(report)) {
    return {
      level: 'fail',
      offerUnlock: ssh,
      lines: [
        '✗ The login keychain is locked: Claude Code cannot read its sign-in.',
        ssh ? '  Unlock it here: security unlock-keychain · always-on box: claude setup-token' : '  Unlock it: security unlock-keychain',
      ],
    };
  }
  const endsAt = loginEndsAt(report);
  // Over SSH the way around a login that keeps running out: a one-year token (a line of its own, so each fits 80 columns).
  const alwaysOn = ssh ? ['  For an always-on box, a one-year token: claude setup-token'] : [];
  if (login?.ended === 'time-limit' || (endsAt !== null && endsAt <= now))
    return { ...QUIET, level: 'fail', lines: ["✗ Claude Code's login reached its time limit: run claude, then /login.", ...alwaysOn] };
  if (endsAt !== null && endsAt - now <= LOGIN_END_WINDOW_MS)
    return {
      ...QUIET,
      level: 'warn',
      lines: [`▲ Claude Code's login ends in ${formatRemaining(endsAt - now)}: sign in again (claude, then /login).`, ...alwaysOn],
    };
  const token = report.facts.token;
  const expiresAt = token?.expiresAt ? Date.parse(token.expiresAt) : NaN;
  if (token && !token.hasRefreshToken && Number.isFinite(expiresAt) && expiresAt - now <= TOKEN_WINDOW_MS) {
    const when = expiresAt > now ? `expires in ${formatRemaining(expiresAt - now)}` : 'has expired';
    return {
      ...QUIET,
      level: expiresAt > now ? 'warn' : 'fail',
      lines: [`▲ Claude Code's token ${when} and cannot renew itself.`, '  claude setup-token makes a new one.'],
    };
  }
  const method = report.facts.method;
  if (method?.overridesLogin)
    return {
      ...QUIET,
      level: 'warn',
      lines: ['▲ Claude Code is not using your subscription login.', `  It uses ${method.source}; claude-auth-doctor check says more.`],
    };
  return QUIET;
}
