// The `watch` monitor over simulated time, in its own process so CPU and memory are the
// client's alone (the loopback servers live in the parent, bench/sections/watch-hour.mjs).
// Wired as src/cli/commands/watch.ts wires it; the world comes in through the environment.
// Run with --expose-gc. Prints one JSON line. BENCH_WATCH_METRICS=1 adds `watch --metrics`: the
// exporter fed by every merged report, its /metrics listener on loopback, and Prometheus' usual
// scrape every 15 simulated seconds (4 per step), made from this process, so the scrape's CPU counts
// both ends: an upper bound for the exporter's share.
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { DEFAULT_PROBE_BUDGET_MS as DEFAULT_TIMEOUT_MS } from '../dist/src/core/probes/budget.js';
import { diagnose } from '../dist/src/core/diagnosis/diagnose.js';
import { createProbeEnv } from '../dist/src/core/probes/probe-env.js';
import { createMonitor } from '../dist/src/core/monitor/scheduler.js';
import { createFakeTime, seededRandom } from './lib/fake-time.mjs';

const HOUR = 3600_000;
const STEP_MS = 60_000;
/** `watch`'s default --interval. */
const FULL_CHECK_MS = 30 * 60_000;
const hours = Number(process.env.BENCH_WATCH_HOURS || 1);
/** Memory is sampled every 10 simulated minutes, or hourly on long runs. */
const SAMPLE_MS = hours > 2 ? HOUR : 10 * STEP_MS;

function memory() {
  globalThis.gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external };
}

const metricsOn = process.env.BENCH_WATCH_METRICS === '1';
const SCRAPES_PER_STEP = 4;
let exporter = null;
let server = null;
const scrapes = { count: 0, cpuUs: 0, bytes: 0, gzipBytes: 0, series: 0, loadCpuS: 0, loadMs: 0 };
if (metricsOn) {
  const cpuLoad = process.cpuUsage();
  const t0 = performance.now();
  const { createExporter } = await import('../dist/src/core/metrics/exporter.js');
  const { startMetricsServer } = await import('../dist/src/core/metrics/server.js');
  exporter = createExporter({ version: 'bench', labels: { host: 'bench-1' } });
  server = await startMetricsServer({ listen: { host: '127.0.0.1', port: 0 }, exposition: () => exporter.text() });
  const used = process.cpuUsage(cpuLoad);
  scrapes.loadCpuS = (used.user + used.system) / 1e6;
  scrapes.loadMs = performance.now() - t0;
}
const get = (url) =>
  new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
async function scrape() {
  const c = process.cpuUsage();
  const body = await get(server.url);
  const used = process.cpuUsage(c);
  scrapes.count += 1;
  scrapes.cpuUs += used.user + used.system;
  scrapes.bytes = Buffer.byteLength(body);
  scrapes.gzipBytes = gzipSync(body).length;
  scrapes.series = body.split('\n').filter((l) => l && !l.startsWith('#')).length;
}

const time = createFakeTime(Date.now());
const probeEnv = { ...createProbeEnv(process.env), clock: time.clock };
/** Counts only: the bench's own bookkeeping must not look like the monitor's growth. */
const runs = { total: 0, byReason: {}, overall: {} };
let errors = 0;
let lastError = null;
const monitor = createMonitor({
  clock: time.clock,
  timers: time.timers,
  random: seededRandom(),
  intervals: { fullCheckMs: FULL_CHECK_MS },
  run: (only, _reason, hints) =>
    diagnose({
      offline: false,
      timeoutMs: DEFAULT_TIMEOUT_MS,
      only,
      version: 'bench',
      probeEnv,
      statusValidators: hints.statusValidators,
      tokenOnline: hints.tokenOnline,
    }),
  onReport: (report, info) => {
    exporter?.update(report);
    runs.total += 1;
    runs.byReason[info.reason] = (runs.byReason[info.reason] ?? 0) + 1;
    runs.overall[report.overall] = (runs.overall[report.overall] ?? 0) + 1;
  },
  onError: (error, info) => {
    errors += 1;
    lastError = `${info.reason}: ${error?.message ?? error}`;
  },
});

const start = time.clock.now();
const before = memory();
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
monitor.start();
const idle = () => monitor.idle();
await time.advanceTo(start + STEP_MS, idle);
const afterFirst = memory();
const cpuFirst = process.cpuUsage(cpu0);
const samples = [];
for (let at = start + 2 * STEP_MS; at <= start + hours * HOUR; at += STEP_MS) {
  await time.advanceTo(at, idle);
  if (server) for (let i = 0; i < SCRAPES_PER_STEP; i++) await scrape();
  if ((at - start) % SAMPLE_MS === 0) samples.push({ minute: (at - start) / 60_000, ...memory() });
}
monitor.stop();
await monitor.idle();
const cpu = process.cpuUsage(cpu0);
const realMs = performance.now() - wall0;
const end = memory();
let render = null;
if (exporter) {
  // One render per merged report is all the exporter does between scrapes; its cost, averaged.
  const { renderExposition } = await import('../dist/src/core/metrics/exposition.js');
  const report = monitor.current();
  const c = process.cpuUsage();
  for (let i = 0; i < 200; i++) await renderExposition(report, { version: 'bench', labels: { host: 'bench-1' } });
  const used = process.cpuUsage(c);
  render = { cpuMsEach: (used.user + used.system) / 1000 / 200 };
  await server.close();
}
process.stdout.write(
  JSON.stringify({
    hours,
    runs,
    errors,
    lastError,
    cpuS: (cpu.user + cpu.system) / 1e6,
    cpuFirstS: (cpuFirst.user + cpuFirst.system) / 1e6,
    realMs,
    before,
    afterFirst,
    end,
    samples,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    metrics: metricsOn ? { ...scrapes, render } : null,
  }) + '\n',
  () => process.exit(0),
);
