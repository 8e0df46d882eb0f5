import type { CheckId, HealthReport } from '../../shared/report.js';
import type { VerificationView } from './types.js';

export function verification(report: HealthReport, verifies: readonly CheckId[]): VerificationView {
  const checks = verifies.flatMap((id) => {
    const check = report.checks.find((c) => c.id === id);
    return check ? [{ id, status: check.status, summary: check.summary }] : [];
  });
  if (checks.length === 0) return { passed: null, checks };
  return { passed: checks.every((c) => c.status === 'ok' || c.status === 'skip'), checks };
}
