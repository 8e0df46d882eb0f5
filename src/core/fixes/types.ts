import type { CheckId, FixId, HealthReport, ReportContext } from '../../shared/report.js';
import type { ProbeEnv } from '../context.js';

/**
 * A fix is data plus code. Steps are one of four kinds; only 'run' steps execute anything, and
 * only those marked `automatable` run without the user asking for each one.
 */
export type FixStep =
  | { readonly kind: 'info'; readonly title: string; readonly detail: string }
  | {
      readonly kind: 'run';
      readonly title: string;
      readonly detail: string;
      /** Shown to the user exactly as it will run (argv joined for display; never a secret). */
      readonly display: string;
      readonly automatable: boolean;
      /** Whether it changes files/keychain (then it backs up first and can be undone). */
      readonly changes: boolean;
      readonly action: StepAction;
    }
  | { readonly kind: 'user-action'; readonly title: string; readonly detail: string; readonly copy: string | null }
  | { readonly kind: 'link'; readonly title: string; readonly detail: string; readonly url: string };

/** What a 'run' step does; interpreted by the fix runner, so every effect is backed up and logged. */
export type StepAction =
  | { readonly type: 'command'; readonly file: string; readonly args: readonly string[]; readonly timeoutMs: number }
  | { readonly type: 'move-aside'; readonly path: string }
  | { readonly type: 'chmod'; readonly path: string; readonly mode: number }
  | { readonly type: 'custom'; readonly name: string; readonly params: Readonly<Record<string, string>> };

export interface FixContext {
  readonly report: HealthReport;
  readonly context: ReportContext;
  readonly env: ProbeEnv;
}

export interface FixDefinition {
  readonly id: FixId;
  readonly title: string;
  /** Which causes it answers, in plain words. */
  readonly why: string;
  /** Checks re-run after each step to prove it worked. */
  readonly verifies: readonly CheckId[];
  /** Steps for this OS and session (desktop vs SSH/headless). */
  steps(ctx: FixContext): readonly FixStep[];
}
