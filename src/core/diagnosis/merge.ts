import { CHECK_IDS, type CheckResult, type HealthReport } from '../../shared/report.js';
import { buildReport } from './build-report.js';

/**
 * The one way a partial run joins a whole report: the monitor runs a few checks at a time and a
 * fix step re-runs the checks it verifies, while the tray and the wizard always see a whole
 * report. Fresh results replace old ones, the rest carry over, and overall and plan are
 * recomputed. A status check answered "304 Not Modified" (a conditional poll) keeps the previous
 * verdict; a fix's re-check never sends validators, so that rule only ever applies to the monitor.
 */
export function mergeReport(previous: HealthReport | null, partial: HealthReport): HealthReport {
  if (!previous) return partial;
  const fresh = new Map(partial.checks.map((c) => [c.id, c] as const));
  const old = new Map(previous.checks.map((c) => [c.id, c] as const));
  const status = fresh.get('service.status');
  const kept = old.get('service.status');
  if (status && kept && status.facts.status?.httpStatus === 304) fresh.set('service.status', { ...kept, durationMs: status.durationMs });
  const checks = CHECK_IDS.map((id) => fresh.get(id) ?? old.get(id)).filter((c): c is CheckResult => c !== undefined);
  return buildReport({ checks, context: partial.context, version: partial.tool.version, now: Date.parse(partial.generatedAt) });
}
