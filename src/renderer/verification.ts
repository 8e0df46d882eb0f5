// Which checks prove a fix worked, and whether they pass now: what the step card's verification
// list and the stepper's ticks show.
import type { CheckId, HealthReport } from '../shared/report.js';
import type { FixWalk, Verification } from './state.js';
import { PASSING } from './words.js';

/** The checks a fix must turn green: the session's list, else the checks that asked for the fix. */
export function verifyingIds(walk: FixWalk): CheckId[] {
  if (walk.run?.verifies && walk.run.verifies.length > 0) return [...walk.run.verifies];
  const asked = (walk.baseline?.checks ?? []).filter((c) => c.fixes.includes(walk.fixId) && !PASSING.has(c.status));
  return asked.map((c) => c.id);
}

export function walkVerification(walk: FixWalk, report: HealthReport): Verification[] {
  const ids = verifyingIds(walk);
  return report.checks.filter((c) => ids.includes(c.id)).map(({ id, title, status, summary }) => ({ id, title, status, summary }));
}

/** A fix is resolved once something was tried and every check it answers passes now. */
export function walkResolved(walk: FixWalk | undefined, report: HealthReport | null): boolean {
  if (!walk || !report || walk.records.size === 0) return false;
  const ids = verifyingIds(walk);
  return ids.length > 0 && report.checks.filter((c) => ids.includes(c.id)).every((c) => PASSING.has(c.status));
}
