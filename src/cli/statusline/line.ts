import { keychainLocked, loginEndsAt, failingOrWarning } from '../../core/diagnosis/readings.js';
import type { SnapshotRead } from '../../core/diagnosis/snapshot.js';
import { formatRemaining } from '../../shared/durations.js';
import type { HealthReport } from '../../shared/report.js';
import { attention } from '../shell-hook/attention.js';

/** Claude Code, tmux and starship give a status line little room: never more than this many characters. */
export const STATUS_LINE_MAX = 40;
/** Older than this, the line says how old its answer is. */
const STALE_MS = 3600_000;

function fit(text: string): string {
  return text.length <= STATUS_LINE_MAX ? text : `${text.slice(0, STATUS_LINE_MAX - 1).trimEnd()}…`;
}

const days = (ms: number): string => `${Math.max(0, Math.floor(ms / 86_400_000))}d`;

/** The verdict in a few words: the keychain, the login's deadline, the token, then the first failing or warning check. */
function verdict(report: HealthReport, now: number): string {
  const mac = report.context.os === 'darwin';
  if (mac && keychainLocked(report)) return '✗ keychain locked';
  const found = attention(report, now);
  const endsAt = loginEndsAt(report);
  if (found.level === 'fail' && (report.facts.login?.ended === 'time-limit' || (endsAt !== null && endsAt <= now)))
    return '✗ login ended · /login';
  if (found.level === 'warn' && endsAt !== null && endsAt - now <= 3 * 86_400_000)
    return `▲ login ends in ${formatRemaining(endsAt - now)}`;
  const token = report.facts.token;
  if (found.lines.length > 0 && token && !token.hasRefreshToken && token.expiresAt) {
    const left = Date.parse(token.expiresAt) - now;
    return left > 0 ? `▲ token ends in ${formatRemaining(left)}` : '✗ token expired';
  }
  const [first] = failingOrWarning(report);
  if (first) return `${first.status === 'fail' ? '✗' : '▲'} ${first.summary.charAt(0).toLowerCase()}${first.summary.slice(1)}`;
  return endsAt !== null ? `● login ok · ${days(endsAt - now)}` : '● login ok';
}

/**
 * The one line: from the last saved report only (never a check: it runs on every refresh of
 * Claude Code's prompt), counted down from `now`; "○" when there is none for this terminal.
 */
export function statusLineText(read: SnapshotRead, now: number): string {
  if (read.kind === 'none') return read.untrusted ? '○ doctor: saved report ignored' : '○ login: not checked yet';
  const text = verdict(read.snapshot.report, now);
  if (read.ageMs <= STALE_MS) return fit(text);
  const age = ` (${formatRemaining(read.ageMs).split(' ').slice(0, 2).join('')} ago)`;
  return text.length + age.length <= STATUS_LINE_MAX ? text + age : fit(text);
}
