// The `watch` monitor over simulated time, in its own process so CPU and memory are the
// client's alone (the loopback servers live in the parent, bench/sections/watch-hour.mjs).
// Wired as src/cli/commands/watch.ts wires it; the world comes in through the environment.
// Run with --expose-gc. Prints one JSON line.
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
    diagnose({ offline: false, timeoutMs: DEFAULT_TIMEOUT_MS, only, version: 'bench', probeEnv, statusValidators: hints.statusValidators }),
  onReport: (report, info) => {
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
  if ((at - start) % SAMPLE_MS === 0) samples.push({ minute: (at - start) / 60_000, ...memory() });
}
monitor.stop();
await monitor.idle();
const cpu = process.cpuUsage(cpu0);
const realMs = performance.now() - wall0;
const end = memory();
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
  }) + '\n',
  () => process.exit(0),
);
