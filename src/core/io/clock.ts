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
