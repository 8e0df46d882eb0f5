import type { Clock } from './ports.js';

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests move by hand. */
export function fakeClock(start: number): Clock & { advance(ms: number): void; set(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    set: (ms: number) => {
      now = ms;
    },
  };
}

/**
 * Milliseconds since an arbitrary start, monotonic. process.hrtime instead of the global
 * `performance`, whose first use loads perf_hooks (~5 ms of a ~150 ms offline check).
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export { formatRemaining } from '../../shared/durations.js';
