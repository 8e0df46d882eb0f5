import { FIX_TITLES } from '../shared/fix-titles.js';
import type { HealthReport, Status } from '../shared/report.js';
import type { Paint } from './style.js';
import { hanging } from './wrap.js';

const MARK: Record<Status, string> = { ok: '✓', warn: '!', fail: '✗', unknown: '?', skip: '-' };

const HEAD: Record<HealthReport['overall'], string> = {
  ok: 'Claude Code is signed in and ready',
  warn: 'Claude Code works, with warnings',
  fail: 'Claude Code can’t work right now',
  unknown: 'Couldn’t confirm Claude Code can sign in',
};

/**
 * Short human output, in the wizard's words: the leading cause as the headline and what happens
 * next, one line per check by its title, what was found for each cause, then the plan. Ids stay
 * in `--json` and `--only`; lines wrap to `width` with a hanging indent.
 */
export function renderHuman(report: HealthReport, paint: Paint, width = 80): string {
  const causes = (report.findings ?? []).filter((f) => f.suppressedBy === null);
  const lead = causes[0];
  const lines: string[] = [];
  const tone = lead ? (lead.code.startsWith('service-') ? 'warn' : lead.severity) : report.overall;
  lines.push(paint.bold(paint.status(tone, lead?.title ?? HEAD[report.overall])));
  if (lead) lines.push(...hanging('', lead.next, width, 0));
  lines.push('');
  const titleWidth = Math.min(Math.max(...report.checks.map((c) => c.title.length), 8), 24);
  for (const check of report.checks) {
    const head = `${MARK[check.status]} ${check.title.padEnd(titleWidth)}  `;
    const wrapped = hanging(head, check.summary, width, head.length);
    const [first = '', ...rest] = wrapped;
    const painted = paint.status(check.status, MARK[check.status]) + first.slice(MARK[check.status].length);
    lines.push(check.status === 'skip' ? paint.dim(first) : painted, ...rest.map((l) => (check.status === 'skip' ? paint.dim(l) : l)));
  }
  if (causes.length > 0) {
    lines.push('', 'What was found:');
    for (const cause of causes) {
      const head = `  ${MARK[cause.severity]} `;
      const [first = '', ...rest] = hanging(head, `${cause.title}: ${cause.detail}`, width, head.length);
      lines.push(paint.status(cause.severity, first), ...rest);
    }
  }
  if (report.plan.length > 0) {
    lines.push('', 'Plan:');
    report.plan.forEach((fix, i) => lines.push(`  ${i + 1}. ${FIX_TITLES[fix]}`));
    lines.push('', paint.dim(`Run \`claude-auth-doctor fix\` to walk it (\`--json\` for ids and causes).`));
  }
  return lines.join('\n') + '\n';
}
