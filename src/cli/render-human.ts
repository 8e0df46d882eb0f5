import { FIX_TITLES } from '../shared/fix-titles.js';
import { headerTone, headlineText, shownCauses } from '../shared/causes.js';
import type { HealthReport, Status } from '../shared/report.js';
import type { Paint } from './style.js';
import { hanging } from './wrap.js';

const MARK: Record<Status, string> = { ok: '✓', warn: '!', fail: '✗', unknown: '?', skip: '-' };

/**
 * Short human output, in the wizard's words: the leading cause as the headline and what happens
 * next, each check that did not pass by its title (the rest in one line), then the plan. Ids
 * stay in `--json` and `--only`; lines wrap to `width` with a hanging indent.
 */
export function renderHuman(report: HealthReport, paint: Paint, width = 80): string {
  const causes = shownCauses(report);
  const lead = causes[0];
  const lines: string[] = [];
  const tone = headerTone(report);
  lines.push(paint.bold(paint.status(tone, headlineText(report))));
  if (lead) lines.push(...hanging('', lead.next, width, 0));
  lines.push('');
  // What did not pass, one line each (by the titles the wizard shows); the rest in one line, so
  // the answer fits one 80×24 screen. A healthy report lists every check.
  const open = report.overall === 'ok' ? report.checks : report.checks.filter((c) => c.status !== 'ok' && c.status !== 'skip');
  const titleWidth = Math.min(Math.max(...open.map((c) => c.title.length), 8), 24);
  for (const check of open) {
    const head = `${MARK[check.status]} ${check.title.padEnd(titleWidth)}  `;
    const [first = '', ...rest] = hanging(head, check.summary, width, head.length);
    const painted = paint.status(check.status, MARK[check.status]) + first.slice(MARK[check.status].length);
    lines.push(check.status === 'skip' ? paint.dim(first) : painted, ...rest.map((l) => (check.status === 'skip' ? paint.dim(l) : l)));
  }
  if (open.length < report.checks.length) {
    const passing = report.checks.filter((c) => c.status === 'ok').length;
    const skipped = report.checks.filter((c) => c.status === 'skip').length;
    const rest = [passing > 0 ? `${passing} more pass` : null, skipped > 0 ? `${skipped} skipped` : null].filter(Boolean).join(' · ');
    lines.push(paint.dim(`${MARK.ok} ${rest} (--json lists every check)`));
  }
  if (report.plan.length > 0) {
    lines.push('', 'Plan:');
    report.plan.forEach((fix, i) => lines.push(`  ${i + 1}. ${FIX_TITLES[fix]}`));
    lines.push('', paint.dim(`Run \`claude-auth-doctor fix\` to walk it (\`--json\` for ids and causes).`));
  }
  return lines.join('\n') + '\n';
}
