// A pasted error against what the doctor found on this machine: when a match calls for the fix a
// shown cause calls for, the Explain tab says "found on this machine" and leads to that cause's card.
import type { ExplainFound } from '../../shared/ipc.js';
import { causeTone, shownCauses } from '../../shared/causes.js';
import type { FixId, HealthReport } from '../../shared/report.js';

/**
 * The shown cause this match is about: the first (the plan's order) whose fixes meet the match's,
 * with the fix they share, best first as the cause ranks them. Null when nothing here fits (or no
 * report yet, or everything passes).
 */
export function foundHere(fixes: readonly FixId[], report: HealthReport | null): ExplainFound | null {
  if (!report || fixes.length === 0) return null;
  for (const cause of shownCauses(report)) {
    const tone = causeTone(cause);
    const shared = cause.fixes.find((fix) => fixes.includes(fix));
    if (shared) return { title: cause.title, detail: cause.detail, severity: tone, fixId: shared };
  }
  return null;
}

/** Matches about a cause found here first (each list keeps its own order). */
export function foundFirst<T extends { readonly found: ExplainFound | null }>(matches: readonly T[]): T[] {
  return [...matches.filter((m) => m.found !== null), ...matches.filter((m) => m.found === null)];
}
