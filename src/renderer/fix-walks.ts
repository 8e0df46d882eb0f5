// The user's walk through the plan's fixes: open a fix, move between steps, run a step, check
// again after a manual one, undo. Every step card's record is written through `record`.
import type { DoctorApi } from '../shared/ipc.js';
import { FIX_TITLES } from '../shared/fix-titles.js';
import type { FixId, HealthReport } from '../shared/report.js';
import { BridgeUnavailable } from './bridge.js';
import { firstAction, type FixWalk, type StepRecord, type Verification, type WizardState } from './state.js';
import { middleLine, nextAction, walkVerification } from './verification.js';
import { STATUS_WORDS } from './words.js';

/** What the walks share with the rest of the controller. */
export interface WalkDeps {
  readonly state: WizardState;
  readonly bridge: DoctorApi;
  render(): void;
  announce(text: string): void;
  /** Scrolls to the way on (Next) after a result. */
  reveal(key: string): void;
  /** Brings the open step into view below the tabs and puts focus on its first action. */
  focusAction(): void;
  adopt(report: HealthReport): void;
  fail(error: unknown): void;
  refreshHistory(): Promise<void>;
}

export interface Walks {
  open(fixId: FixId): Promise<void>;
  select(index: number): void;
  goStep(delta: 1 | -1): void;
  runStep(): Promise<void>;
  checkAgain(): Promise<void>;
  undo(stepIndex: number): Promise<void>;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const EMPTY: StepRecord = { phase: 'busy', ran: false, ok: null, message: '', backupId: null, undo: null, verification: [] };

/** A step card's record: what it was, with these changes. */
function record(before: StepRecord | undefined, patch: Partial<StepRecord>): StepRecord {
  return { ...(before ?? EMPTY), ...patch };
}

function describe(list: readonly Verification[]): string {
  if (list.length === 0) return '';
  return ' ' + list.map((v) => `${v.title}: ${STATUS_WORDS[v.status]}.`).join(' ');
}

export function createWalks(deps: WalkDeps): Walks {
  const { state, bridge, render, announce } = deps;

  function walkFor(fixId: FixId): FixWalk {
    let walk = state.walks.get(fixId);
    if (!walk) {
      walk = { fixId, run: null, loading: false, error: null, step: 0, first: 0, baseline: state.report, records: new Map() };
      state.walks.set(fixId, walk);
    }
    return walk;
  }

  function active(): FixWalk | null {
    return state.activeFix ? walkFor(state.activeFix) : null;
  }

  function setRecord(walk: FixWalk, index: number, next: StepRecord): void {
    walk.records.set(index, next);
    render();
  }

  async function open(fixId: FixId): Promise<void> {
    const walk = walkFor(fixId);
    if (walk.run || walk.loading) return;
    walk.loading = true;
    walk.error = null;
    render();
    try {
      walk.run = await bridge.startFix(fixId);
      walk.first = firstAction(walk.run);
      walk.step = walk.first;
    } catch (error) {
      if (error instanceof BridgeUnavailable) state.fatal = error.shown();
      walk.error = `Could not open “${FIX_TITLES[fixId]}”: ${errorText(error)}`;
    } finally {
      walk.loading = false;
      render();
    }
  }

  function select(index: number): void {
    const fixId = state.plan[index];
    if (!fixId) return;
    state.activeFix = fixId;
    state.error = null;
    render();
    announce(`Fix ${index + 1} of ${state.plan.length}: ${FIX_TITLES[fixId]}`);
    void open(fixId);
  }

  return {
    open,
    select,

    goStep(delta) {
      const walk = active();
      if (!walk?.run) return;
      const next = walk.step + delta;
      if (next >= walk.first && next < walk.run.steps.length) {
        walk.step = next;
        render();
        announce(`Step ${next - walk.first + 1} of ${walk.run.steps.length - walk.first}: ${walk.run.steps[next]?.title ?? ''}`);
        return;
      }
      const at = state.activeFix ? state.plan.indexOf(state.activeFix) : -1;
      if (delta === 1 && at < state.plan.length - 1) select(at + 1);
      else if (delta === -1 && at > 0) {
        select(at - 1);
        const previous = active();
        if (previous?.run) previous.step = previous.run.steps.length - 1;
        render();
      }
    },

    async runStep() {
      const walk = active();
      const step = walk?.run?.steps[walk.step];
      if (!walk?.run || !step) return;
      const index = walk.step;
      setRecord(walk, index, record(undefined, { ran: true, message: 'Running…' }));
      announce(`Running: ${step.title}`);
      try {
        const outcome = await bridge.runFixStep(walk.run.runId, index);
        deps.adopt(outcome.report);
        const checks = walkVerification(walk, outcome.report);
        const done = { phase: 'done', ran: true, ok: outcome.ok, message: outcome.message, backupId: outcome.backupId } as const;
        setRecord(walk, index, record(undefined, { ...done, verification: checks }));
        // The expected middle (signed out, moved aside): on to the step that finishes the job.
        const middle = middleLine(walk, index);
        const next = middle ? nextAction(walk, index) : -1;
        if (middle && next >= 0 && walk.step === index) {
          walk.step = next;
          render();
          const title = walk.run.steps[next]?.title ?? '';
          announce(`${middle}. ${outcome.message}. Step ${next - walk.first + 1} of ${walk.run.steps.length - walk.first}: ${title}`);
          deps.focusAction();
        } else {
          announce(`${outcome.ok ? 'Done' : 'The step failed'}: ${outcome.message}.${describe(checks)}`);
          deps.reveal('next');
        }
      } catch (error) {
        deps.fail(error);
        setRecord(walk, index, record(undefined, { phase: 'done', ran: true, ok: false, message: errorText(error) }));
        announce(`The step failed: ${errorText(error)}`);
      }
      await deps.refreshHistory();
      render();
    },

    async checkAgain() {
      const walk = active();
      if (!walk?.run) return;
      const index = walk.step;
      const before = walk.records.get(index);
      setRecord(walk, index, record(before, { phase: 'busy', message: 'Checking…' }));
      try {
        const report = await bridge.runCheck();
        deps.adopt(report);
        const checks = walkVerification(walk, report);
        const ran = before?.ran ?? false;
        const result = ran ? { ok: before?.ok ?? null, message: before?.message ?? '' } : { ok: null, message: 'Checked again.' };
        setRecord(walk, index, record(before, { phase: 'done', ...result, verification: checks }));
        announce(`Checked again.${describe(checks)}`);
        deps.reveal('next');
      } catch (error) {
        deps.fail(error);
        walk.records.delete(index);
      }
      await deps.refreshHistory();
      render();
    },

    async undo(stepIndex) {
      const walk = active();
      const before = walk?.records.get(stepIndex);
      if (!walk || !before?.backupId) return;
      setRecord(walk, stepIndex, record(before, { undo: { phase: 'busy', ok: false, message: 'Restoring…' } }));
      try {
        const outcome = await bridge.undo(before.backupId);
        const report = await bridge.runCheck();
        deps.adopt(report);
        const undo = { phase: 'done', ok: outcome.ok, message: outcome.message } as const;
        // Undone from the step it led into: back to the undone step, whose Run is offered again.
        if (outcome.ok) walk.step = stepIndex;
        setRecord(walk, stepIndex, record(before, { undo, verification: walkVerification(walk, report) }));
        announce(`${outcome.ok ? 'Undone' : 'Undo failed'}: ${outcome.message}`);
      } catch (error) {
        deps.fail(error);
        setRecord(walk, stepIndex, record(before, { undo: { phase: 'done', ok: false, message: errorText(error) } }));
      }
      await deps.refreshHistory();
      render();
    },
  };
}
