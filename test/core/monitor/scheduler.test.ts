import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createMonitor, type MonitorIntervals, type RunHints, type RunInfo } from '../../../src/core/monitor/scheduler.js';
import { AUTH_CHECKS, NETWORK_CHECKS, type RunReason } from '../../../src/core/monitor/events.js';
import { buildReport } from '../../../src/core/diagnosis/build-report.js';
import { CHECK_IDS, type CheckId, type CheckResult, type HealthReport } from '../../../src/shared/report.js';
import { check, HOUR, lockedKeychain, makeReport, MINUTE, statusFacts, T0, tokenOk } from '../tray/sample-reports.js';
import { fakeTimers } from './fake-timers.js';

interface RunRecord {
  readonly only: CheckId[];
  readonly reason: RunReason;
  readonly at: number;
  readonly hints: RunHints;
  release(): void;
  reject(error: Error): void;
}

/** A monitor on fake time whose runs answer from a mutable "world" of check results. */
function harness(options: { intervals?: Partial<MonitorIntervals>; random?: () => number; hold?: boolean } = {}) {
  const time = fakeTimers(T0);
  let world: CheckResult[] = [];
  let hold = options.hold ?? false;
  const runs: RunRecord[] = [];
  const reports: { report: HealthReport; info: RunInfo; at: number }[] = [];
  const errors: unknown[] = [];
  const active = new Map<CheckId, number>();
  let overlap = 0;
  const partial = (only: readonly CheckId[]): HealthReport => {
    const full = makeReport(world, 'darwin', time.clock.now());
    return buildReport({
      checks: full.checks.filter((c) => only.includes(c.id)),
      context: full.context,
      version: '0.0.0-test',
      now: time.clock.now(),
    });
  };
  const monitor = createMonitor({
    clock: time.clock,
    timers: time.timers,
    random: options.random ?? (() => 0.5),
    intervals: { fullCheckMs: 0, ...options.intervals },
    onReport: (report, info) => reports.push({ report, info, at: time.clock.now() }),
    onError: (error) => errors.push(error),
    run: (only, reason, hints) => {
      for (const id of only) {
        const n = (active.get(id) ?? 0) + 1;
        active.set(id, n);
        if (n > 1) overlap += 1;
      }
      return new Promise<HealthReport>((resolve, reject) => {
        const done = (): void => {
          for (const id of only) active.set(id, (active.get(id) ?? 1) - 1);
        };
        const record: RunRecord = {
          only: [...only],
          reason,
          at: time.clock.now(),
          hints,
          release: () => {
            done();
            resolve(partial(only));
          },
          reject: (error) => {
            done();
            reject(error);
          },
        };
        runs.push(record);
        if (!hold) record.release();
      });
    },
  });
  return {
    time,
    monitor,
    runs,
    reports,
    errors,
    overlap: () => overlap,
    setWorld: (checks: CheckResult[]) => {
      world = checks;
    },
    setHold: (value: boolean) => {
      hold = value;
    },
    byReason: (reason: RunReason) => runs.filter((r) => r.reason === reason),
  };
}

const statusUnknown = check('service.status', 'unknown', { summary: 'Could not reach the status page' });

describe('monitor triggers', () => {
  test('start runs every check once, right away', async () => {
    const h = harness();
    h.monitor.start();
    await h.time.advance(1000);
    assert.equal(h.runs.length, 1);
    assert.deepEqual(h.runs[0]?.only, [...CHECK_IDS]);
    assert.equal(h.runs[0]?.reason, 'start');
    assert.equal(h.runs[0]?.at, T0 + 250);
    assert.equal(h.reports[0]?.report.overall, 'ok');
  });

  test('wake checks the keychain and the token within 2 s, and merges into the whole report', async () => {
    const h = harness();
    h.monitor.start();
    await h.time.advance(HOUR);
    h.setWorld([lockedKeychain()]);
    const woke = h.time.clock.now();
    h.monitor.trigger('resume');
    await h.time.advance(2000);
    const [wake] = h.byReason('resume');
    assert.deepEqual(wake?.only, ['keychain', ...AUTH_CHECKS]);
    assert.ok(wake !== undefined && wake.at - woke <= 2000, `ran ${(wake?.at ?? Infinity) - woke} ms after wake`);
    const last = h.reports.at(-1);
    assert.equal(last?.info.reason, 'resume');
    assert.equal(last?.report.checks.length, CHECK_IDS.length);
    assert.equal(last?.report.overall, 'fail');
    assert.deepEqual(last?.report.plan, ['unlock-keychain']);
  });

  test('a network flap (a burst of interface changes) becomes one run of the network checks', async () => {
    const h = harness();
    h.monitor.start();
    await h.time.advance(MINUTE);
    for (let i = 0; i < 6; i++) {
      h.monitor.trigger('network-change');
      await h.time.advance(50);
    }
    await h.time.advance(2000);
    const network = h.byReason('network-change');
    assert.equal(network.length, 1);
    assert.deepEqual(network[0]?.only, NETWORK_CHECKS);
  });

  test('an endless burst still runs within the max delay of its first event', async () => {
    const h = harness();
    h.monitor.start();
    await h.time.advance(MINUTE);
    const first = h.time.clock.now();
    for (let i = 0; i < 15; i++) {
      h.monitor.trigger('network-change');
      await h.time.advance(200);
    }
    const network = h.byReason('network-change');
    assert.equal(network[0]?.at, first + 1000);
    assert.ok(network.length >= 2 && network.length <= 3, `${network.length} runs`);
  });

  test('a held cause is re-checked when its time to visible is up (its checks only, never the status page)', async () => {
    const h = harness();
    h.monitor.start();
    await h.time.advance(MINUTE);
    const dns = check('network.dns', 'fail', { summary: 'api.anthropic.com does not resolve', fixes: ['fix-dns'] });
    h.setWorld([dns, statusUnknown]);
    h.monitor.trigger('network-change');
    await h.time.advance(300);
    const seenAt = h.reports.at(-1)?.at ?? 0;
    assert.ok(h.reports.at(-1)?.info.visibility.seen.has('network-down'));
    await h.time.advance(20_000);
    const confirm = h.byReason('confirm');
    assert.equal(confirm.length, 1);
    assert.deepEqual(confirm[0]?.only, ['network.dns']);
    assert.equal(confirm[0]?.at, seenAt + 15_000);
    const seen = h.reports.at(-1)?.info.visibility.seen.get('network-down');
    assert.deepEqual(seen, { first: seenAt, last: seenAt + 15_000 });
    await h.time.advance(MINUTE);
    assert.equal(h.byReason('confirm').length, 1, 'once it has lasted, nothing more to confirm');
  });

  test('credentials file changes re-run the auth checks', async () => {
    const h = harness();
    h.monitor.start();
    await h.time.advance(MINUTE);
    h.monitor.trigger('credentials-change');
    await h.time.advance(300);
    assert.deepEqual(
      h.byReason('credentials-change').map((r) => r.only),
      [AUTH_CHECKS],
    );
  });

  test('events before start and after stop are ignored', async () => {
    const h = harness();
    h.monitor.trigger('manual');
    await h.time.advance(MINUTE);
    assert.equal(h.runs.length, 0);
    h.monitor.start();
    await h.time.advance(MINUTE);
    h.monitor.stop();
    h.monitor.trigger('manual');
    await h.time.advance(HOUR);
    assert.deepEqual(
      h.runs.map((r) => r.reason),
      ['start'],
    );
    assert.deepEqual(h.time.armed(), []);
  });
});

describe('monitor timers', () => {
  test('the expiry timer fires before the token expires: at the warning window, then at Claude Code’s margin', async () => {
    const h = harness({ intervals: { statusPollMs: 0 } });
    const expiresAt = T0 + 2 * HOUR;
    h.setWorld([tokenOk(expiresAt, null)]);
    h.monitor.start();
    await h.time.advance(90 * MINUTE - 2000);
    assert.equal(h.byReason('expiry').length, 0);
    await h.time.advance(40 * MINUTE);
    const expiry = h.byReason('expiry');
    assert.deepEqual(
      expiry.map((r) => [r.at - expiresAt, r.only]),
      [
        [-30 * MINUTE + 1000, AUTH_CHECKS],
        [-5 * MINUTE + 1000, AUTH_CHECKS],
      ],
    );
  });

  test('a new token re-arms the timer for its own expiry', async () => {
    const h = harness({ intervals: { statusPollMs: 0 } });
    h.setWorld([tokenOk(T0 + 2 * HOUR)]);
    h.monitor.start();
    await h.time.advance(MINUTE);
    h.setWorld([tokenOk(T0 + 8 * HOUR)]);
    h.monitor.trigger('credentials-change');
    await h.time.advance(3 * HOUR);
    assert.equal(h.byReason('expiry').length, 0);
    await h.time.advance(5 * HOUR);
    assert.deepEqual(
      h.byReason('expiry').map((r) => r.at - (T0 + 8 * HOUR)),
      [-30 * MINUTE + 1000, -5 * MINUTE + 1000],
    );
  });

  test('the status page is polled every 5 minutes, alone', async () => {
    const h = harness();
    h.monitor.start();
    await h.time.advance(21 * MINUTE);
    const polls = h.byReason('status-poll');
    assert.deepEqual(
      polls.map((r) => r.at - T0 - 250),
      [5, 10, 15, 20].map((m) => m * MINUTE),
    );
    assert.ok(polls.every((r) => r.only.length === 1 && r.only[0] === 'service.status'));
  });

  test('status errors back off exponentially with jitter, and wake resets the backoff', async () => {
    const randoms = [0, 1, 0.25, 0.5, 0.5];
    const h = harness({ random: () => randoms.shift() ?? 0.5 });
    h.setWorld([statusUnknown]);
    h.monitor.start();
    await h.time.advance(4 * HOUR);
    const starts = [T0 + 250, ...h.byReason('status-poll').map((r) => r.at)];
    const gaps = starts.slice(1).map((at, i) => at - (starts[i] ?? 0));
    // failure n: capped = min(60 min, 5 min × 2^n); delay = capped/2 + capped/2 × random
    assert.deepEqual(gaps.slice(0, 4), [5 * MINUTE, 20 * MINUTE, 25 * MINUTE, 60 * MINUTE * 0.75]);
    assert.ok(
      gaps.every((g, i) => i === 0 || g >= (gaps[i - 1] ?? 0) * 0.5),
      `gaps ${gaps.map((g) => g / MINUTE)}`,
    );

    h.monitor.trigger('resume');
    const woke = h.time.clock.now();
    await h.time.advance(30 * MINUTE);
    const after = h.byReason('status-poll').filter((r) => r.at > woke);
    assert.equal(after[0]?.at, woke + 5000);
    // the first failure after wake is failure 1 again: 10 min capped, jitter 0.5 → 7.5 min
    assert.equal((after[1]?.at ?? 0) - (after[0]?.at ?? 0), 7.5 * MINUTE);
  });

  test('Retry-After from the status page is honoured', async () => {
    const h = harness();
    h.setWorld([check('service.status', 'unknown', { facts: { status: { ...statusFacts([]), httpStatus: 429, retryAfter: '1800' } } })]);
    h.monitor.start();
    await h.time.advance(HOUR);
    assert.equal(h.byReason('status-poll')[0]?.at, T0 + 250 + 30 * MINUTE);
  });

  test('ETag and Last-Modified are handed to the next poll; 304 keeps the previous verdict', async () => {
    const h = harness();
    const degraded = check('service.status', 'warn', {
      summary: 'Claude service degraded: Slow responses',
      facts: { status: { ...statusFacts([]), etag: 'W/"abc"', lastModified: 'Sat, 01 Mar 2025 08:59:00 GMT' } },
    });
    h.setWorld([degraded]);
    h.monitor.start();
    await h.time.advance(MINUTE);
    assert.equal(h.runs[0]?.hints.statusValidators, null);
    h.setWorld([check('service.status', 'ok', { summary: 'not modified', facts: { status: { ...statusFacts([]), httpStatus: 304 } } })]);
    await h.time.advance(5 * MINUTE);
    const [poll] = h.byReason('status-poll');
    assert.deepEqual(poll?.hints.statusValidators, { etag: 'W/"abc"', lastModified: 'Sat, 01 Mar 2025 08:59:00 GMT' });
    const status = h.reports.at(-1)?.report.checks.find((c) => c.id === 'service.status');
    assert.equal(status?.summary, 'Claude service degraded: Slow responses');
    assert.equal(h.reports.at(-1)?.report.overall, 'warn');
  });

  test('a full re-check runs on the configured interval', async () => {
    const h = harness({ intervals: { fullCheckMs: 10 * MINUTE, statusPollMs: 0 } });
    h.monitor.start();
    await h.time.advance(31 * MINUTE);
    assert.deepEqual(
      h.byReason('interval').map((r) => [r.at - T0, r.only.length]),
      [10, 20, 30].map((m) => [m * MINUTE, CHECK_IDS.length]),
    );
  });
});

describe('runs never overlap', () => {
  test('a slow run and triggers during it → one follow-up run afterwards, never two at once', async () => {
    const h = harness({ hold: true });
    h.monitor.start();
    await h.time.advance(1000);
    assert.equal(h.runs.length, 1);
    h.monitor.trigger('credentials-change');
    await h.time.advance(100);
    h.monitor.trigger('credentials-change');
    await h.time.advance(5000);
    h.monitor.trigger('manual');
    await h.time.advance(5000);
    assert.equal(h.runs.length, 1, 'nothing starts while every check is busy');
    assert.equal(h.monitor.checking(), true);
    h.setHold(false);
    h.runs[0]?.release();
    await h.time.advance(0);
    assert.equal(h.runs.length, 2);
    assert.deepEqual(h.runs[1]?.only, [...CHECK_IDS]);
    assert.equal(h.runs[1]?.reason, 'manual');
    await h.time.advance(MINUTE);
    assert.equal(h.runs.filter((r) => r.reason !== 'status-poll').length, 2);
    assert.equal(h.overlap(), 0);
    assert.equal(h.monitor.checking(), false);
  });

  test('different checks may run side by side: wake does not wait for a slow status poll', async () => {
    const h = harness();
    h.monitor.start();
    await h.time.advance(MINUTE);
    h.setHold(true);
    await h.time.advance(5 * MINUTE);
    const [poll] = h.byReason('status-poll');
    assert.ok(poll);
    h.monitor.trigger('unlock-screen');
    await h.time.advance(300);
    assert.deepEqual(
      h.byReason('unlock-screen').map((r) => r.only),
      [['keychain', ...AUTH_CHECKS]],
    );
    assert.equal(h.overlap(), 0);
  });

  test('a run that throws is retried with backoff; wake retries at once', async () => {
    const h = harness({ hold: true, intervals: { statusPollMs: 0 } });
    h.monitor.start();
    await h.time.advance(1000);
    h.runs[0]?.reject(new Error('boom'));
    await h.time.advance(0);
    assert.equal(h.errors.length, 1);
    await h.time.advance(60_000);
    const [retry] = h.byReason('retry');
    assert.equal(retry?.at, T0 + 1000 + 22_500, 'rejected at +1 s; failure 1: 30 s capped, jitter 0.5 → 22.5 s');
    retry?.reject(new Error('boom again'));
    await h.time.advance(1000);
    h.monitor.trigger('resume');
    await h.time.advance(300);
    const [wake] = h.byReason('resume');
    assert.deepEqual(wake?.only, [...CHECK_IDS]);
  });

  test('stop drops the report of a run under way and idle() waits for it', async () => {
    const h = harness({ hold: true });
    h.monitor.start();
    await h.time.advance(1000);
    h.monitor.stop();
    let idle = false;
    void h.monitor.idle().then(() => {
      idle = true;
    });
    await h.time.advance(0);
    assert.equal(idle, false);
    h.runs[0]?.release();
    await h.time.advance(0);
    assert.equal(idle, true);
    assert.equal(h.reports.length, 0);
  });
});

describe('monitor: no online token check right after wake', () => {
  test('the wake run judges the token locally; once the status page answers, the token is checked online', async () => {
    const h = harness();
    h.monitor.start();
    await h.time.advance(HOUR);
    assert.equal(h.runs.at(-1)?.hints.tokenOnline, true, 'before any wake the token is checked online');
    h.monitor.trigger('resume');
    await h.time.advance(2000);
    const [wake] = h.byReason('resume');
    assert.ok(wake?.only.includes('auth.token'));
    assert.equal(wake?.hints.tokenOnline, false, 'right after wake: stored expiry only');
    await h.time.advance(10_000);
    const poll = h.byReason('status-poll').find((r) => r.at > (wake?.at ?? Infinity));
    assert.ok(poll, 'the status page is read soon after wake');
    const after = h.runs.filter((r) => r.at > (wake?.at ?? Infinity) && r.only.includes('auth.token'));
    assert.equal(after.length, 1, JSON.stringify(after.map((r) => [r.reason, r.at, r.only])));
    assert.ok((after[0]?.at ?? 0) >= (poll?.at ?? Infinity), 'the online check waits for the status page');
    assert.deepEqual(after[0]?.only, ['auth.token']);
    assert.equal(after[0]?.hints.tokenOnline, true);
  });

  test('while the network stays down after wake, the token is never sent', async () => {
    const h = harness();
    h.setWorld([statusUnknown]);
    h.monitor.start();
    await h.time.advance(HOUR);
    h.monitor.trigger('resume');
    await h.time.advance(10 * MINUTE);
    const tokenRuns = h.runs.filter((r) => r.reason !== 'start' && r.only.includes('auth.token'));
    assert.ok(tokenRuns.length >= 1);
    assert.ok(
      tokenRuns.every((r) => r.hints.tokenOnline === false),
      JSON.stringify(tokenRuns.map((r) => [r.reason, r.hints.tokenOnline])),
    );
  });
});
