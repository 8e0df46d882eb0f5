/** Timers driven by a fake clock: `advance` fires what falls due, in order, letting promises settle between. */
import { fakeClock } from '../../../src/core/io/time.js';
import type { Timers } from '../../../src/core/monitor/scheduler.js';

interface Pending {
  readonly id: number;
  readonly at: number;
  readonly fire: () => void;
}

export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function fakeTimers(start: number) {
  const clock = fakeClock(start);
  let next = 1;
  let queue: Pending[] = [];
  const timers: Timers = {
    setTimeout(fire, ms) {
      const id = next++;
      queue.push({ id, at: clock.now() + Math.max(0, ms), fire });
      return id;
    },
    clearTimeout(handle) {
      queue = queue.filter((t) => t.id !== handle);
    },
  };
  return {
    clock,
    timers,
    /** Due times of the timers still armed, soonest first. */
    armed: (): number[] => queue.map((t) => t.at).sort((a, b) => a - b),
    async advance(ms: number): Promise<void> {
      const target = clock.now() + ms;
      await settle();
      for (;;) {
        const due = queue.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
        if (!due) break;
        queue = queue.filter((t) => t !== due);
        clock.set(due.at);
        due.fire();
        await settle();
      }
      clock.set(target);
      await settle();
    },
  };
}
