// A clock and timers the bench moves by hand, for the monitor's simulated hour. Time stands still
// while real work (a diagnosis against loopback servers) runs, so each run sees the instant its
// timer fired.

export function createFakeTime(start) {
  let now = start;
  let seq = 0;
  const pending = new Map();
  const clock = { now: () => now };
  const timers = {
    setTimeout(fn, ms) {
      const id = ++seq;
      pending.set(id, { id, at: now + Math.max(0, Number(ms) || 0), fn });
      return id;
    },
    clearTimeout(id) {
      pending.delete(id);
    },
  };

  function next() {
    let best = null;
    for (const t of pending.values()) if (!best || t.at < best.at || (t.at === best.at && t.id < best.id)) best = t;
    return best;
  }

  /** Fires every timer due up to `until`, in order; after each, awaits `settle()` (e.g. monitor.idle()). */
  async function advanceTo(until, settle) {
    let fired = 0;
    for (let t = next(); t && t.at <= until; t = next()) {
      if (++fired > 10_000) throw new Error('fake timers: more than 10000 timers in one step (a timer loop?)');
      pending.delete(t.id);
      now = Math.max(now, t.at);
      t.fn();
      await settle();
    }
    now = Math.max(now, until);
    return fired;
  }

  return { clock, timers, advanceTo, pending: () => pending.size };
}

/** Deterministic [0, 1) for backoff jitter, so re-runs schedule alike. */
export function seededRandom(seed = 42) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
