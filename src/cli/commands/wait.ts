import type { HealthReport } from '../../shared/report.js';
import { diagnose } from '../../core/diagnosis/diagnose.js';
import { boundSystemResolver } from '../../core/io/dns.js';
import { backoffDelay } from '../../core/monitor/backoff.js';
import { watchWorld } from '../../core/monitor/world-watchers.js';
import { DEFAULT_PROBE_BUDGET_MS } from '../../core/probes/budget.js';
import { createProbeEnv } from '../../core/probes/probe-env.js';
import { trayModel } from '../../core/tray/tray-model.js';
import { exitCodeFor } from '../exit-codes.js';
import { writeOut } from '../output.js';
import { saveForStatus } from '../snapshot-place.js';
import { parseFlags, UsageError } from '../usage.js';
import { toolVersion } from '../version.js';

/** The first re-check comes this soon; each one after waits twice as long, up to a minute. */
const FIRST_RETRY_MS = 5000;
const MAX_RETRY_MS = 60_000;

interface WaitFlags {
  readonly timeoutMs: number | null;
  readonly offline: boolean;
  readonly json: boolean;
}

function parseWaitFlags(args: string[]): WaitFlags {
  const values = parseFlags(args, {
    timeout: { type: 'string' },
    offline: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  });
  const raw = values.timeout;
  if (raw !== undefined && (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 7 * 86_400))
    throw new UsageError(`--timeout takes seconds between 1 and 604800 (got "${raw}").`);
  return { timeoutMs: raw === undefined ? null : Number(raw) * 1000, offline: values.offline === true, json: values.json === true };
}

/**
 * `wait`: blocks until the overall state is ok, for scripts, CI jobs and "resume when the outage is
 * over". Re-checks with backoff (5 s doubling to a minute), and at once when Claude Code's login
 * files change (a fresh sign-in). Exit 0 when ok; at --timeout, the exit code of the last state.
 * Each report is saved for `status`. Progress goes to stderr; the final report to stdout (--json).
 */
export async function runWait(args: string[]): Promise<number> {
  const flags = parseWaitFlags(args);
  const started = Date.now();
  const deadline = flags.timeoutMs === null ? Infinity : started + flags.timeoutMs;
  const probeEnv = createProbeEnv();
  boundSystemResolver(process.env, DEFAULT_PROBE_BUDGET_MS);
  const save = saveForStatus('wait');
  let wake: (() => void) | null = null;
  const world = watchWorld(probeEnv.env, probeEnv.homeDir, () => wake?.());
  let last: HealthReport | null = null;
  let said = '';
  try {
    for (let failures = 0; ; failures++) {
      const budget = Math.max(100, Math.min(DEFAULT_PROBE_BUDGET_MS, deadline - Date.now()));
      last = await diagnose({ offline: flags.offline, timeoutMs: budget, version: toolVersion(), probeEnv });
      await save(last);
      const headline = trayModel(last, false, last.context.os, Date.now()).tooltip;
      if (last.overall === 'ok') break;
      if (headline !== said) process.stderr.write(`claude-auth-doctor: waiting (${last.overall}): ${headline}\n`);
      said = headline;
      const left = deadline - Date.now();
      if (left <= 0) break;
      const pause = Math.min(left, backoffDelay(FIRST_RETRY_MS, failures, MAX_RETRY_MS, Math.random));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pause);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  } finally {
    world.close();
  }
  const waited = Math.round((Date.now() - started) / 1000);
  if (flags.json) await writeOut(JSON.stringify(last, null, 2) + '\n');
  else if (last.overall === 'ok') await writeOut(`Claude Code sign-in is ok (after ${waited} s).\n`);
  else await writeOut(`Gave up after ${waited} s (--timeout): ${trayModel(last, false, last.context.os, Date.now()).tooltip}\n`);
  return exitCodeFor(last.overall);
}
