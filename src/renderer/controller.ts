// Every user intent as one method: it calls the bridge, updates the state and asks for a render.
// Errors become a line on screen, never an exception that leaves a button spinning.
import type { DoctorApi } from '../shared/ipc.js';
import { FIX_TITLES } from '../shared/fix-titles.js';
import { FIX_IDS, type FixId, type HealthReport } from '../shared/report.js';
import { BridgeUnavailable } from './bridge.js';
import { initialState, type FixWalk, type StepRecord, type Verification, type View, type WizardState } from './state.js';
import { verification } from './verification.js';
import { STATUS_WORDS } from './words.js';

export interface Controller {
  readonly state: WizardState;
  start(): Promise<void>;
  recheck(): Promise<void>;
  show(view: View): void;
  select(index: number): void;
  goStep(delta: 1 | -1): void;
  runStep(): Promise<void>;
  checkAgain(): Promise<void>;
  undo(stepIndex: number): Promise<void>;
  explain(text: string): Promise<void>;
  jumpToFix(fixId: FixId): void;
  openLink(url: string): void;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function mergePlan(current: readonly FixId[], next: readonly FixId[]): FixId[] {
  const wanted = new Set([...current, ...next]);
  return FIX_IDS.filter((id) => wanted.has(id));
}

/** What the controller needs from the page: draw, speak to screen readers, move focus. */
export interface Ui {
  render(): void;
  announce(text: string): void;
  focus(id: string): void;
  /** Scrolls an element (by data-key) into view without moving focus: the way on after a result. */
  reveal(key: string): void;
}

export function createController(bridge: DoctorApi, ui: Ui): Controller {
  const render = (): void => ui.render();
  const announce = (text: string): void => ui.announce(text);
  const state = initialState();

  function fail(error: unknown): void {
    if (error instanceof BridgeUnavailable) state.fatal = error.message;
    else state.error = message(error);
  }

  function adopt(report: HealthReport): void {
    const first = state.report === null;
    state.report = report;
    state.plan = first ? [...report.plan] : mergePlan(state.plan, report.plan);
    if (state.activeFix === null || !state.plan.includes(state.activeFix)) state.activeFix = state.plan[0] ?? null;
    if (state.activeFix && !state.walks.has(state.activeFix)) void open(state.activeFix);
  }

  async function refreshHistory(): Promise<void> {
    try {
      state.history = await bridge.getHistory();
    } catch {
      // The strip keeps its last picture; the report matters more.
    }
  }

  function walkFor(fixId: FixId): FixWalk {
    let walk = state.walks.get(fixId);
    if (!walk) {
      walk = { fixId, session: null, loading: false, error: null, step: 0, baseline: state.report, records: new Map() };
      state.walks.set(fixId, walk);
    }
    return walk;
  }

  async function open(fixId: FixId): Promise<void> {
    const walk = walkFor(fixId);
    if (walk.session || walk.loading) return;
    walk.loading = true;
    walk.error = null;
    render();
    try {
      walk.session = await bridge.startFix(fixId);
    } catch (error) {
      if (error instanceof BridgeUnavailable) state.fatal = error.message;
      walk.error = `Could not open “${FIX_TITLES[fixId]}”: ${message(error)}`;
    } finally {
      walk.loading = false;
      render();
    }
  }

  function activeWalk(): FixWalk | null {
    return state.activeFix ? walkFor(state.activeFix) : null;
  }

  function activeIndex(): number {
    return state.activeFix ? state.plan.indexOf(state.activeFix) : -1;
  }

  function describe(list: readonly Verification[]): string {
    if (list.length === 0) return '';
    return ' ' + list.map((v) => `${v.title}: ${STATUS_WORDS[v.status]}.`).join(' ');
  }

  function setRecord(walk: FixWalk, index: number, record: StepRecord): void {
    walk.records.set(index, record);
    render();
  }

  async function recheck(): Promise<void> {
    state.checking = true;
    state.error = null;
    render();
    try {
      adopt(await bridge.runCheck());
      announce(`Checked again: ${state.report?.overall === 'ok' ? 'all checks pass' : 'see the list of problems'}.`);
    } catch (error) {
      fail(error);
    } finally {
      state.checking = false;
      await refreshHistory();
      render();
    }
  }

  return {
    state,

    async start() {
      render();
      try {
        const report = await bridge.getReport();
        if (report) {
          adopt(report);
          state.checking = false;
        }
      } catch (error) {
        fail(error);
        state.checking = false;
      }
      bridge.onReport((report) => {
        adopt(report);
        void refreshHistory().then(render);
        render();
      });
      if (state.fatal) return render();
      if (!state.report) await recheck();
      else await refreshHistory();
      render();
    },

    recheck,

    show(view) {
      state.view = view;
      render();
    },

    select(index) {
      const fixId = state.plan[index];
      if (!fixId) return;
      state.activeFix = fixId;
      state.error = null;
      render();
      announce(`Fix ${index + 1} of ${state.plan.length}: ${FIX_TITLES[fixId]}`);
      void open(fixId);
    },

    goStep(delta) {
      const walk = activeWalk();
      if (!walk?.session) return;
      const next = walk.step + delta;
      if (next >= 0 && next < walk.session.steps.length) {
        walk.step = next;
        render();
        announce(`Step ${next + 1} of ${walk.session.steps.length}: ${walk.session.steps[next]?.title ?? ''}`);
        return;
      }
      const at = activeIndex();
      if (delta === 1 && at < state.plan.length - 1) this.select(at + 1);
      else if (delta === -1 && at > 0) {
        this.select(at - 1);
        const previous = activeWalk();
        if (previous?.session) previous.step = previous.session.steps.length - 1;
        render();
      }
    },

    async runStep() {
      const walk = activeWalk();
      if (!walk?.session) return;
      const index = walk.step;
      const step = walk.session.steps[index];
      if (!step) return;
      setRecord(walk, index, { phase: 'busy', ran: true, ok: null, message: 'Running…', backupId: null, undo: null, verification: [] });
      announce(`Running: ${step.title}`);
      try {
        const outcome = await bridge.runFixStep(walk.session.runId, index);
        adopt(outcome.report);
        const checks = verification(walk, outcome.report);
        setRecord(walk, index, {
          phase: 'done',
          ran: true,
          ok: outcome.ok,
          message: outcome.message,
          backupId: outcome.backupId,
          undo: null,
          verification: checks,
        });
        announce(`${outcome.ok ? 'Done' : 'The step failed'}: ${outcome.message}.${describe(checks)}`);
        ui.reveal('next');
      } catch (error) {
        fail(error);
        setRecord(walk, index, {
          phase: 'done',
          ran: true,
          ok: false,
          message: message(error),
          backupId: null,
          undo: null,
          verification: [],
        });
        announce(`The step failed: ${message(error)}`);
      }
      await refreshHistory();
      render();
    },

    async checkAgain() {
      const walk = activeWalk();
      if (!walk?.session) return;
      const index = walk.step;
      const before = walk.records.get(index);
      setRecord(walk, index, {
        phase: 'busy',
        ran: before?.ran ?? false,
        ok: before?.ok ?? null,
        message: 'Checking…',
        backupId: before?.backupId ?? null,
        undo: before?.undo ?? null,
        verification: before?.verification ?? [],
      });
      try {
        const report = await bridge.runCheck();
        adopt(report);
        const checks = verification(walk, report);
        setRecord(walk, index, {
          phase: 'done',
          ran: before?.ran ?? false,
          ok: before?.ran ? before.ok : null,
          message: before?.ran ? before.message : 'Checked again.',
          backupId: before?.backupId ?? null,
          undo: before?.undo ?? null,
          verification: checks,
        });
        announce(`Checked again.${describe(checks)}`);
        ui.reveal('next');
      } catch (error) {
        fail(error);
        walk.records.delete(index);
      }
      await refreshHistory();
      render();
    },

    async undo(stepIndex) {
      const walk = activeWalk();
      const record = walk?.records.get(stepIndex);
      if (!walk || !record?.backupId) return;
      setRecord(walk, stepIndex, { ...record, undo: { phase: 'busy', ok: false, message: 'Restoring…' } });
      try {
        const outcome = await bridge.undo(record.backupId);
        const report = await bridge.runCheck();
        adopt(report);
        setRecord(walk, stepIndex, {
          ...record,
          undo: { phase: 'done', ok: outcome.ok, message: outcome.message },
          verification: verification(walk, report),
        });
        announce(`${outcome.ok ? 'Undone' : 'Undo failed'}: ${outcome.message}`);
      } catch (error) {
        fail(error);
        setRecord(walk, stepIndex, { ...record, undo: { phase: 'done', ok: false, message: message(error) } });
      }
      await refreshHistory();
      render();
    },

    async explain(text) {
      if (text.trim() === '') {
        state.explain = { busy: false, matches: null, error: 'Paste the error message first.' };
        render();
        return;
      }
      state.explain = { busy: true, matches: state.explain.matches, error: null };
      render();
      try {
        const response = await bridge.explain(text);
        state.explain = { busy: false, matches: response.matches, error: null };
        announce(
          response.matches.length === 0
            ? 'No known error matches.'
            : `${response.matches.length} ${response.matches.length === 1 ? 'match' : 'matches'}: ${response.matches[0]?.title ?? ''}.`,
        );
      } catch (error) {
        fail(error);
        state.explain = { busy: false, matches: null, error: message(error) };
      }
      render();
    },

    jumpToFix(fixId) {
      if (!state.plan.includes(fixId)) state.plan = mergePlan(state.plan, [fixId]);
      state.view = 'fix';
      this.select(state.plan.indexOf(fixId));
      ui.focus('fix-title');
    },

    openLink(url) {
      bridge.openLink(url).catch((error: unknown) => {
        state.error = message(error);
        render();
      });
    },
  };
}
