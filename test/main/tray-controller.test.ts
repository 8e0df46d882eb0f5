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
import { T0, lockedKeychain, makeReport } from '../core/tray/sample-reports.js';

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
});
