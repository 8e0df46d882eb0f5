import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { HealthReport, CheckId } from '../../src/shared/report.js';
import type { HistoryEvent } from '../../src/shared/ipc.js';
import type { DoctorServiceHandle } from '../../src/core/doctor/doctor-service.js';
import type { Notification } from '../../src/core/notify/decide.js';
import { defaultSettings, type Settings } from '../../src/core/settings/schema.js';
import type { MenuItem } from '../../src/core/tray/menu-template.js';
import type { TrayModel } from '../../src/core/tray/tray-model.js';
import { createAppController } from '../../src/main/tray-controller.js';
import { fakeTimers, settle } from '../core/monitor/fake-timers.js';
import { T0, dnsDown, lockedKeychain, makeReport, offline, tlsDown, tokenUnconfirmed, vpnUp } from '../core/tray/sample-reports.js';

/** A world the controller drives: each run answers from `answer`, recorded with its checks. */
function harness(answer: (only: readonly CheckId[]) => HealthReport, settings: Settings = defaultSettings()) {
  const time = fakeTimers(T0);
  const renders: { model: TrayModel; menu: readonly MenuItem[] }[] = [];
  const notifications: Notification[] = [];
  const recorded: HistoryEvent[] = [];
  const runs: (readonly CheckId[])[] = [];
  let current = settings;
  const service = { record: (_r: HealthReport, event: HistoryEvent) => recorded.push(event) } as unknown as DoctorServiceHandle;
  const controller = createAppController({
    os: 'darwin',
    clock: time.clock,
    timers: time.timers,
    random: () => 0.5,
    service,
    runChecks: async (only) => {
      runs.push(only);
      return answer(only);
    },
    settings: () => current,
    theme: () => 'light',
    shell: { render: (model, menu) => renders.push({ model, menu }), notify: (n) => notifications.push(n) },
  });
  return { time, controller, renders, notifications, recorded, runs, setSettings: (s: Settings) => (current = s) };
}

describe('app controller', () => {
  test('start: the tray shows checking, then the state; history records the start', async () => {
    const h = harness(() => makeReport());
    h.controller.start();
    assert.equal(h.renders[0]?.model.state, 'unknown');
    await h.time.advance(2000);
    const last = h.renders.at(-1);
    assert.equal(last?.model.state, 'ok');
    assert.match(last?.model.tooltip ?? '', /^Token valid for 5 h 1[12] m/);
    assert.deepEqual(h.recorded, ['start']);
    h.controller.stop();
  });

  test('wake with a locked keychain: keychain + auth re-checked, one notification with Unlock, Unlock in the menu', async () => {
    let locked = false;
    const h = harness(() => makeReport(locked ? [lockedKeychain('darwin')] : []));
    h.controller.start();
    await h.time.advance(2000);
    locked = true;
    h.controller.trigger('resume');
    await h.time.advance(2000);
    assert.deepEqual([...(h.runs.at(-1) ?? [])].sort(), ['auth.credentials', 'auth.method', 'auth.token', 'keychain']);
    const unlock = h.notifications.filter((n) => n.actions.some((a) => a.id === 'unlock-keychain'));
    assert.equal(unlock.length, 1);
    assert.ok(h.renders.at(-1)?.menu.some((i) => i.action === 'unlock-keychain'));
    assert.equal(h.renders.at(-1)?.model.state, 'fail');
    h.controller.trigger('resume');
    await h.time.advance(2000);
    assert.equal(h.notifications.filter((n) => n.actions.some((a) => a.id === 'unlock-keychain')).length, 1, 'cooldown: no second one');
    h.controller.stop();
  });

  test('notifications follow the settings', async () => {
    const quiet = {
      ...defaultSettings(),
      notifications: { keychainOnWake: false, failures: false, incidents: false, expiringToken: false },
    };
    let locked = false;
    const h = harness(() => makeReport(locked ? [lockedKeychain('darwin')] : []), quiet);
    h.controller.start();
    await h.time.advance(2000);
    locked = true;
    h.controller.trigger('resume');
    await h.time.advance(2000);
    assert.equal(h.notifications.length, 0);
    h.controller.stop();
  });

  test('Check Now resolves with a full, merged report', async () => {
    const h = harness(() => makeReport());
    h.controller.start();
    await h.time.advance(2000);
    const pending = h.controller.checkNow();
    await h.time.advance(2000);
    const report = await pending;
    assert.equal(report.checks.length, 12);
    assert.equal(h.runs.at(-1)?.length, 12);
    h.controller.stop();
  });

  test('a settings change rebuilds the cadence: status polling off means no status-only runs', async () => {
    const h = harness(() => makeReport());
    h.controller.start();
    await h.time.advance(2000);
    h.setSettings({ ...defaultSettings(), statusPolling: { enabled: false, intervalMinutes: 5 }, checkIntervalMinutes: 1440 });
    h.controller.applySettings();
    await h.time.advance(2000);
    const before = h.runs.length;
    await h.time.advance(20 * 60_000);
    assert.equal(h.runs.slice(before).filter((r) => r.length === 1 && r[0] === 'service.status').length, 0);
    h.controller.stop();
    await settle();
  });

  describe('a failure must last before it shows (time to visible)', () => {
    const SECOND = 1000;
    /** A world that is broken from `from` to `until` (ms after T0), healthy otherwise. */
    function flaky(broken: () => HealthReport, from: number, until: number) {
      const clock = { now: () => T0 };
      const h = harness(() => {
        const at = clock.now() - T0;
        return at >= from && at < until ? broken() : makeReport([], 'darwin', clock.now());
      });
      clock.now = () => h.time.clock.now();
      return h;
    }
    const faces = (h: ReturnType<typeof harness>, after = 0): string[] => h.renders.slice(after).map((r) => r.model.face);

    test('wake with DNS not back for 5 s: never red, no notification; "checking" meanwhile', async () => {
      const h = flaky(() => offline(h.time.clock.now()), 60 * SECOND, 65 * SECOND);
      h.controller.start();
      await h.time.advance(60 * SECOND);
      const before = h.renders.length;
      h.controller.trigger('resume');
      h.controller.trigger('network-change');
      await h.time.advance(2 * SECOND);
      assert.equal(h.renders.at(-1)?.model.face, 'checking', 'the verdict before sleep is stale; the new one is not confirmed');
      await h.time.advance(60 * SECOND);
      assert.ok(!faces(h, before).includes('fail'), `faces after wake: ${faces(h, before).join(' ')}`);
      assert.equal(h.renders.at(-1)?.model.face, 'ok');
      assert.deepEqual(h.notifications, []);
      h.controller.stop();
    });

    test('a VPN reconnecting for 8 s while awake: the tray stays as it was, no notification', async () => {
      const reconnecting = (): HealthReport => makeReport([tlsDown('timeout'), vpnUp, tokenUnconfirmed], 'darwin', h.time.clock.now());
      const h = flaky(reconnecting, 60 * SECOND, 68 * SECOND);
      h.controller.start();
      await h.time.advance(60 * SECOND);
      const before = h.renders.length;
      h.controller.trigger('network-change');
      await h.time.advance(60 * SECOND);
      assert.deepEqual([...new Set(faces(h, before))], ['ok']);
      assert.deepEqual(h.notifications, []);
      h.controller.stop();
    });

    test('a real failure that lasts: re-checked when due, then red, named as the network, notified once', async () => {
      const h = flaky(() => makeReport([dnsDown, tlsDown('dns'), tokenUnconfirmed], 'darwin', h.time.clock.now()), 60 * SECOND, Infinity);
      h.controller.start();
      await h.time.advance(60 * SECOND);
      const before = h.renders.length;
      const runsBefore = h.runs.length;
      h.controller.trigger('network-change');
      await h.time.advance(10 * SECOND);
      assert.ok(!faces(h, before).includes('fail'));
      assert.deepEqual(h.notifications, [], 'not yet: it may clear');
      await h.time.advance(10 * SECOND);
      assert.ok(h.runs.length - runsBefore >= 2, 'a re-check ran when the hold fell due');
      const last = h.renders.at(-1)?.model;
      assert.equal(last?.face, 'fail');
      assert.equal(last?.tooltip, 'Anthropic can’t be reached from this network');
      assert.equal(h.notifications.length, 1);
      assert.doesNotMatch(JSON.stringify(h.notifications), /token/i);
      await h.time.advance(5 * 60 * SECOND);
      assert.equal(h.notifications.length, 1, 'once per episode');
      h.controller.stop();
    });

    test('after wake, a failure that lasts shows once due (checking, then red), notified once', async () => {
      const h = flaky(() => offline(h.time.clock.now()), 60 * SECOND, Infinity);
      h.controller.start();
      await h.time.advance(60 * SECOND);
      h.controller.trigger('resume');
      await h.time.advance(5 * SECOND);
      assert.equal(h.renders.at(-1)?.model.face, 'checking');
      assert.deepEqual(h.notifications, []);
      await h.time.advance(15 * SECOND);
      assert.equal(h.renders.at(-1)?.model.face, 'fail');
      assert.equal(h.notifications.length, 1);
      h.controller.stop();
    });
  });
});
