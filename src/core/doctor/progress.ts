// The checks of the run in flight, as they finish: what `report:progress` answers while the page
// waits, so a slow status page never hides a login already verified.
import type { CheckProgress, ProgressItem } from '../../shared/ipc.js';
import { CHECK_IDS, type CheckId } from '../../shared/report.js';
import type { Probe } from '../probes/probe.js';
import { OFFLINE_SKIP } from '../probes/run-probes.js';

export interface ProgressTracker {
  /** The probes to run, each telling the tracker when it settles. */
  readonly probes: readonly Probe[];
  /** A new run starts: every check 'running' (offline skips settle at once, as the run skips them). */
  start(only?: readonly CheckId[]): void;
  /** The run ended (its report is the truth now). */
  end(): void;
  /** The run in flight, or null. */
  current(): CheckProgress | null;
}

export function createProgressTracker(probes: readonly Probe[], offline: boolean, now: () => number): ProgressTracker {
  let run: { startedAt: string; items: Map<CheckId, ProgressItem> } | null = null;

  const order = (id: CheckId): number => CHECK_IDS.indexOf(id);
  const wrapped = probes.map((probe): Probe => ({
    id: probe.id,
    title: probe.title,
    touches: probe.touches,
    offline: probe.offline,
    run: async (ctx) => {
      const mine = run;
      const outcome = await probe.run(ctx);
      // A probe of an earlier run settling late does not write into this one.
      if (mine !== null && mine === run && mine.items.has(probe.id))
        mine.items.set(probe.id, { id: probe.id, title: probe.title, status: outcome.status, summary: outcome.summary });
      return outcome;
    },
  }));

  return {
    probes: wrapped,
    start(only) {
      const items = new Map<CheckId, ProgressItem>();
      for (const probe of [...probes].sort((a, b) => order(a.id) - order(b.id))) {
        if (only && !only.includes(probe.id)) continue;
        const skipped = offline && probe.offline === 'skip';
        items.set(probe.id, { id: probe.id, title: probe.title, ...(skipped ? OFFLINE_SKIP : { status: 'running', summary: '' }) });
      }
      run = { startedAt: new Date(now()).toISOString(), items };
    },
    end() {
      run = null;
    },
    current() {
      return run ? { startedAt: run.startedAt, checks: [...run.items.values()] } : null;
    },
  };
}
