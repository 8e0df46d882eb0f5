import type { DoctorService, ExplainResponse, FixChannel, HistoryEvent, HistoryPoint } from '../../shared/ipc.js';
import { MAX_EXPLAIN_CHARS } from '../../shared/ipc-validate.js';
import type { CheckId, HealthReport } from '../../shared/report.js';
import type { Probe, ProbeEnv } from '../probes/probe.js';
import { diagnose } from '../diagnosis/diagnose.js';
import { foundFirst, foundHere } from '../explain/found-here.js';
import { explain } from '../explain/match.js';
import { DEFAULT_PROBE_BUDGET_MS } from '../probes/budget.js';
import { ALL_PROBES } from '../probes/index.js';
import { createHistory } from './history.js';
import { createProgressTracker } from './progress.js';

/** The three fix channels, served by the fix engine (src/core/fixes) or a test's fake. */
export type FixChannels = Pick<DoctorService, FixChannel>;

/** What the service lends the fix engine, so a step's re-check runs in the same world as the wizard's. */
export interface FixTools {
  readonly probeEnv: ProbeEnv;
  /** Runs these checks (all when absent) in the service's world; not recorded (the step's outcome is). */
  diagnose(only?: readonly CheckId[]): Promise<HealthReport>;
  /** The latest report, diagnosing first when there is none yet. */
  current(): Promise<HealthReport>;
  /** A fresh diagnosis, recorded in the history as a 'fix' event. */
  recheck(): Promise<HealthReport>;
}

export interface DoctorServiceDeps {
  /** The world the engine sees; tests build one with createProbeEnv(overrides) instead of touching process.env. */
  readonly probeEnv: ProbeEnv;
  readonly version: string;
  readonly timeoutMs?: number;
  readonly offline?: boolean;
  /** Probes to run (default: all eleven). */
  readonly probes?: readonly Probe[];
  /** Builds the fix channels once the service exists (createFixEngine in production, a fake in tests). */
  readonly fixes: (tools: FixTools) => FixChannels;
  /** Points recorded before this service started (the monitor's log); kept 24 h. */
  readonly history?: readonly HistoryPoint[];
}

/** DoctorService plus the push side the hosts need for `report:changed`. */
export interface DoctorServiceHandle extends DoctorService {
  onReport(listener: (report: HealthReport) => void): () => void;
  /** Records an event the host saw (wake, network change) with the report it led to. */
  record(report: HealthReport, event: HistoryEvent, note?: string): void;
}

/**
 * The engine behind the wizard: diagnose, explain, history and the fix channels, one object served
 * by Electron main and by the web host alike. Concurrent check requests share one run, so the
 * checks never overlap.
 */
export function createDoctorService(deps: DoctorServiceDeps): DoctorServiceHandle {
  let latest: HealthReport | null = null;
  let inflight: Promise<HealthReport> | null = null;
  const history = createHistory(deps.history);
  const listeners = new Set<(report: HealthReport) => void>();
  const now = (): number => deps.probeEnv.clock.now();
  // The full runs the page waits on report their checks as they finish (`report:progress`).
  const progress = createProgressTracker(deps.probes ?? ALL_PROBES, deps.offline ?? false, now);

  function record(report: HealthReport, event: HistoryEvent, note?: string): void {
    latest = report;
    history.record(report, event, now(), note);
    for (const listener of listeners) listener(report);
  }

  const check = (only?: readonly CheckId[], probes = deps.probes): Promise<HealthReport> =>
    diagnose({
      offline: deps.offline ?? false,
      timeoutMs: deps.timeoutMs ?? DEFAULT_PROBE_BUDGET_MS,
      version: deps.version,
      probeEnv: deps.probeEnv,
      only,
      ...(probes ? { probes } : {}),
    });

  function run(event: HistoryEvent): Promise<HealthReport> {
    if (inflight) return inflight;
    progress.start();
    inflight = check(undefined, progress.probes)
      .then((report) => {
        record(report, latest === null && event === 'manual' ? 'start' : event);
        return report;
      })
      .finally(() => {
        progress.end();
        inflight = null;
      });
    return inflight;
  }

  const fixes = deps.fixes({
    probeEnv: deps.probeEnv,
    diagnose: (only) => check(only),
    current: async () => latest ?? run('start'),
    recheck: () => run('fix'),
  });

  return {
    'report:get': async () => latest,
    'report:run-check': () => run('manual'),
    'report:progress': async () => progress.current(),
    // Each match says whether the doctor already found its cause here (the latest report).
    'explain:text': async (text: string): Promise<ExplainResponse> => ({
      matches: foundFirst(
        explain(text.slice(0, MAX_EXPLAIN_CHARS)).map(({ id, title, meaning, severity, fixes: ids }) => ({
          id,
          title,
          meaning,
          severity,
          fixes: [...ids],
          found: foundHere(ids, latest),
        })),
      ),
    }),
    'fix:start': (fixId) => fixes['fix:start'](fixId),
    'fix:run-step': async (runId, stepIndex) => {
      const outcome = await fixes['fix:run-step'](runId, stepIndex);
      if (outcome.report !== latest) record(outcome.report, 'fix');
      return outcome;
    },
    'fix:undo': (backupId) => fixes['fix:undo'](backupId),
    'history:get': async () => [...history.points(now())],
    onReport(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    record,
  };
}
