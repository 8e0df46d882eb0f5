// How a report's causes are read by everyone who shows them: the wizard, the CLI and the tray.
import type { Finding, HealthReport, Overall } from './report.js';

/** Causes on Anthropic's side (its status page): said in amber, never red, and named once. */
const ANTHROPICS_SIDE: ReadonlySet<Finding['code']> = new Set(['service-outage', 'service-degraded']);

export function isAnthropicsSide(finding: Finding): boolean {
  return ANTHROPICS_SIDE.has(finding.code);
}

/** The causes to show, the one to act on first leading (a cause another one explains is not shown). */
export function shownCauses(report: HealthReport): Finding[] {
  return (report.findings ?? []).filter((f) => f.suppressedBy === null);
}

/** A cause's colour: its severity, amber for an outage (not the user's fault). */
export function causeTone(finding: Finding): Finding['severity'] {
  return isAnthropicsSide(finding) ? 'warn' : finding.severity;
}

/** The headline's tone: the leading cause's, or the overall verdict when no cause is named. */
export function headerTone(report: HealthReport): Overall {
  const lead = shownCauses(report)[0];
  return lead ? causeTone(lead) : report.overall;
}

/** The headline when no cause is named: the overall verdict in words. */
export const HEADLINES: Readonly<Record<Overall, string>> = {
  ok: 'Claude Code is signed in and ready',
  warn: 'Claude Code works, with warnings',
  fail: 'Claude Code can’t work right now',
  unknown: 'Couldn’t confirm Claude Code can sign in',
};

/** The headline the wizard, the CLI and the tray's window show: the leading cause, in plain words. */
export function headlineText(report: HealthReport): string {
  return shownCauses(report)[0]?.title ?? HEADLINES[report.overall];
}

/** "Signed in as d…@example.com (Pro)", from the typed facts; null when not known. */
export function signedInLine(report: HealthReport): string | null {
  const login = report.facts.login;
  if (!login?.account) return null;
  const plan = login.subscription ? ` (${login.subscription.charAt(0).toUpperCase()}${login.subscription.slice(1)})` : '';
  return `Signed in as ${login.account}${plan}`;
}
