import type { HistoryPoint } from '../../shared/ipc.js';
import type { HealthReport } from '../../shared/report.js';
import { HISTORY_EVENT, type RunReason } from '../monitor/events.js';

export const HISTORY_WINDOW_MS = 24 * 60 * 60_000;
/** A run every minute for a day still fits; the oldest points go first. */
export const HISTORY_CAPACITY = 1440;

/** The point a report adds to the wizard's 24 h strip. A status poll that finds trouble is an 'incident'. */
export function historyPoint(report: HealthReport, reason: RunReason, note: string): HistoryPoint {
  const status = report.checks.find((c) => c.id === 'service.status');
  const incident = reason === 'status-poll' && (status?.status === 'fail' || status?.status === 'warn');
  return { at: report.generatedAt, overall: report.overall, event: incident ? 'incident' : HISTORY_EVENT[reason], note };
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

/** The ring main keeps for `history:get`. */
export interface History {
  record(report: HealthReport, reason: RunReason, note: string, now: number): void;
  points(now: number): readonly HistoryPoint[];
}

export function createHistory(windowMs: number = HISTORY_WINDOW_MS, capacity: number = HISTORY_CAPACITY): History {
  let points: HistoryPoint[] = [];
  return {
    record(report, reason, note, now) {
      points = appendHistory(points, historyPoint(report, reason, note), now, windowMs, capacity);
    },
    points(now) {
      points = points.filter((p) => now - Date.parse(p.at) <= windowMs);
      return points;
    },
  };
}
