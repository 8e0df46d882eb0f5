/**
 * Findings as data (Tailscale's Warnable): each cause a person can name has a code, a headline in
 * plain words, what was found here, the fixes it calls for (the right one first), what it depends
 * on, and how long it must last before the tray shows it. One cause counts once: the checks it
 * explains are not listed again, and a cause that depends on another present one (a token "not
 * confirmed" while the network is down) is marked suppressed. Pure: the report in, findings out.
 */

import type { CheckId, CheckResult, Finding, FixId, ReportFacts } from '../../shared/report.js';
import { FIX_IDS } from '../../shared/report.js';
import { BAD, NETWORK, RULES, SECOND, type Input, type Severity } from './findings-rules.js';

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { fail: 0, warn: 1, unknown: 2 };

/** A check no named cause explains: its own words, its own fixes. */
function checkFinding(check: CheckResult): Finding {
  const severity = check.status as Severity;
  return {
    code: 'check',
    title: severity === 'unknown' ? `${check.title}: not confirmed` : check.summary,
    detail: severity === 'unknown' ? check.summary : (check.cause?.split(/(?<=\.)\s/)[0] ?? check.summary),
    next: check.fixes.length > 0 ? 'The plan below starts with the fix for it.' : 'Nothing to do now; the app checks again on its own.',
    severity,
    checks: [check.id],
    fixes: check.fixes,
    // What could not be confirmed is most often the network's doing.
    dependsOn: severity === 'unknown' ? NETWORK : [],
    suppressedBy: null,
    timeToVisibleMs: severity === 'unknown' || check.id.startsWith('network.') ? 15 * SECOND : 0,
  };
}

/** The causes in a set of checks: named ones first (decision-tree order), then each check left over. */
export function findCauses(checks: readonly CheckResult[], facts: ReportFacts, now: number): Finding[] {
  const input: Input = { checks: new Map(checks.map((c) => [c.id, c])), facts, now };
  const found: Finding[] = [];
  const claimed = new Set<CheckId>();
  for (const rule of RULES) {
    const match = rule.match(input);
    if (!match) continue;
    const fresh = match.checks.filter((id) => !claimed.has(id));
    if (fresh.length === 0) continue;
    for (const id of fresh) claimed.add(id);
    found.push({
      code: rule.code,
      title: match.title ?? rule.title,
      detail: match.detail,
      next: match.next ?? rule.next,
      severity: match.severity,
      checks: fresh,
      fixes: [...new Set(match.fixes)],
      dependsOn: match.dependsOn ?? rule.dependsOn,
      suppressedBy: null,
      timeToVisibleMs: rule.timeToVisibleMs,
    });
  }
  for (const check of checks) if (BAD.has(check.status) && !claimed.has(check.id)) found.push(checkFinding(check));
  const present = new Set(found.map((f) => f.code));
  const marked = found.map((f) => {
    const by = f.dependsOn.find((code) => present.has(code) && code !== f.code) ?? null;
    return by ? { ...f, suppressedBy: by } : f;
  });
  return marked
    .map((f, i) => ({ f, i }))
    .sort((a, b) => order(a.f) - order(b.f) || a.i - b.i)
    .map(({ f }) => f);
}

/**
 * Shown before suppressed, fail before warn before unknown, then the decision tree (the order of
 * FIX_IDS). A missing or broken Claude Code leads everything on this machine's side: signing in,
 * and every fix after it, needs a `claude` that runs (only an outage, which needs nothing, comes first).
 */
function order(finding: Finding): number {
  const ranks = finding.fixes.map((fix) => FIX_IDS.indexOf(fix)).filter((i) => i >= 0);
  const cliBroken = finding.severity === 'fail' && finding.checks.includes('cli.install') && finding.fixes.includes('update-claude-code');
  const tree = cliBroken ? 0.5 : ranks.length > 0 ? Math.min(...ranks) : FIX_IDS.length;
  return (finding.suppressedBy ? 1000 : 0) + SEVERITY_RANK[finding.severity] * 100 + tree;
}

/** The causes shown to people: not suppressed. */
export function shownFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.suppressedBy === null);
}

/**
 * The plan: the fixes the shown causes call for, the leading cause's first, then each cause's in
 * turn; a failure no fix answers gets `contact-support`. Fix ids never repeat.
 */
export function planFromFindings(findings: readonly Finding[]): FixId[] {
  const plan: FixId[] = [];
  for (const finding of shownFindings(findings)) for (const fix of finding.fixes) if (!plan.includes(fix)) plan.push(fix);
  if (plan.length === 0 && findings.some((f) => f.severity === 'fail')) plan.push('contact-support');
  return plan.filter((id) => FIX_IDS.includes(id));
}
