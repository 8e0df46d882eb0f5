import type { CheckId, CheckResult, Finding, HealthReport } from '../../shared/report.js';
import { AUTH_CHECKS, isWake, type RunReason } from '../monitor/events.js';
import { formatRemaining } from '../io/time.js';
import { LOGIN_END_WINDOW_MS } from '../claude-code/token-expiry.js';
import { checkOf, keychainLocked, loginEndsAt, serviceIncident, statusPageUrl, tokenExpiry } from '../diagnosis/readings.js';
import { DEFAULT_NOTIFY_RULES, type NotificationId, type NotifyRules, type ShownNotification } from './rules.js';

export type NotificationActionId = 'unlock-keychain' | 'open-wizard' | 'open-status-page';

export interface NotificationAction {
  readonly id: NotificationActionId;
  readonly label: string;
}

/**
 * One notification to show, as data. The glue shows it as is and records
 * `{ cooldownKey, at: now }` (see `recordShown`), which is what keeps the next decision quiet.
 */
export interface Notification {
  readonly id: NotificationId;
  readonly title: string;
  readonly body: string;
  readonly actions: readonly NotificationAction[];
  readonly cooldownKey: string;
  /** Where 'open-status-page' goes (the incident's own page when it has one). */
  readonly url?: string;
}

export interface DecideInput {
  /** The report before this run; null on the first one (anything failing then is a new episode). */
  readonly previous: HealthReport | null;
  readonly next: HealthReport;
  /** What caused the run; null when unknown. */
  readonly event: RunReason | null;
  readonly rules: NotifyRules;
  readonly shown: readonly ShownNotification[];
  readonly now: number;
}

const UNLOCK: NotificationAction = { id: 'unlock-keychain', label: 'Unlock…' };
const WIZARD: NotificationAction = { id: 'open-wizard', label: 'Fix…' };
const STATUS: NotificationAction = { id: 'open-status-page', label: 'Status Page' };

function coolingDown(input: DecideInput, id: NotificationId, matches: (key: string) => boolean): boolean {
  const window = input.rules.cooldownMs[id];
  return input.shown.some((s) => matches(s.cooldownKey) && input.now - s.at < window);
}

function keychainNotice(input: DecideInput): Notification | null {
  const { previous, next, event } = input;
  if (!keychainLocked(next)) return null;
  // Off wake, only the moment it locks is news; on wake it is the point of the notification.
  if (!isWake(event) && keychainLocked(previous)) return null;
  if (!isWake(event) && !input.rules.failures) return null;
  if (isWake(event) && !input.rules.keychainOnWake) return null;
  if (coolingDown(input, 'keychain-locked', (k) => k === 'keychain-locked')) return null;
  const darwin = next.context.os === 'darwin';
  return {
    id: 'keychain-locked',
    title: darwin ? 'Keychain locked' : 'Keyring locked',
    body: darwin
      ? 'Claude Code cannot read its login until the login keychain is unlocked.'
      : 'The Secret Service keyring is locked; tools that keep secrets there cannot read them until it is unlocked.',
    actions: [UNLOCK],
    cooldownKey: 'keychain-locked',
  };
}

const FAILURE_PREFIX = 'failure:';

/** Checks the other notifications already speak for: a locked keychain explains failing auth checks. */
function covered(next: HealthReport): Set<CheckId> {
  const ids = new Set<CheckId>(['service.status']);
  if (keychainLocked(next)) for (const id of ['keychain', ...AUTH_CHECKS] as const) ids.add(id);
  return ids;
}

interface FailureText {
  readonly title: string;
  /** Its line when several are said together. */
  readonly line: string;
  readonly body: string;
}

function checkText(check: CheckResult): FailureText {
  return { title: `Claude Code: ${check.title.toLowerCase()} problem`, line: `${check.title}: ${check.summary}`, body: check.summary };
}

/** What a cause says in a notification: a named cause by its headline, a check's own by its title and summary. */
function causeText(report: HealthReport, cause: Finding): FailureText {
  const check = cause.code === 'check' ? checkOf(report, cause.checks[0] ?? 'auth.method') : undefined;
  return check ? checkText(check) : { title: cause.title, line: cause.title, body: `${cause.detail}. ${cause.next}` };
}

/**
 * A failure episode starts when a check fails that did not fail in the previous report. It is
 * said by cause, as the tray says it: DNS and TLS failing with the network down are one cause.
 */
function failureNotice(input: DecideInput): Notification | null {
  if (!input.rules.failures) return null;
  const skip = covered(input.next);
  const started = input.next.checks.filter(
    (c) =>
      c.status === 'fail' &&
      checkOf(input.previous, c.id)?.status !== 'fail' &&
      !skip.has(c.id) &&
      !coolingDown(input, 'failure', (k) => k.startsWith(FAILURE_PREFIX) && k.slice(FAILURE_PREFIX.length).split(',').includes(c.id)),
  );
  const [first] = started;
  if (!first) return null;
  const ids = new Set(started.map((c) => c.id));
  const causes = (input.next.findings ?? []).filter((f) => f.suppressedBy === null && f.checks.some((id) => ids.has(id)));
  const texts = causes.length > 0 ? causes.map((f) => causeText(input.next, f)) : started.map(checkText);
  const [one] = texts;
  const title = texts.length === 1 && one ? one.title : `Claude Code: ${texts.length} problems`;
  const body = texts.length === 1 && one ? one.body : texts.map((t) => t.line).join('\n');
  return { id: 'failure', title, body, actions: [WIZARD], cooldownKey: FAILURE_PREFIX + started.map((c) => c.id).join(',') };
}

/**
 * The end of an incident: the wizard promises "the app tells you when it is over". Only when the
 * status page now answers ok (not when it could not be read) and the incident was the one shown.
 */
function resolvedNotice(input: DecideInput): Notification | null {
  const before = serviceIncident(input.previous);
  if (!before || checkOf(input.next, 'service.status')?.status !== 'ok') return null;
  const key = `incident-resolved:${before.shortlink ?? before.name}`;
  if (coolingDown(input, 'incident', (k) => k === key)) return null;
  return {
    id: 'incident',
    title: 'Anthropic resolved the incident',
    body: `${before.name} is over; Claude Code can work again.`,
    actions: [WIZARD],
    cooldownKey: key,
  };
}

function incidentNotice(input: DecideInput): Notification | null {
  if (!input.rules.incidents) return null;
  const incident = serviceIncident(input.next);
  if (!incident) return resolvedNotice(input);
  const key = `incident:${incident.shortlink ?? incident.name}`;
  if (coolingDown(input, 'incident', (k) => k === key)) return null;
  return {
    id: 'incident',
    title: incident.level === 'fail' ? `Claude Code outage: ${incident.name}` : `Claude degraded: ${incident.name}`,
    body: 'Anthropic is working on it. Nothing on this machine needs fixing; signing in again will not help.',
    actions: [STATUS],
    cooldownKey: key,
    url: statusPageUrl(input.next),
  };
}

/** Only a token that cannot renew itself is worth a warning; one with a refresh token is routine. */
function expiryNotice(input: DecideInput): Notification | null {
  if (!input.rules.expiringToken) return null;
  const expiry = tokenExpiry(input.next);
  if (!expiry || expiry.hasRefreshToken) return null;
  const left = expiry.expiresAt - input.now;
  if (left <= 0 || left > input.rules.expiryWarningMs) return null;
  const key = `token-expiring:${expiry.expiresAt}`;
  if (coolingDown(input, 'token-expiring', (k) => k === key)) return null;
  return {
    id: 'token-expiring',
    title: `Claude Code sign-in ends in ${formatRemaining(left)}`,
    body: 'There is no refresh token, so Claude Code cannot renew it. Sign in again to keep working.',
    actions: [WIZARD],
    cooldownKey: key,
  };
}

/**
 * The login's time limit, 3 days before it (when Claude Code's own notice starts): refreshing never
 * moves it, so only signing in again helps. Once a day per deadline.
 */
function loginEndingNotice(input: DecideInput): Notification | null {
  if (!input.rules.expiringToken) return null;
  const endsAt = loginEndsAt(input.next);
  if (endsAt === null) return null;
  const left = endsAt - input.now;
  if (left <= 0 || left > LOGIN_END_WINDOW_MS) return null;
  const key = `login-ending:${endsAt}`;
  if (coolingDown(input, 'login-ending', (k) => k === key)) return null;
  return {
    id: 'login-ending',
    title: `Claude Code sign-in ends in ${formatRemaining(left)}`,
    body: 'Renewing does not move this date. Sign in again before then (claude auth login); for unattended jobs use claude setup-token.',
    actions: [WIZARD],
    cooldownKey: key,
  };
}

/**
 * Notification text comes partly from outside (an incident's name on the status page, a check's
 * summary): control characters go (a NUL makes node-notifier throw; others garble a toast), and
 * each field is capped at what a notification can show anyway.
 */
function printable(text: string, max: number): string {
  const clean = text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

function sanitized(n: Notification): Notification {
  return {
    ...n,
    title: printable(n.title, 120),
    body: printable(n.body, 600),
    actions: n.actions.map((a) => ({ ...a, label: printable(a.label, 40) })),
    ...(n.url === undefined ? {} : { url: printable(n.url, 2048) }),
  };
}

/** Pure: which notifications a new report deserves, given what was shown and when. */
export function decideNotifications(input: DecideInput): Notification[] {
  if (!input.rules.enabled) return [];
  const all = [keychainNotice(input), incidentNotice(input), expiryNotice(input), loginEndingNotice(input), failureNotice(input)];
  return all.filter((n): n is Notification => n !== null).map(sanitized);
}

/** The glue's memory after showing: new entries added, ones older than every cooldown dropped. */
export function recordShown(
  shown: readonly ShownNotification[],
  notifications: readonly Notification[],
  now: number,
  rules: NotifyRules = DEFAULT_NOTIFY_RULES,
): ShownNotification[] {
  const keep = Math.max(...Object.values(rules.cooldownMs));
  return [...shown.filter((s) => now - s.at < keep), ...notifications.map((n) => ({ cooldownKey: n.cooldownKey, at: now }))];
}
