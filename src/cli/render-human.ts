import { FIX_TITLES } from '../shared/fix-titles.js';
import { headerTone, headlineText, shownCauses } from '../shared/causes.js';
import type { Finding, HealthReport, Status } from '../shared/report.js';
import type { Paint } from './style.js';
import { hanging } from './wrap.js';

const MARK: Record<Status, string> = { ok: '✓', warn: '!', fail: '✗', unknown: '?', skip: '-' };

const FIX = '`claude-auth-doctor fix`';

/**
 * What happens next, said where it is read: in a terminal, the command to type (the cause's
 * `next` is written for the app's window and tray, where "the app" acts), and on a desktop
 * the wizard as the other way.
 */
export function nextInTerminal(finding: Finding, report: HealthReport): string {
  const wizard = report.context.display ? ' (or `claude-auth-doctor wizard` in a window)' : '';
  switch (finding.code) {
    case 'service-outage':
    case 'service-degraded':
      return 'Leave your login as it is; `claude-auth-doctor wait` returns once it is over.';
    case 'stale-terminal':
      return finding.next;
    case 'clock-wrong':
      return 'Turn on network time, then run `claude-auth-doctor check` again.';
    case 'network-down':
      return 'Check Wi-Fi, VPN or proxy, then run `claude-auth-doctor check` again.';
    case 'login-damaged':
      return `Run ${FIX}: it moves the file aside, then signs you in right there${wizard}.`;
    case 'login-expired':
    case 'not-signed-in':
    case 'login-ending':
      return `Run ${FIX}: it signs you in right there and checks it works${wizard}.`;
    case 'variable-overrides-login':
      return `Run ${FIX}: it removes it where it is set (undo puts it back)${wizard}.`;
    case 'tls-intercepted':
      return `Run ${FIX}: it walks you through trusting your company’s certificate${wizard}.`;
    default:
      return finding.fixes.length > 0
        ? `Run ${FIX} to walk the plan below${wizard}.`
        : 'Nothing to do now; run `claude-auth-doctor check` again later.';
  }
}

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
  if (lead) lines.push(...hanging('', nextInTerminal(lead, report), width, 0));
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
