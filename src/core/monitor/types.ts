import type { CheckId, HealthReport } from '../../shared/report.js';
import type { Clock } from '../io/ports.js';
import type { MonitorEvent, RunReason } from './events.js';
import type { Visibility } from './visibility.js';

/** setTimeout/clearTimeout as the host provides them (globals in Node and Electron, fakes in tests). */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface MonitorIntervals {
  /** A burst of events (a VPN coming up fires several interface changes) becomes one run. */
  readonly debounceMs: number;
  /** A continuing burst still runs this soon after its first event (wake must answer within 2 s). */
  readonly maxDelayMs: number;
  /** Anthropic's status page; 0 turns polling off. */
  readonly statusPollMs: number;
  readonly statusBackoffMaxMs: number;
  /** The status page is read this long after wake, once the network is back. */
  readonly wakeStatusDelayMs: number;
  /** Everything, re-checked on a fixed cadence; 0 turns it off. */
  readonly fullCheckMs: number;
  /** Re-check the token this long before it expires (and again when Claude Code stops trusting it). */
  readonly expiryLeadMs: number;
  /** A run that throws is retried after this, doubling per failure, up to the max. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
}

export const DEFAULT_INTERVALS: MonitorIntervals = {
  debounceMs: 250,
  maxDelayMs: 1000,
  statusPollMs: 5 * 60_000,
  statusBackoffMaxMs: 60 * 60_000,
  wakeStatusDelayMs: 5_000,
  fullCheckMs: 30 * 60_000,
  expiryLeadMs: 30 * 60_000,
  retryBaseMs: 30_000,
  retryMaxMs: 30 * 60_000,
};

/** Last validators the status page sent, for `If-None-Match` / `If-Modified-Since` on the next poll. */
export interface StatusValidators {
  readonly etag: string | null;
  readonly lastModified: string | null;
}

export interface RunHints {
  readonly statusValidators: StatusValidators | null;
  /**
   * False right after wake until the network is known to be back (the status page answered, or
   * TLS to the API worked): the token is then judged from its stored expiry only, so a wake-time
   * network blip never reads as a rejected or unknown token. Pass it on as `tokenOnline`.
   */
  readonly tokenOnline: boolean;
}

export interface RunInfo {
  readonly reason: RunReason;
  readonly only: readonly CheckId[];
  /** The merged report before this run. */
  readonly previous: HealthReport | null;
  /** First-seen times of the causes in the merged report, and the last wake (for `present`). */
  readonly visibility: Visibility;
}

export interface MonitorOptions {
  readonly clock: Clock;
  readonly timers: Timers;
  /** [0, 1), for backoff jitter. */
  readonly random: () => number;
  /** Runs the given checks; resolves with a report of those checks (the monitor merges it). */
  readonly run: (only: readonly CheckId[], reason: RunReason, hints: RunHints) => Promise<HealthReport>;
  /** Every finished run, with the merged whole report. */
  readonly onReport: (report: HealthReport, info: RunInfo) => void;
  readonly onError?: (error: unknown, info: RunInfo) => void;
  /** True when the first run starts, false when the last one ends (the tray's "Checking…"). */
  readonly onActivity?: (checking: boolean) => void;
  readonly intervals?: Partial<MonitorIntervals>;
  /** The checks this monitor may run; all by default. */
  readonly checks?: readonly CheckId[];
}

export interface Monitor {
  start(): void;
  /** Cancels every timer; runs under way finish but are not reported. */
  stop(): void;
  trigger(event: MonitorEvent): void;
  current(): HealthReport | null;
  checking(): boolean;
  statusValidators(): StatusValidators | null;
  /** When each present cause was first seen, and the last wake: what `present` needs to hold a cause back. */
  visibility(): Visibility;
  /** Resolves when no run is under way. */
  idle(): Promise<void>;
}
