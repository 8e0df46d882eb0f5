import { CHECK_IDS, type CheckId, type HealthReport } from '../../shared/report.js';
import { EXPIRY_MARGIN_MS } from '../claude-code/token-expiry.js';
import { tokenExpiry } from '../diagnosis/readings.js';
import { backoffDelay, retryAfterMs } from './backoff.js';
import { AUTH_CHECKS, CHECKS_FOR, isWake, REASON_RANK, STATUS_CHECKS, type RunReason } from './events.js';
import { mergeReport } from '../diagnosis/merge.js';
import { heldFindings, nextDue, noteFindings, type Seen, type Visibility } from './visibility.js';
import {
  DEFAULT_INTERVALS,
  type Monitor,
  type MonitorIntervals,
  type MonitorOptions,
  type RunHints,
  type RunInfo,
  type StatusValidators,
} from './types.js';

export * from './types.js';

/** Node timers overflow past 2^31-1 ms; long waits are taken in steps of at most a day. */
const MAX_STEP_MS = 24 * 60 * 60_000;
const EXPIRY_SLACK_MS = 1_000;

function bestReason(reasons: Iterable<RunReason>): RunReason {
  let best: RunReason = 'retry';
  for (const r of reasons) if (REASON_RANK.indexOf(r) < REASON_RANK.indexOf(best)) best = r;
  return best;
}

export function createMonitor(options: MonitorOptions): Monitor {
  const { clock, timers, random } = options;
  const intervals: MonitorIntervals = { ...DEFAULT_INTERVALS, ...options.intervals };
  const universe = new Set(options.checks ?? CHECK_IDS);
  const pending = new Map<CheckId, RunReason>();
  const inFlight = new Set<CheckId>();
  const slots = new Map<string, unknown>();
  const waiters: (() => void)[] = [];
  let firstPendingAt: number | null = null;
  let report: HealthReport | null = null;
  let validators: StatusValidators | null = null;
  let running = 0;
  let state: 'new' | 'started' | 'stopped' = 'new';
  let statusFailures = 0;
  let retryFailures = 0;
  const retryChecks = new Set<CheckId>();
  let expiryTarget: number | null = null;
  /** Set on wake; cleared once a run shows the network is back (then the token is checked online). */
  let awaitingNetwork = false;
  /** When each cause in the merged report was seen, and the last wake (see visibility.ts). */
  let seen = new Map<string, Seen>();
  let wokeAt: number | null = null;
  const visibility = (): Visibility => ({ seen, wokeAt });

  /** One named timer slot each: arming a slot replaces what was there. */
  function arm(slot: string, ms: number, fire: () => void): void {
    disarm(slot);
    const handle = timers.setTimeout(
      () => {
        slots.delete(slot);
        if (state === 'started') fire();
      },
      Math.max(0, ms),
    );
    slots.set(slot, handle);
  }
  function disarm(slot: string): void {
    if (slots.has(slot)) timers.clearTimeout(slots.get(slot));
    slots.delete(slot);
  }

  /** Events wait out the debounce; the monitor's own timers (wait 0) run at once, taking along whatever is pending. */
  function queue(ids: readonly CheckId[], reason: RunReason, wait: number = intervals.debounceMs): void {
    if (state !== 'started') return;
    const wanted = ids.filter((id) => universe.has(id));
    if (wanted.length === 0) return;
    for (const id of wanted) pending.set(id, bestReason([reason, pending.get(id) ?? 'retry']));
    const now = clock.now();
    firstPendingAt ??= now;
    arm('flush', Math.min(wait, firstPendingAt + intervals.maxDelayMs - now), flush);
  }

  function flush(): void {
    disarm('flush');
    firstPendingAt = null;
    const ready = [...pending.keys()].filter((id) => !inFlight.has(id));
    if (ready.length === 0) return; // what is left waits for the run holding it
    const reason = bestReason(ready.map((id) => pending.get(id) ?? 'retry'));
    for (const id of ready) pending.delete(id);
    launch(ready, reason);
  }

  function launch(ids: readonly CheckId[], reason: RunReason): void {
    for (const id of ids) inFlight.add(id);
    if (running++ === 0) options.onActivity?.(true);
    const info: RunInfo = { reason, only: ids, previous: report, visibility: visibility() };
    const hints: RunHints = { statusValidators: ids.includes('service.status') ? validators : null, tokenOnline: !awaitingNetwork };
    Promise.resolve()
      .then(() => options.run(ids, reason, hints))
      .then(
        (partial) => settle(info, partial, null),
        (error: unknown) => settle(info, null, error ?? new Error('run failed')),
      );
  }

  function settle(info: RunInfo, partial: HealthReport | null, error: unknown): void {
    for (const id of info.only) inFlight.delete(id);
    running -= 1;
    if (state === 'started') {
      if (partial) accept(info, partial);
      else fail(info, error);
      if (info.only.includes('service.status')) schedulePoll(partial);
      if (!slots.has('flush') && [...pending.keys()].some((id) => !inFlight.has(id))) flush();
    }
    if (running === 0) {
      options.onActivity?.(false);
      for (const resolve of waiters.splice(0)) resolve();
    }
  }

  /** After wake: the first run that reached the network lets the token be checked online again. */
  function noteNetwork(info: RunInfo, partial: HealthReport): void {
    if (!awaitingNetwork) return;
    const reached = partial.checks
      .filter((c) => info.only.includes(c.id))
      .some(
        (c) =>
          (c.id === 'service.status' && c.status !== 'unknown' && c.status !== 'skip') ||
          (c.id === 'network.tls' && (c.status === 'ok' || c.status === 'warn')),
      );
    if (!reached) return;
    awaitingNetwork = false;
    queue(['auth.token'], 'network-change', 0);
  }

  function accept(info: RunInfo, partial: HealthReport): void {
    noteNetwork(info, partial);
    report = mergeReport(report, partial);
    seen = noteFindings(seen, report, clock.now(), info.only);
    armConfirm();
    retryFailures = 0;
    const status = partial.facts.status;
    if (status?.httpStatus === 200) validators = { etag: status.etag, lastModified: status.lastModified };
    armExpiry();
    try {
      options.onReport(report, { ...info, visibility: visibility() });
    } catch (error) {
      options.onError?.(error, info);
    }
  }

  function fail(info: RunInfo, error: unknown): void {
    options.onError?.(error, info);
    for (const id of info.only) retryChecks.add(id);
    retryFailures += 1;
    arm('retry', backoffDelay(intervals.retryBaseMs, retryFailures - 1, intervals.retryMaxMs, random), () => {
      const ids = [...retryChecks];
      retryChecks.clear();
      queue(ids, 'retry', 0);
    });
  }

  /**
   * A held cause's checks run again when it falls due: still there, it shows (Tailscale's
   * visibility timer). Not the status page: it keeps its own cadence, backoff and Retry-After.
   */
  function armConfirm(): void {
    const now = clock.now();
    const due = nextDue(report, visibility(), now);
    const ids = [...new Set(heldFindings(report, visibility()).flatMap((f) => f.checks))].filter((id) => !STATUS_CHECKS.includes(id));
    if (due === null || ids.length === 0) return disarm('confirm');
    arm('confirm', due - now, () => queue(ids, 'confirm', 0));
  }

  /** Every 5 minutes after a good answer; after an error (unknown, or a failed run) back off. */
  function schedulePoll(partial: HealthReport | null): void {
    if (intervals.statusPollMs <= 0) return;
    const status = partial?.checks.find((c) => c.id === 'service.status');
    const failed = !status || status.status === 'unknown';
    statusFailures = failed ? statusFailures + 1 : 0;
    let delay = failed
      ? backoffDelay(intervals.statusPollMs, statusFailures, intervals.statusBackoffMaxMs, random)
      : intervals.statusPollMs;
    const asked = retryAfterMs(partial?.facts.status?.retryAfter, clock.now());
    if (asked !== null) delay = Math.max(delay, Math.min(asked, intervals.statusBackoffMaxMs));
    arm('status', delay, () => queue(['service.status'], 'status-poll', 0));
  }

  /** A run just before the token's expiry marks: the warning window, then the point Claude Code stops trusting it. */
  function armExpiry(): void {
    const expiry = tokenExpiry(report);
    const now = clock.now();
    const marks = expiry
      ? [expiry.expiresAt - intervals.expiryLeadMs, expiry.expiresAt - EXPIRY_MARGIN_MS].map((m) => m + EXPIRY_SLACK_MS)
      : [];
    const target = marks.filter((m) => m > now).sort((a, b) => a - b)[0] ?? null;
    if (target === expiryTarget && (target === null || slots.has('expiry'))) return;
    expiryTarget = target;
    if (target === null) return disarm('expiry');
    const step = (): void => {
      const left = target - clock.now();
      if (left > 0) return arm('expiry', Math.min(left, MAX_STEP_MS), step);
      expiryTarget = null;
      queue(AUTH_CHECKS, 'expiry', 0);
    };
    arm('expiry', Math.min(target - now, MAX_STEP_MS), step);
  }

  function armFullCheck(): void {
    if (intervals.fullCheckMs <= 0) return;
    arm('full', intervals.fullCheckMs, () => {
      armFullCheck();
      queue(CHECK_IDS, 'interval', 0);
    });
  }

  return {
    start() {
      if (state !== 'new') return;
      state = 'started';
      armFullCheck();
      queue(CHECK_IDS, 'start');
    },
    stop() {
      state = 'stopped';
      for (const slot of [...slots.keys()]) disarm(slot);
      pending.clear();
    },
    trigger(event) {
      if (state !== 'started') return;
      if (isWake(event)) {
        // After sleep every backoff is stale: start afresh and look at the status page soon. The
        // token is judged locally until that (or a network check) shows the network is back.
        awaitingNetwork = true;
        wokeAt = clock.now();
        armConfirm();
        statusFailures = 0;
        retryFailures = 0;
        disarm('retry');
        const waiting = [...retryChecks];
        retryChecks.clear();
        queue(waiting, event);
        if (intervals.statusPollMs > 0) arm('status', intervals.wakeStatusDelayMs, () => queue(['service.status'], 'status-poll', 0));
      }
      queue(CHECKS_FOR[event], event);
    },
    current: () => report,
    checking: () => running > 0,
    statusValidators: () => validators,
    visibility,
    idle: () => (running === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}
