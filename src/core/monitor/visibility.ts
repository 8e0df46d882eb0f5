/**
 * How long a cause must last before the tray shows it or a notification says it (Tailscale's
 * health tracker: a Warnable keeps the time it broke, `IsVisible` is `now - brokenSince >=
 * TimeToVisible`, and a timer publishes it when due if it is still broken). The monitor keeps when
 * each cause was seen and re-checks a held cause when it falls due; the tray and the notification
 * decision read the report as shown (`present`), so a failure that clears within seconds after
 * wake (DNS not back, a VPN reconnecting) is never painted or said. Pure: the clock is an argument.
 */
import type { CheckId, CheckResult, Finding, HealthReport } from '../../shared/report.js';
import { buildReport } from '../diagnosis/build-report.js';

/** When a cause was first seen, and when a run that re-checked it last saw it. */
export interface Seen {
  readonly first: number;
  readonly last: number;
}

/** What the monitor knows of time: when each present cause was seen, and the last wake. */
export interface Visibility {
  /** Per cause (`findingKey`), for the causes in the latest merged report. */
  readonly seen: ReadonlyMap<string, Seen>;
  /** The last wake or screen unlock (epoch ms); null before any. */
  readonly wokeAt: number | null;
}

export const NO_VISIBILITY: Visibility = { seen: new Map(), wokeAt: null };

/** One cause, one key: a named cause by its code, a check's own finding by its check. */
export function findingKey(finding: Finding): string {
  return finding.code === 'check' ? `check:${finding.checks[0] ?? ''}` : finding.code;
}

/**
 * The times after a run of `rechecked` merged into `report`: a new cause is seen now; one still
 * present keeps its first time and, when this run looked at its checks again, is seen again now
 * (a run of other checks carries it over without confirming it); a gone one is forgotten.
 */
export function noteFindings(
  seen: ReadonlyMap<string, Seen>,
  report: HealthReport,
  now: number,
  rechecked: readonly CheckId[] = report.checks.map((c) => c.id),
): Map<string, Seen> {
  const next = new Map<string, Seen>();
  for (const finding of report.findings ?? []) {
    const key = findingKey(finding);
    const before = seen.get(key);
    const looked = finding.checks.some((id) => rechecked.includes(id));
    next.set(key, before ? { first: before.first, last: looked ? now : before.last } : { first: now, last: now });
  }
  return next;
}

/** From when a cause counts: first seen, or the last wake when later (a failure seen as the lid closed must last again). */
function since(finding: Finding, visibility: Visibility): number | null {
  const seen = visibility.seen.get(findingKey(finding));
  return seen ? Math.max(seen.first, visibility.wokeAt ?? seen.first) : null;
}

/**
 * Whether a cause has lasted: a run at least its time to visible after it counts from still saw
 * it (Tailscale's `IsVisible`, with "still broken" meaning "seen again by a check", not assumed).
 */
export function hasLasted(finding: Finding, visibility: Visibility): boolean {
  if (finding.timeToVisibleMs <= 0) return true;
  const from = since(finding, visibility);
  const last = visibility.seen.get(findingKey(finding))?.last;
  return from !== null && last !== undefined && last - from >= finding.timeToVisibleMs;
}

/**
 * The causes not shown yet: those that have not lasted, and those they suppress (a token "not
 * confirmed" while the network is down waits with the network, and shows with it).
 */
export function heldFindings(report: HealthReport | null, visibility: Visibility): Finding[] {
  const findings = report?.findings ?? [];
  const held = new Set<string>();
  for (const f of findings) if (f.suppressedBy === null && !hasLasted(f, visibility)) held.add(findingKey(f));
  for (let grew = held.size > 0; grew;) {
    grew = false;
    for (const f of findings) {
      const by = f.suppressedBy === null ? undefined : findings.find((g) => g.code === f.suppressedBy);
      if (!by || held.has(findingKey(f)) || !held.has(findingKey(by))) continue;
      held.add(findingKey(f));
      grew = true;
    }
  }
  return findings.filter((f) => held.has(findingKey(f)));
}

/** When the next held cause is due for the re-check that can show it (epoch ms); null when none is held. */
export function nextDue(report: HealthReport | null, visibility: Visibility, now: number): number | null {
  const due = heldFindings(report, visibility)
    .filter((f) => f.suppressedBy === null)
    .map((f) => (since(f, visibility) ?? now) + f.timeToVisibleMs);
  return due.length > 0 ? Math.min(...due) : null;
}

/** What the tray last showed: the report as shown, and when a shown report last held nothing back. */
export interface Shown {
  readonly report: HealthReport | null;
  readonly confirmedAt: number | null;
}

export const NOTHING_SHOWN: Shown = { report: null, confirmedAt: null };

export interface Presented {
  /** The report as people see it now: a held cause's checks as last shown (absent when never shown). */
  readonly report: HealthReport;
  readonly held: readonly Finding[];
  /**
   * A cause is held and nothing newer than the last wake was shown (or nothing at all): the last
   * verdict is stale, so the tray says "checking" rather than repeating it.
   */
  readonly settling: boolean;
  /** When the next held cause falls due; null when none is. */
  readonly dueAt: number | null;
  /** What to remember as shown after this. */
  readonly shown: Shown;
}

/** Pure: the report the tray and the notifications act on, given what was shown before. */
export function present(report: HealthReport, shown: Shown, visibility: Visibility, now: number): Presented {
  const held = heldFindings(report, visibility);
  if (held.length === 0) return { report, held, settling: false, dueAt: null, shown: { report, confirmedAt: now } };
  const hidden = new Set<CheckId>(held.flatMap((f) => f.checks));
  const before = new Map((shown.report?.checks ?? []).map((c) => [c.id, c] as const));
  const checks = report.checks.map((c) => (hidden.has(c.id) ? before.get(c.id) : c)).filter((c): c is CheckResult => c !== undefined);
  const kept = buildReport({ checks, context: report.context, version: report.tool.version, now: Date.parse(report.generatedAt) });
  const stale = shown.confirmedAt === null || (visibility.wokeAt !== null && shown.confirmedAt < visibility.wokeAt);
  return {
    report: kept,
    held,
    settling: stale,
    dueAt: nextDue(report, visibility, now),
    shown: { report: kept, confirmedAt: shown.confirmedAt },
  };
}
