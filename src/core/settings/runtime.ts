import type { MonitorIntervals } from '../monitor/types.js';
import { DEFAULT_NOTIFY_RULES, type NotifyRules } from '../notify/rules.js';
import type { Settings } from './schema.js';

const MINUTE = 60_000;

/** The user's preferences as the monitor's cadence. Event-driven triggers are not settings. */
export function monitorIntervals(settings: Settings): Partial<MonitorIntervals> {
  return {
    fullCheckMs: settings.checkIntervalMinutes * MINUTE,
    statusPollMs: settings.statusPolling.enabled ? settings.statusPolling.intervalMinutes * MINUTE : 0,
  };
}

/** The user's notification toggles as the notification decision's input; cooldowns stay the defaults. */
export function notifyRules(settings: Settings): NotifyRules {
  const n = settings.notifications;
  return {
    ...DEFAULT_NOTIFY_RULES,
    enabled: n.failures || n.keychainOnWake || n.incidents || n.expiringToken,
    failures: n.failures,
    keychainOnWake: n.keychainOnWake,
    incidents: n.incidents,
    expiringToken: n.expiringToken,
  };
}
