// Every user intent as one method: it calls the bridge, updates the state and asks for a render.
// Errors become a line on screen, never an exception that leaves a button spinning.
import type { DoctorApi } from '../shared/ipc.js';
import type { FixId, HealthReport } from '../shared/report.js';
import { BridgeUnavailable } from './bridge.js';
import { createWalks, errorText } from './fix-walks.js';
import { initialState, type View, type WizardState } from './state.js';

export interface Controller {
  readonly state: WizardState;
  start(): Promise<void>;
  recheck(): Promise<void>;
  /** The plan's last step is behind: check again and show how the journey ended. */
  finish(): Promise<void>;
  /** Closes the wizard (Done). */
  close(): void;
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

/** How often the page asks for the checks of a run in flight. */
const PROGRESS_POLL_MS = 250;

/** The plan keeps its order (the right fix first); what a new report adds comes after it. */
function mergePlan(current: readonly FixId[], next: readonly FixId[]): FixId[] {
  return [...current, ...next.filter((id) => !current.includes(id))];
}

/** What the controller needs from the page: draw, speak to screen readers, move focus. */
export interface Ui {
  render(): void;
  announce(text: string): void;
  focus(id: string): void;
  /** Scrolls an element (by data-key) into view without moving focus: the way on after a result. */
  reveal(key: string): void;
  /** Scrolls the open step into view below the tabs and focuses its first action. */
  focusAction(): void;
}

export function createController(bridge: DoctorApi, ui: Ui): Controller {
  const render = (): void => ui.render();
  const announce = (text: string): void => ui.announce(text);
  const state = initialState();

  function fail(error: unknown): void {
    if (error instanceof BridgeUnavailable) state.fatal = error.shown();
    else state.error = errorText(error);
  }

  function adopt(report: HealthReport): void {
    const first = state.report === null;
    state.report = report;
    state.plan = first ? [...report.plan] : mergePlan(state.plan, report.plan);
    if (state.activeFix === null || !state.plan.includes(state.activeFix)) state.activeFix = state.plan[0] ?? null;
    if (state.activeFix && !state.walks.has(state.activeFix)) void walks.open(state.activeFix);
  }

  async function refreshHistory(): Promise<void> {
    try {
      state.history = await bridge.getHistory();
    } catch {
      // The strip keeps its last picture; the report matters more.
    }
  }

  const walks = createWalks({
    state,
    bridge,
    render,
    announce,
    reveal: (key) => ui.reveal(key),
    focusAction: () => ui.focusAction(),
    adopt,
    fail,
    refreshHistory,
  });

  /**
   * While a check runs, its checks are shown as they finish: a slow status page never hides a
   * login already verified. Polled (the browser host has no push channel); stops with the run.
   */
  function followProgress(running: Promise<unknown>): void {
    let done = false;
    const stop = (): void => {
      done = true;
      state.progress = null;
    };
    running.then(stop, stop);
    const tick = async (): Promise<void> => {
      if (done) return;
      try {
        const progress = await bridge.getProgress();
        if (done) return;
        state.progress = progress;
        render();
      } catch {
        return; // The run's own answer says what went wrong.
      }
      window.setTimeout(() => void tick(), PROGRESS_POLL_MS);
    };
    window.setTimeout(() => void tick(), PROGRESS_POLL_MS);
  }

  async function recheck(): Promise<void> {
    state.checking = true;
    state.error = null;
    render();
    try {
      const running = bridge.runCheck();
      followProgress(running);
      adopt(await running);
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
      state.finished = false;
      walks.select(index);
    },
    async finish() {
      state.finished = true;
      await recheck();
    },
    close() {
      window.close();
    },
    goStep: walks.goStep,
    runStep: walks.runStep,
    checkAgain: walks.checkAgain,
    undo: walks.undo,

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
        state.explain = { busy: false, matches: null, error: errorText(error) };
      }
      render();
    },

    jumpToFix(fixId) {
      if (!state.plan.includes(fixId)) state.plan = mergePlan(state.plan, [fixId]);
      state.view = 'fix';
      walks.select(state.plan.indexOf(fixId));
      ui.focus('fix-title');
    },

    openLink(url) {
      bridge.openLink(url).catch((error: unknown) => {
        state.error = errorText(error);
        render();
      });
    },
  };
}
