import { CHECK_IDS, type CheckId } from '../../shared/report.js';
import type { HistoryPoint } from '../../shared/ipc.js';

/**
 * Things that happen in the world and make the monitor look again. Electron main translates
 * `powerMonitor` / file / network events into these; `watch` does the same with fs.watch and
 * interface polling. Names follow Electron's powerMonitor where one exists.
 */
export const MONITOR_EVENTS = [
  'start',
  'resume',
  'unlock-screen',
  'network-change',
  'credentials-change',
  'environment-change',
  'manual',
  'fix',
] as const;
export type MonitorEvent = (typeof MONITOR_EVENTS)[number];

/**
 * Why a run happened: an outside event, or one of the monitor's own timers ('confirm': a cause
 * held back by its time to visible is due, so its checks run again to see whether it lasted).
 */
export type RunReason = MonitorEvent | 'expiry' | 'status-poll' | 'interval' | 'retry' | 'confirm';

export const AUTH_CHECKS: readonly CheckId[] = ['auth.method', 'auth.credentials', 'auth.token'];
export const NETWORK_CHECKS: readonly CheckId[] = ['network.dns', 'network.proxy', 'network.tls', 'network.vpn'];
export const STATUS_CHECKS: readonly CheckId[] = ['service.status'];

/**
 * The checks each reason re-runs. Wake goes straight to what locks on sleep (the keychain) and
 * what expires while asleep (the token); the status page is polled separately so a slow network
 * after wake never delays the keychain answer.
 */
export const CHECKS_FOR: Readonly<Record<RunReason, readonly CheckId[]>> = {
  start: CHECK_IDS,
  manual: CHECK_IDS,
  fix: CHECK_IDS,
  interval: CHECK_IDS,
  resume: ['keychain', ...AUTH_CHECKS],
  'unlock-screen': ['keychain', ...AUTH_CHECKS],
  'credentials-change': AUTH_CHECKS,
  // The user's shell now sets other variables (a key, a proxy, PATH): everything may read differently.
  'environment-change': CHECK_IDS,
  expiry: AUTH_CHECKS,
  'network-change': NETWORK_CHECKS,
  'status-poll': STATUS_CHECKS,
  retry: [],
  confirm: [],
};

/** When several reasons land in one run, the most telling one names it (history, NDJSON). */
export const REASON_RANK: readonly RunReason[] = [
  'manual',
  'fix',
  'resume',
  'unlock-screen',
  'credentials-change',
  'environment-change',
  'network-change',
  'expiry',
  'confirm',
  'start',
  'interval',
  'status-poll',
  'retry',
];

export function isWake(reason: RunReason | null): boolean {
  return reason === 'resume' || reason === 'unlock-screen';
}

export function isMonitorEvent(value: unknown): value is MonitorEvent {
  return typeof value === 'string' && (MONITOR_EVENTS as readonly string[]).includes(value);
}

/** The wizard's history strip speaks a smaller vocabulary (src/shared/ipc.ts HistoryPoint). */
export const HISTORY_EVENT: Readonly<Record<RunReason, HistoryPoint['event']>> = {
  start: 'start',
  manual: 'manual',
  fix: 'fix',
  interval: 'timer',
  retry: 'timer',
  resume: 'wake',
  'unlock-screen': 'unlock-screen',
  'credentials-change': 'file',
  'environment-change': 'file',
  expiry: 'expiry',
  'network-change': 'network',
  'status-poll': 'timer',
  confirm: 'timer',
};
