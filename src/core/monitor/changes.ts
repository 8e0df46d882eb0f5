import type { CheckId, HealthReport, Status } from '../../shared/report.js';

/** One check whose status moved between two reports; `from` is null when it had not run before. */
export interface CheckChange {
  readonly id: CheckId;
  readonly from: Status | null;
  readonly to: Status;
  readonly summary: string;
}

/** Status changes only: summaries move on every run (the token countdown) and are not news. */
export function reportChanges(previous: HealthReport | null, next: HealthReport): CheckChange[] {
  const before = new Map(previous?.checks.map((c) => [c.id, c.status] as const) ?? []);
  return next.checks
    .filter((c) => before.get(c.id) !== c.status)
    .map((c) => ({ id: c.id, from: before.get(c.id) ?? null, to: c.status, summary: c.summary }));
}
