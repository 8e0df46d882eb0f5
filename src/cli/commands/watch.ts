import type { HealthReport, Status } from '../../shared/report.js';
import { diagnose } from '../../core/diagnosis/diagnose.js';
import { createProbeEnv } from '../../core/probes/probe-env.js';
import { systemClock } from '../../core/io/time.js';
import { reportChanges, type CheckChange } from '../../core/monitor/changes.js';
import { createMonitor, type RunInfo } from '../../core/monitor/scheduler.js';
import { watchWorld } from '../../core/monitor/world-watchers.js';
import { trayModel } from '../../core/tray/tray-model.js';
import { DEFAULT_PROBE_BUDGET_MS } from '../../core/probes/budget.js';
import type { ListenAddress } from '../../core/metrics/listen.js';
import { parseLabelFlags, parseMetricsFlag } from '../check-flags.js';
import { EXIT } from '../exit-codes.js';
import { writeOut } from '../output.js';
import { saveForStatus } from '../snapshot-place.js';
import { makePaint, wantsColor, type Paint } from '../style.js';
import { parseFlags, UsageError } from '../usage.js';
import { toolVersion } from '../version.js';

const DEFAULT_INTERVAL_MS = 30 * 60_000;

interface WatchFlags {
  readonly json: boolean;
  readonly offline: boolean;
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly color: boolean;
  /** `--metrics HOST:PORT`: serve /metrics from the merged report; null when not asked. */
  readonly metrics: ListenAddress | null;
  readonly labels: Readonly<Record<string, string>>;
}

function millis(raw: string | undefined, flag: string, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > 86_400_000)
    throw new UsageError(`${flag} takes milliseconds between ${min} and 86400000 (got "${raw}").`);
  return value;
}

export function parseWatchFlags(args: string[]): WatchFlags {
  const values = parseFlags(args, {
    json: { type: 'boolean', default: false },
    offline: { type: 'boolean', default: false },
    timeout: { type: 'string' },
    interval: { type: 'string' },
    'no-color': { type: 'boolean', default: false },
    metrics: { type: 'string' },
    label: { type: 'string', multiple: true },
  });
  if (values.label !== undefined && values.metrics === undefined) throw new UsageError('--label goes with --metrics HOST:PORT.');
  return {
    json: values.json === true,
    offline: values.offline === true,
    timeoutMs: millis(values.timeout, '--timeout', DEFAULT_PROBE_BUDGET_MS, 100),
    intervalMs: millis(values.interval, '--interval', DEFAULT_INTERVAL_MS, 1000),
    color: values['no-color'] !== true,
    metrics: values.metrics === undefined ? null : parseMetricsFlag(values.metrics),
    labels: parseLabelFlags(values.label),
  };
}

const MARK: Record<Status, string> = { ok: '✓', warn: '!', fail: '✗', unknown: '?', skip: '-' };

function humanLines(report: HealthReport, info: RunInfo, changed: readonly CheckChange[], paint: Paint): string {
  const time = new Date(report.generatedAt).toTimeString().slice(0, 8);
  const headline = trayModel(report, false, report.context.os, Date.parse(report.generatedAt)).tooltip;
  const lines = [
    `${paint.dim(time)} ${info.reason.padEnd(18)} ${paint.bold(paint.status(report.overall, report.overall.toUpperCase().padEnd(7)))} ${headline}`,
  ];
  for (const c of changed) {
    const move = `${c.from ?? '-'} → ${c.to}`;
    lines.push(`  ${paint.status(c.to, MARK[c.to])} ${c.id.padEnd(16)} ${move.padEnd(16)} ${c.summary}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * `watch`: the tray's monitor without Electron; prints each change (NDJSON with --json) until
 * Ctrl-C. With --metrics it also serves every merged report as Prometheus metrics; scrapes read the
 * latest report and never start a check.
 */
export async function runWatch(args: string[]): Promise<number> {
  const flags = parseWatchFlags(args);
  // Loaded only with --metrics: prom-client stays out of a plain watch.
  const metrics = flags.metrics ? await (await import('../metrics-output.js')).serveMetrics(flags.metrics, flags.labels) : null;
  const probeEnv = createProbeEnv();
  const paint = makePaint(wantsColor(process.stdout, process.env, flags.color));
  let previous: HealthReport | null = null;
  const save = saveForStatus('watch');
  let saving = Promise.resolve();
  let output = Promise.resolve();
  const print = (text: string): void => {
    output = output.then(() => writeOut(text));
  };

  const monitor = createMonitor({
    clock: systemClock,
    timers: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) },
    random: Math.random,
    intervals: { fullCheckMs: flags.intervalMs },
    run: (only, _reason, hints) =>
      diagnose({
        offline: flags.offline,
        timeoutMs: flags.timeoutMs,
        only,
        version: toolVersion(),
        probeEnv,
        statusValidators: hints.statusValidators,
        tokenOnline: hints.tokenOnline,
      }),
    onReport: (report, info) => {
      metrics?.update(report);
      saving = save(report);
      const first = previous === null;
      const changed = reportChanges(previous, report);
      previous = report;
      if (!first && changed.length === 0) return;
      if (!flags.json) return print(humanLines(report, info, changed, paint));
      const line = { at: report.generatedAt, event: info.reason, overall: report.overall, changed, ...(first ? { report } : {}) };
      print(JSON.stringify(line) + '\n');
    },
    onError: (error, info) => {
      process.stderr.write(
        `claude-auth-doctor: the ${info.reason} run failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    },
  });

  const world = watchWorld(probeEnv.env, probeEnv.homeDir, (event) => monitor.trigger(event));

  return new Promise<number>((resolve) => {
    let stopped = false;
    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      monitor.stop();
      world.close();
      // Runs under way are abandoned: their probes are bounded and the process exits next.
      void Promise.all([output, saving, metrics?.close()]).then(() => resolve(EXIT.ok));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    process.stdout.on('error', stop);
    if (!flags.json && process.stderr.isTTY) process.stderr.write(paint.dim('Watching Claude Code sign-in; Ctrl-C stops.\n'));
    monitor.start();
  });
}
