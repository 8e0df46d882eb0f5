/**
 * The tray's cadence for the servers: a run at start, one per interval, one per trigger; never two
 * at once (a trigger during a run queues exactly one more); nothing while offline.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServerWatch } from '../../../src/core/remote/server-watch.js';
import type { ServersView } from '../../../src/core/tray/servers.js';
import type { RemoteHost, RemoteHostResult } from '../../../src/shared/remote.js';

const HOSTS: RemoteHost[] = [{ name: 'vps-1', destination: 'vps-1', addedAt: '2026-01-01T00:00:00.000Z' }];
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

function fakeTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  return {
    timers: {
      setTimeout: (fn: () => void) => (pending.set(++next, fn), next),
      clearTimeout: (handle: unknown) => void pending.delete(handle as number),
    },
    fire: () => {
      const [[id, fn] = []] = [...pending];
      if (id !== undefined && fn) {
        pending.delete(id);
        fn();
      }
    },
    count: () => pending.size,
  };
}

test('runs at start and per interval, queues one run behind a busy one, skips while offline', async () => {
  const clock = fakeTimers();
  let online = true;
  let runs = 0;
  let release: (() => void) | null = null;
  const views: ServersView[] = [];
  const watch = createServerWatch({
    timers: clock.timers,
    readHosts: async () => HOSTS,
    check: (hosts) =>
      new Promise<RemoteHostResult[]>((resolve) => {
        runs += 1;
        release = () =>
          resolve(
            hosts.map((h) => ({
              name: h.name,
              destination: h.destination,
              via: 'shell',
              overall: 'ok',
              report: null,
              error: null,
              checkedAt: '',
            })),
          );
      }),
    online: () => online,
    onChange: (view) => views.push(view),
  });
  watch.start();
  await tick();
  assert.equal(runs, 1);
  assert.equal(watch.current().checking, true);
  watch.trigger();
  watch.trigger();
  await tick();
  assert.equal(runs, 1, 'never two at once');
  (release as unknown as () => void)();
  await tick();
  await tick();
  assert.equal(runs, 2, 'the triggers during the run became exactly one more');
  (release as unknown as () => void)();
  await tick();
  await tick();
  assert.equal(runs, 2);
  assert.equal(watch.current().results.length, 1);
  assert.equal(clock.count(), 1, 'one interval timer armed');
  online = false;
  clock.fire();
  await tick();
  assert.equal(runs, 2, 'offline: nothing checked');
  assert.equal(watch.current().offline, true);
  assert.equal(watch.current().results.length, 1, 'the last results stay');
  watch.stop();
  assert.equal(clock.count(), 0);
  assert.ok(views.length >= 4);
});
