import { FIX_IDS, type CheckResult, type FixId, type Overall, type Status } from '../../shared/report.js';

/** fail beats warn beats unknown beats ok; skip never counts. */
export function overallOf(statuses: readonly Status[]): Overall {
  if (statuses.includes('fail')) return 'fail';
  if (statuses.includes('warn')) return 'warn';
  if (statuses.includes('unknown')) return 'unknown';
  return 'ok';
}

/**
 * The fixes the findings call for, deduplicated and ordered by the guide's decision tree
 * (FIX_IDS order). Failing checks' fixes come from warn and unknown checks too, because an
 * unknown token check behind a broken network is fixed by fixing the network.
 */
export function planFixes(checks: readonly CheckResult[]): FixId[] {
  const wanted = new Set<FixId>();
  for (const check of checks) {
    if (check.status === 'ok' || check.status === 'skip') continue;
    for (const fix of check.fixes) wanted.add(fix);
  }
  if (wanted.size === 0 && checks.some((c) => c.status === 'fail')) wanted.add('contact-support');
  return FIX_IDS.filter((id) => wanted.has(id));
}
