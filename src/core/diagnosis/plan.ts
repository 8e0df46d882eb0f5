import type { CheckResult, FixId, Overall, ReportFacts, Status } from '../../shared/report.js';
import { findCauses, planFromFindings } from './findings.js';

/** fail beats warn beats unknown beats ok; skip never counts. */
export function overallOf(statuses: readonly Status[]): Overall {
  if (statuses.includes('fail')) return 'fail';
  if (statuses.includes('warn')) return 'warn';
  if (statuses.includes('unknown')) return 'unknown';
  return 'ok';
}

/**
 * The fixes the findings call for, deduplicated, the right one first: each cause's own fixes in the
 * guide's decision-tree order of causes (src/core/diagnosis/findings.ts). A cause another one
 * explains adds nothing (a token not confirmed while the network is down is fixed by the network).
 */
export function planFixes(checks: readonly CheckResult[], facts: ReportFacts = {}, now = Date.now()): FixId[] {
  return planFromFindings(findCauses(checks, facts, now));
}
