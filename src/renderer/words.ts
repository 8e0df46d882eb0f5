// What the wizard says, in one place: headlines per overall state, status words, time phrases.
import { formatRemaining } from '../shared/durations.js';
import type { CheckResult, HealthReport, Status } from '../shared/report.js';

export const STATUS_WORDS: Readonly<Record<Status, string>> = {
  ok: 'passes',
  warn: 'warning',
  fail: 'failing',
  unknown: 'not confirmed',
  skip: 'skipped',
};

/** Fail first, then warn, then unknown: the order a person should read them in. */
const RANK: Readonly<Record<Status, number>> = { fail: 0, warn: 1, unknown: 2, ok: 3, skip: 4 };

export function needsAttention(report: HealthReport): CheckResult[] {
  return report.checks
    .filter((c) => c.status === 'fail' || c.status === 'warn' || c.status === 'unknown')
    .sort((a, b) => RANK[a.status] - RANK[b.status]);
}

export function countLine(report: HealthReport): string {
  const failing = report.checks.filter((c) => c.status === 'fail').length;
  const warning = report.checks.filter((c) => c.status === 'warn').length;
  const parts: string[] = [];
  if (failing > 0) parts.push(`${failing} ${failing === 1 ? 'problem' : 'problems'}`);
  if (warning > 0) parts.push(`${warning} ${warning === 1 ? 'warning' : 'warnings'}`);
  if (parts.length === 0) parts.push(report.overall === 'ok' ? 'All checks pass' : 'Some checks could not be confirmed');
  return parts.join(', ');
}

export function clockTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function sessionWord(report: HealthReport): string | null {
  const { context } = report;
  if (context.ssh) return 'over SSH';
  if (context.session === 'headless') return 'headless';
  if (context.container) return 'in a container';
  if (context.wsl) return 'in WSL';
  return null;
}

/** From this close to the login's time limit the header says it (Claude Code's `-p` warns from 10 days). */
const LOGIN_LINE_MS = 10 * 86_400_000;

/** "login ends in 2 d 4 h" (or "login reached its time limit") once the end is near; null otherwise. */
export function loginEndsLine(report: HealthReport, now: number): string | null {
  const endsAt = report.facts.login?.endsAt ? Date.parse(report.facts.login.endsAt) : Number.NaN;
  if (!Number.isFinite(endsAt) || endsAt - now > LOGIN_LINE_MS) return null;
  return endsAt > now ? `login ends in ${formatRemaining(endsAt - now)}` : 'login reached its time limit';
}

export const PASSING: ReadonlySet<Status> = new Set<Status>(['ok', 'skip']);
