import type { HealthReport } from '../shared/report.js';
import type { DoctorServiceHandle } from '../core/doctor/doctor-service.js';
import { HISTORY_EVENT, type MonitorEvent } from '../core/monitor/events.js';
import { createMonitor, type Monitor, type RunHints, type Timers } from '../core/monitor/scheduler.js';
import { NO_VISIBILITY, NOTHING_SHOWN, present, type Shown } from '../core/monitor/visibility.js';
import { decideNotifications, recordShown, type Notification } from '../core/notify/decide.js';
import { type ShownNotification } from '../core/notify/rules.js';
import type { Os } from '../core/io/os.js';
import type { Clock } from '../core/io/ports.js';
import type { Settings } from '../core/settings/schema.js';
import { monitorIntervals, notifyRules } from '../core/settings/runtime.js';
import { menuTemplate, type MenuItem } from '../core/tray/menu-template.js';
import { MAX_TOOLTIP, trayModel, truncate, type IconTheme, type TrayModel } from '../core/tray/tray-model.js';
import { NO_SERVERS, serversBadge, serversSection, type ServersView } from '../core/tray/servers.js';
import { CHECK_IDS, type CheckId } from '../shared/report.js';

/** What the Electron glue does with the controller's decisions; a test hands in a recording fake. */
export interface Shell {
  render(model: TrayModel, menu: readonly MenuItem[]): void;
  notify(notification: Notification): void;
}

export interface ControllerDeps {
  readonly os: Os;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly random: () => number;
  readonly service: DoctorServiceHandle;
  /** Runs the given checks in the app's world (diagnose with the monitor's hints). */
  readonly runChecks: (only: readonly CheckId[], hints: RunHints) => Promise<HealthReport>;
  readonly settings: () => Settings;
  readonly theme: () => IconTheme;
  readonly shell: Shell;
  readonly onError?: (error: unknown) => void;
  /** The servers' latest state (the Servers section and the tooltip's badge); none without it. */
  readonly servers?: () => ServersView;
}

export interface AppController {
  start(): void;
  stop(): void;
  trigger(event: MonitorEvent): void;
  /** A full check on request (tray "Check Now", the wizard's re-check); resolves with the merged report. */
  checkNow(): Promise<HealthReport>;
  /** Settings changed: the cadence is rebuilt, the next decisions use the new toggles. */
  applySettings(): void;
  /** Repaint the tray (the token countdown moves with the clock; the theme may have changed). */
  refresh(): void;
  current(): HealthReport | null;
}

/**
 * The tray app's behaviour without Electron: the monitor drives runs, each merged report goes to
 * the service (history, wizard push), the tray model and menu are recomputed, and the notification
 * decision says what to show. The glue in index.ts only applies what comes out.
 */
export function createAppController(deps: ControllerDeps): AppController {
  let shown: ShownNotification[] = [];
  /** What the tray last showed: a cause still inside its time to visible keeps this (monitor/visibility.ts). */
  let onScreen: Shown = NOTHING_SHOWN;
  let monitor: Monitor | null = null;
  const waiting: ((report: HealthReport) => void)[] = [];

  const refresh = (): void => {
    const actual = monitor?.current() ?? null;
    // Started and no report yet: the first run is on its way (it may wait for the user's shell).
    const checking = (monitor?.checking() ?? false) || (monitor !== null && actual === null);
    const now = deps.clock.now();
    const shownNow = actual ? present(actual, onScreen, monitor?.visibility() ?? NO_VISIBILITY, now) : null;
    const report = shownNow?.report ?? null;
    const local = trayModel(report, checking, deps.os, now, deps.theme(), shownNow?.settling ?? false);
    const servers = deps.servers?.() ?? NO_SERVERS;
    // The icon is the laptop's own health; a server that needs attention adds to the tooltip and marks its menu line.
    const badge = serversBadge(servers, now);
    const model = badge ? { ...local, tooltip: truncate(`${local.tooltip} · ${badge}`, MAX_TOOLTIP) } : local;
    deps.shell.render(model, menuTemplate(model, report, deps.os, serversSection(servers, now)));
  };

  const build = (): Monitor =>
    createMonitor({
      clock: deps.clock,
      timers: deps.timers,
      random: deps.random,
      intervals: monitorIntervals(deps.settings()),
      run: (only, _reason, hints) => deps.runChecks(only, hints),
      onReport: (report, info) => {
        deps.service.record(report, HISTORY_EVENT[info.reason]);
        const rules = notifyRules(deps.settings());
        const now = deps.clock.now();
        // Notifications speak of what is shown: a cause inside its time to visible is not news yet.
        const shownNow = present(report, onScreen, info.visibility, now);
        const previous = onScreen.report;
        onScreen = shownNow.shown;
        const decided = decideNotifications({ previous, next: shownNow.report, event: info.reason, rules, shown, now });
        shown = recordShown(shown, decided, now, rules);
        for (const notification of decided) deps.shell.notify(notification);
        // Any full run answers a pending "Check Now" (a settings change may have rebuilt the monitor meanwhile).
        if (info.only.length >= CHECK_IDS.length) for (const resolve of waiting.splice(0)) resolve(report);
        refresh();
      },
      onActivity: () => refresh(),
      onError: (error) => deps.onError?.(error),
    });

  return {
    start() {
      monitor = build();
      monitor.start();
      refresh();
    },
    stop() {
      monitor?.stop();
      monitor = null;
      onScreen = NOTHING_SHOWN;
    },
    trigger(event) {
      monitor?.trigger(event);
    },
    checkNow() {
      const current = monitor;
      if (!current) return Promise.reject(new Error('the monitor is not running'));
      const result = new Promise<HealthReport>((resolve) => waiting.push(resolve));
      current.trigger('manual');
      return result;
    },
    applySettings() {
      if (!monitor) return;
      monitor.stop();
      monitor = build();
      monitor.start();
      refresh();
    },
    refresh,
    current: () => monitor?.current() ?? null,
  };
}
