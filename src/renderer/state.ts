// The wizard's state: one plain object, changed only by the controller (controller.ts), rendered
// by the views after every change.
import type { CheckProgress, ExplainMatchView, FixRun, HistoryPoint } from '../shared/ipc.js';
import type { CheckId, FixId, HealthReport, Status } from '../shared/report.js';

/** One verifying check's state after a step: what the user sees before pressing Next. */
export interface Verification {
  readonly id: CheckId;
  readonly title: string;
  readonly status: Status;
  readonly summary: string;
}

/** What happened on one step card: a Run, or a "Check again" after a manual step. */
export interface StepRecord {
  readonly phase: 'busy' | 'done';
  readonly ran: boolean;
  readonly ok: boolean | null;
  readonly message: string;
  readonly backupId: string | null;
  readonly undo: { readonly phase: 'busy' | 'done'; readonly ok: boolean; readonly message: string } | null;
  readonly verification: readonly Verification[];
}

/** The user's walk through one fix of the plan. */
export interface FixWalk {
  readonly fixId: FixId;
  run: FixRun | null;
  loading: boolean;
  error: string | null;
  step: number;
  /**
   * The first step that asks the user to do something: the reading before it (what was found,
   * background) goes behind "More" on the card, so step 1 is an action.
   */
  first: number;
  /** The report the walk started from: which checks asked for this fix. */
  baseline: HealthReport | null;
  readonly records: Map<number, StepRecord>;
}

/** Where a fix's first action is: after its leading reading steps (0 when it has only reading). */
export function firstAction(run: FixRun): number {
  const at = run.steps.findIndex((s) => s.kind !== 'info');
  return at < 0 ? 0 : at;
}

export type View = 'fix' | 'explain' | 'servers' | 'preferences';

export interface WizardState {
  report: HealthReport | null;
  checking: boolean;
  /** The run in flight, check by check, while the page waits for its report (null otherwise). */
  progress: CheckProgress | null;
  /** The page cannot reach a host at all (no token, refused): shown instead of the wizard. */
  fatal: { readonly title: string; readonly text: string } | null;
  /** A one-line error from the last action. */
  error: string | null;
  view: View;
  /** The plan being walked: the report's plan, plus a fix the user jumped to from Explain. */
  plan: FixId[];
  /** The fix whose card is open (tracked by id: the plan can grow while walking). */
  activeFix: FixId | null;
  readonly walks: Map<FixId, FixWalk>;
  /** The user pressed "Finish and check" on the plan's last step: the Fix tab shows how it ended. */
  finished: boolean;
  history: readonly HistoryPoint[];
  explain: { busy: boolean; matches: readonly ExplainMatchView[] | null; error: string | null };
}

export function initialState(): WizardState {
  return {
    report: null,
    checking: true,
    progress: null,
    fatal: null,
    error: null,
    view: 'fix',
    plan: [],
    activeFix: null,
    walks: new Map(),
    finished: false,
    history: [],
    explain: { busy: false, matches: null, error: null },
  };
}
