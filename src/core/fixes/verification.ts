import { CHECK_IDS, type CheckId, type HealthReport } from '../../shared/report.js';
import { buildReport } from '../diagnosis/build-report.js';
import type { VerificationView } from './types.js';

/** The full report with the re-run checks replaced, overall and plan recomputed. */
export function mergeReport(base: HealthReport, fresh: HealthReport): HealthReport {
  const byId = new Map(base.checks.map((c) => [c.id, c]));
  for (const check of fresh.checks) byId.set(check.id, check);
  const checks = CHECK_IDS.flatMap((id) => byId.get(id) ?? []);
  return buildReport({ checks, context: fresh.context, version: fresh.tool.version, now: Date.parse(fresh.generatedAt) || Date.now() });
}

export function verification(report: HealthReport, verifies: readonly CheckId[]): VerificationView {
  const checks = verifies.flatMap((id) => {
    const check = report.checks.find((c) => c.id === id);
    return check ? [{ id, status: check.status, summary: check.summary }] : [];
  });
  if (checks.length === 0) return { passed: null, checks };
  return { passed: checks.every((c) => c.status === 'ok' || c.status === 'skip'), checks };
}
