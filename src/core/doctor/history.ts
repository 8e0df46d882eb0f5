import type { HistoryEvent, HistoryPoint } from '../../shared/ipc.js';
import type { HealthReport } from '../../shared/report.js';

export const HISTORY_WINDOW_MS = 24 * 60 * 60_000;
/** A run every minute for a day still fits; the oldest points go first. */
export const HISTORY_CAPACITY = 1440;

const EVENT_NOTES: Readonly<Record<HistoryEvent, string>> = {
  start: 'First check',
  timer: 'Scheduled check',
  wake: 'Woke from sleep',
  'unlock-screen': 'Screen unlocked',
  network: 'Network changed',
  file: 'Credentials file changed',
  expiry: 'Token expiry',
  incident: 'Anthropic incident',
  manual: 'Checked on request',
  fix: 'Checked after a fix step',
};

function troubled(report: HealthReport | null): boolean {
  const status = report?.checks.find((c) => c.id === 'service.status')?.status;
  return status === 'fail' || status === 'warn';
}

/**
 * The point a report adds to the wizard's 24 h strip. The run that first sees Anthropic in
 * trouble is an 'incident' named by the status check, unless a wake or a network change explains
 * the run better (the strip then shows why it ran).
 */
export function historyPoint(previous: HealthReport | null, report: HealthReport, event: HistoryEvent, note?: string): HistoryPoint {
  const incident = troubled(report) && !troubled(previous);
  const summary = report.checks.find((c) => c.id === 'service.status')?.summary ?? EVENT_NOTES.incident;
  return {
    at: report.generatedAt,
    overall: report.overall,
    event: incident && event !== 'wake' && event !== 'network' ? 'incident' : event,
    note: incident ? summary : (note ?? EVENT_NOTES[event]),
  };
}

/** Pure: the ring after adding a point: older than the window or beyond capacity drops off. */
export function appendHistory(
  points: readonly HistoryPoint[],
  point: HistoryPoint,
  now: number,
  windowMs: number = HISTORY_WINDOW_MS,
  capacity: number = HISTORY_CAPACITY,
): HistoryPoint[] {
  const fresh = [...points, point].filter((p) => now - Date.parse(p.at) <= windowMs);
  return fresh.slice(Math.max(0, fresh.length - capacity));
}

/** The ring behind `history:get`: the last 24 h of runs, seeded with points recorded before. */
export interface History {
  record(report: HealthReport, event: HistoryEvent, now: number, note?: string): void;
  points(now: number): readonly HistoryPoint[];
}

export function createHistory(
  initial: readonly HistoryPoint[] = [],
  windowMs: number = HISTORY_WINDOW_MS,
  capacity: number = HISTORY_CAPACITY,
): History {
  let points: HistoryPoint[] = [...initial];
  let previous: HealthReport | null = null;
  return {
    record(report, event, now, note) {
      points = appendHistory(points, historyPoint(previous, report, event, note), now, windowMs, capacity);
      previous = report;
    },
    points(now) {
      points = points.filter((p) => now - Date.parse(p.at) <= windowMs);
      return points;
    },
  };
}
