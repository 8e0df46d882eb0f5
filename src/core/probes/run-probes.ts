import { CHECK_IDS, type CheckId, type CheckResult } from '../../shared/report.js';
import type { CheckOutcome, Probe, ProbeInput, ProbeEnv, ProbeOptions, SharedFacts } from './probe.js';
import { resolveEndpoints } from '../network/endpoints.js';
import { redactText } from '../redact/redact.js';
import { monotonicMs } from '../io/time.js';

export interface RunProbesOptions extends ProbeOptions {
  /** Only these checks run and appear in the result; all when absent. */
  readonly only?: readonly CheckId[];
}

export function createSharedFacts(env: ProbeEnv): SharedFacts {
  const cache = new Map<string, Promise<unknown>>();
  return {
    endpoints: resolveEndpoints(env.env),
    memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
      let hit = cache.get(key) as Promise<T> | undefined;
      if (!hit) {
        hit = compute();
        cache.set(key, hit);
      }
      return hit;
    },
  };
}

function settle(probe: Probe, outcome: CheckOutcome, startedAt: number, now: number): CheckResult {
  return {
    id: probe.id,
    status: outcome.status,
    title: probe.title,
    summary: outcome.summary,
    cause: outcome.cause ?? null,
    fixes: [...(outcome.fixes ?? [])],
    durationMs: Math.max(0, Math.round(now - startedAt)),
    evidence: outcome.evidence ?? {},
    facts: outcome.facts ?? {},
  };
}

/** What a check skipped offline says, in the report and in the progress of a run in flight. */
export const OFFLINE_SKIP = { status: 'skip', summary: 'Skipped: offline mode (--offline)' } as const;

/**
 * Runs one probe inside its budget. The race guarantees the bound even when a probe ignores its
 * signal (a blackholed host, a hung `security`): the run ends, the stray work is abandoned.
 */
async function runOne(probe: Probe, env: ProbeEnv, facts: SharedFacts, options: ProbeOptions): Promise<CheckResult> {
  const startedAt = monotonicMs();
  if (options.offline && probe.offline === 'skip') {
    return settle(probe, OFFLINE_SKIP, startedAt, startedAt);
  }
  // The signal is made when a probe first asks for it, aborted already if the budget has run out
  // by then: the first AbortController loads Node's module for it (~0.4 ms), a tenth of what a
  // shell start may add, and the local checks never ask (docs/BENCHMARKS.md).
  let controller: AbortController | undefined;
  let expired: Error | undefined;
  const ctx: ProbeInput = {
    ...env,
    ...facts,
    options,
    deadlineMs: startedAt + options.timeoutMs,
    get signal() {
      if (!controller) {
        controller = new AbortController();
        if (expired) controller.abort(expired);
      }
      return controller.signal;
    },
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(() => {
      expired = new Error('probe budget exhausted');
      controller?.abort(expired);
      resolve({
        status: 'unknown',
        summary: `Did not finish within ${options.timeoutMs} ms`,
        cause: `The ${probe.title.toLowerCase()} check took longer than its ${options.timeoutMs} ms budget; a host may be dropping packets. Re-run with --timeout to allow more time.`,
        evidence: { timedOut: true, budgetMs: options.timeoutMs },
      });
    }, options.timeoutMs);
  });
  const work = probe.run(ctx).catch((error: unknown): CheckOutcome => ({
    status: 'unknown',
    summary: 'The check failed unexpectedly',
    cause: `Internal error in ${probe.id}: ${redactText(error instanceof Error ? error.message : String(error)).slice(0, 300)}. Please report it with \`claude-auth-doctor report\`.`,
    evidence: { internalError: true },
  }));
  const outcome = await Promise.race([work, deadline]);
  clearTimeout(timer);
  return settle(probe, outcome, startedAt, monotonicMs());
}

/** Runs the selected probes concurrently; results come back in the stable CHECK_IDS order. */
export async function runChecks(probes: readonly Probe[], env: ProbeEnv, options: RunProbesOptions): Promise<CheckResult[]> {
  const facts = createSharedFacts(env);
  const selected = probes.filter((p) => !options.only || options.only.includes(p.id));
  const results = await Promise.all(selected.map((p) => runOne(p, env, facts, options)));
  const order = (id: CheckId): number => CHECK_IDS.indexOf(id);
  return results.sort((a, b) => order(a.id) - order(b.id));
}
