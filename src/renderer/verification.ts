// Which checks prove a fix worked, and whether they pass now: what the step card's verification
// list and the stepper's ticks show.
import type { FixStepView } from '../shared/ipc.js';
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

/**
 * A step done once: an app step that changes something (a move aside, a sign-out, a backed-up
 * edit). Once it worked, running it again would do nothing good; Undo is the way back.
 */
export function isOneShot(step: FixStepView | undefined): boolean {
  return step?.kind === 'run' && step.changes === true;
}

/** The first step after `index` that asks the user to do something (reading does not count). */
export function nextAction(walk: FixWalk, index: number): number {
  const steps = walk.run?.steps ?? [];
  for (let i = index + 1; i < steps.length; i++) if (steps[i]?.kind !== 'info') return i;
  return -1;
}

/** "Signed out", "Moved aside": what a one-shot step left behind, as its fix says. */
const DONE_WORDS: Readonly<Record<NonNullable<FixStepView['leaves']>, string>> = {
  'signed-out': 'Signed out',
  'moved-aside': 'Moved aside',
};

function doneWords(step: FixStepView): string {
  return step.leaves ? DONE_WORDS[step.leaves] : 'Done';
}

/** "sign in", or the next step's title: what the user does next. */
function nextWords(step: FixStepView): string {
  if (/\bclaude auth login\b/.test(step.copy ?? step.command ?? '')) return 'sign in';
  return step.title.charAt(0).toLowerCase() + step.title.slice(1);
}

/**
 * The expected middle of a walk: a one-shot step worked, the checks it answers do not pass yet,
 * and a later step finishes the job ("Signed out: now sign in"). Null when that is not where the
 * walk stands (the step failed, was undone, or nothing is left to do after it).
 */
export function middleLine(walk: FixWalk, index: number): string | null {
  const step = walk.run?.steps[index];
  const record = walk.records.get(index);
  if (!step || !isOneShot(step) || record?.phase !== 'done' || record.ok !== true) return null;
  if (record.undo?.phase === 'done' && record.undo.ok) return null;
  if (record.verification.length > 0 && record.verification.every((v) => PASSING.has(v.status))) return null;
  const next = walk.run?.steps[nextAction(walk, index)];
  return next ? `${doneWords(step)}: now ${nextWords(next)}` : null;
}

/** The one-shot step whose middle state leads into step `index` (shown on that step's card), or -1. */
export function middleBefore(walk: FixWalk, index: number): number {
  for (let i = index - 1; i >= walk.first; i--) {
    if (walk.run?.steps[i]?.kind === 'info') continue;
    return middleLine(walk, i) !== null && nextAction(walk, i) === index ? i : -1;
  }
  return -1;
}

/** Where the open walk stands in its expected middle ("Moved aside: now sign in"), or null. */
export function walkMiddle(walk: FixWalk | undefined): string | null {
  if (!walk || walk.records.has(walk.step)) return null;
  const from = middleBefore(walk, walk.step);
  return from >= 0 ? middleLine(walk, from) : null;
}
