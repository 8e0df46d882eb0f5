import { FIX_TITLES } from '../shared/fix-titles.js';
import type { HealthReport, Status } from '../shared/report.js';
import type { Paint } from './style.js';

const MARK: Record<Status, string> = { ok: '✓', warn: '!', fail: '✗', unknown: '?', skip: '-' };

/** Short human output: a headline, one line per check, the reasons for what is wrong, the plan. */
export function renderHuman(report: HealthReport, paint: Paint): string {
  const lines: string[] = [];
  const head: Record<HealthReport['overall'], string> = {
    ok: 'Claude Code sign-in looks healthy',
    warn: 'Claude Code sign-in works, with warnings',
    fail: 'Claude Code sign-in is broken',
    unknown: 'Could not confirm Claude Code sign-in',
  };
  lines.push(paint.bold(paint.status(report.overall, head[report.overall])));
  const width = Math.max(...report.checks.map((c) => c.id.length), 8);
  for (const check of report.checks) {
    const mark = paint.status(check.status, MARK[check.status]);
    lines.push(`${mark} ${check.id.padEnd(width)}  ${check.status === 'skip' ? paint.dim(check.summary) : check.summary}`);
  }
  const explained = report.checks.filter((c) => (c.status === 'fail' || c.status === 'warn' || c.status === 'unknown') && c.cause);
  if (explained.length > 0) {
    lines.push('', 'Why:');
    for (const check of explained) lines.push(`  ${paint.status(check.status, check.id)}: ${check.cause ?? ''}`);
  }
  if (report.plan.length > 0) {
    lines.push('', 'Plan:');
    report.plan.forEach((fix, i) => lines.push(`  ${i + 1}. ${FIX_TITLES[fix]} ${paint.dim(`(${fix})`)}`));
  }
  return lines.join('\n') + '\n';
}
