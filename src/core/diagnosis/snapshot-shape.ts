import { isCheckId, isFixId, STATUSES, type CheckResult, type HealthReport, type ReportContext } from '../../shared/report.js';

/** Who wrote a snapshot: a full `check`, `watch`, `wait`, the tray app, or `wizard --web`. */
export const SNAPSHOT_WRITERS = ['check', 'watch', 'wait', 'tray', 'wizard'] as const;
export type SnapshotWriter = (typeof SNAPSHOT_WRITERS)[number];

/**
 * The last report as a file (`status` prints it, `statusline` reads it): when it was taken, by
 * what, and a key of the environment it was taken in, so a terminal that sees another config dir,
 * other credential variables or (on macOS) another security session does not borrow it.
 */
export interface Snapshot {
  readonly kind: 'claude-auth-doctor/last-report';
  readonly version: 1;
  readonly takenAt: string;
  readonly by: SnapshotWriter;
  readonly environment: string;
  readonly report: HealthReport;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isTime = (value: unknown): value is string => isString(value) && Number.isFinite(Date.parse(value));

function isCheck(value: unknown): value is CheckResult {
  if (!isObject(value)) return false;
  return (
    isCheckId(value['id']) &&
    (STATUSES as readonly unknown[]).includes(value['status']) &&
    isString(value['title']) &&
    isString(value['summary']) &&
    (value['cause'] === null || isString(value['cause'])) &&
    Array.isArray(value['fixes']) &&
    value['fixes'].every(isFixId) &&
    typeof value['durationMs'] === 'number' &&
    isObject(value['evidence']) &&
    isObject(value['facts'])
  );
}

function isContext(value: unknown): value is ReportContext {
  if (!isObject(value)) return false;
  return (
    ['darwin', 'linux', 'win32'].includes(value['os'] as string) &&
    ['desktop', 'ssh', 'headless'].includes(value['session'] as string) &&
    isString(value['configDir']) &&
    typeof value['offline'] === 'boolean' &&
    typeof value['ssh'] === 'boolean'
  );
}

function isReport(value: unknown): value is HealthReport {
  if (!isObject(value) || value['schemaVersion'] !== 1) return false;
  const tool = value['tool'];
  return (
    isObject(tool) &&
    isString(tool['name']) &&
    isString(tool['version']) &&
    isTime(value['generatedAt']) &&
    ['ok', 'warn', 'fail', 'unknown'].includes(value['overall'] as string) &&
    isContext(value['context']) &&
    Array.isArray(value['checks']) &&
    value['checks'].every(isCheck) &&
    Array.isArray(value['plan']) &&
    value['plan'].every(isFixId) &&
    isObject(value['facts'])
  );
}

/** The snapshot in `text`, or why it is not one (a file the doctor reads back is checked, never trusted). */
export function parseSnapshot(text: string): Snapshot | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `it is not JSON (${(error as Error).message})`;
  }
  if (!isObject(value) || value['kind'] !== 'claude-auth-doctor/last-report') return 'it is not a snapshot of the doctor';
  if (value['version'] !== 1) return `it has version ${String(value['version'])}, not 1`;
  if (!isTime(value['takenAt']) || !(SNAPSHOT_WRITERS as readonly unknown[]).includes(value['by']) || !isString(value['environment']))
    return 'its time, writer or environment key is missing';
  if (!isReport(value['report'])) return 'its report does not have the shape of `check --json`';
  return value as unknown as Snapshot;
}
