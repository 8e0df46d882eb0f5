import { headerTone, headlineText, shownCauses, signedInLine } from '../shared/causes.js';
import { FIX_TITLES } from '../shared/fix-titles.js';
import type { FixId, HealthReport, Status } from '../shared/report.js';
import type { FixRunView, StepResult, StepView } from '../core/fixes/types.js';
import type { Paint } from './style.js';
import { hanging, wrapCommand } from './wrap.js';

const KIND: Record<StepView['kind'], string> = { info: 'info', run: 'run', 'user-action': 'you', link: 'link' };

function stepLines(step: StepView, paint: Paint, dryRun: boolean): string[] {
  const tag = step.kind === 'run' ? (step.automatable ? 'run, automatic' : 'run, asks first') : KIND[step.kind];
  const lines = [`  ${step.index + 1}. ${paint.bold(step.title)} ${paint.dim(`[${tag}]`)}`];
  for (const line of step.detail.split('\n')) lines.push(`     ${line}`);
  if (step.command) lines.push(`     ${paint.dim('$')} ${step.command}`);
  if (step.url) lines.push(`     → ${step.url}`);
  if (step.kind === 'run') {
    for (const effect of step.effects) lines.push(`     ${paint.dim(dryRun ? `would: ${effect}` : `· ${effect}`)}`);
    if (step.undo && dryRun) lines.push(`     ${paint.dim(`undo: ${step.undo}`)}`);
  }
  return lines;
}

export function runText(run: FixRunView, position: string, paint: Paint, dryRun: boolean): string {
  const lines = ['', paint.bold(`Fix ${position}: ${run.title}`) + ` ${paint.dim(`(${run.fixId})`)}`, `  ${run.why}`];
  if (run.verifies.length > 0) lines.push(paint.dim(`  Verified by: ${run.verifies.join(', ')}`));
  for (const step of run.steps) lines.push(...stepLines(step, paint, dryRun));
  return lines.join('\n') + '\n';
}

const MARK: Record<Status, string> = { ok: '✓', warn: '!', fail: '✗', unknown: '?', skip: '-' };

/**
 * A step's outcome. Green "done" only when the step worked and nothing it verifies still fails:
 * a step that worked while the checks still fail (signed out, now sign in) says "done" plainly
 * and "not fixed yet". Checks by the titles people read in the wizard.
 */
export function resultText(result: StepResult, paint: Paint, width = 80, next: string | null = null): string {
  // A middle state (signed out, now sign in): the checks it leaves failing are expected, said plainly, not in red.
  const middle = next !== null && result.ok && result.verification.passed === false;
  const unresolved = result.verification.passed === false;
  const [mark, tone] = !result.ok ? ['✗ failed', 'fail'] : unresolved ? ['· done', null] : ['✓ done', 'ok'];
  const [first = '', ...rest] = hanging(`     ${mark}: `, result.message, width, 7);
  const lines = [tone ? first.replace(mark, paint.status(tone as Status, mark)) : first, ...rest];
  if (result.backupId)
    lines.push(
      ...hanging('     ', `backup ${result.backupId} (undo: claude-auth-doctor undo ${result.backupId})`, width, 7).map(paint.dim),
    );
  const titles = new Map(result.report.checks.map((c) => [c.id, c.title] as const));
  for (const check of result.verification.checks) {
    const [line = '', ...more] = hanging(`     ${MARK[check.status]} ${titles.get(check.id) ?? check.id}: `, check.summary, width, 7);
    lines.push(middle ? paint.dim(line) : line.replace(MARK[check.status], paint.status(check.status, MARK[check.status])), ...more);
  }
  if (middle) {
    lines.push(`     Next: ${next}.`);
    return lines.join('\n') + '\n';
  }
  const causes = shownCauses(result.report);
  const onlyThisTerminal = causes.length > 0 && causes.every((f) => f.code === 'stale-terminal');
  if (result.verification.passed === true) lines.push(`     ${paint.status('ok', 'Verified: the checks pass.')}`);
  else if (unresolved && result.ok && onlyThisTerminal)
    lines.push(`     ${paint.status('ok', 'Verified in a new terminal;')} only this one still has the old value.`);
  else if (unresolved && result.ok) lines.push(`     ${paint.status('warn', 'Not fixed yet.')}`);
  return lines.join('\n') + '\n';
}

/** The leading cause in plain words (the wizard's headline), then each cause found, one line each. */
export function headline(report: HealthReport, paint: Paint, width = 80): string {
  const causes = shownCauses(report);
  const lines = [paint.bold(paint.status(headerTone(report), headlineText(report)))];
  for (const cause of causes) {
    const [first = '', ...rest] = hanging(`  ${MARK[cause.severity]} `, cause.detail, width, 4);
    lines.push(first.replace(MARK[cause.severity], paint.status(cause.severity, MARK[cause.severity])), ...rest);
  }
  return lines.join('\n') + '\n';
}

/**
 * The first sentence of a text (the rest is in `--dry-run` and the wizard's More). A line that
 * ends without punctuation ("Found:" then "~/.zshrc:2: export …") ends its sentence there.
 */
function firstSentence(text: string): string {
  const sentences = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, i, all) => (i < all.length - 1 && !/[.!?:]$/.test(line) ? `${line}.` : line))
    .join(' ')
    .replace(/\s+/g, ' ');
  const match = /^(.{20,}?[.!?])(\s|$)/s.exec(sentences);
  return match?.[1] ?? sentences;
}

/** In a terminal walk: the fix in a few lines, its steps by title. */
export function runSummary(run: FixRunView, position: string, paint: Paint, width: number): string {
  const lines = ['', paint.bold(`Fix ${position}: ${run.title}`), ...hanging('  ', firstSentence(run.why), width, 2)];
  const acting = run.steps.filter((s) => s.kind === 'run' || s.kind === 'user-action');
  acting.forEach((s, i) => lines.push(paint.dim(`  ${i + 1}. ${s.title}`)));
  return lines.join('\n') + '\n';
}

/** A step about to be asked: its title, what it does (one sentence, wrapped), the command. */
export function stepIntro(step: StepView, paint: Paint, width: number): string {
  const lines = ['', `  ${paint.bold(step.title)}`];
  if (step.detail.trim()) lines.push(...hanging('     ', firstSentence(step.detail), width, 5));
  if (step.command) {
    // A command to copy wraps only where the shell joins it again, after a prompt sign; what a run
    // step does is plain words, not a command, so it gets no prompt sign.
    const [first = '', ...rest] =
      step.kind === 'user-action' ? wrapCommand('     $ ', step.command, width, 7) : hanging('     does: ', step.command, width, 7);
    lines.push(step.kind === 'user-action' ? first.replace('$', paint.dim('$')) : first.replace('does:', paint.dim('does:')), ...rest);
  }
  if (step.url) lines.push(...hanging('     → ', step.url, width, 7));
  return lines.join('\n') + '\n';
}

const SUPPORT_URL = 'https://support.claude.com';

/**
 * How a `fix` run ends, so none is a dead end (the wizard's endings, in a terminal's words): a
 * verified success; for an outage, that nothing here needs changing and how to be told when it is
 * over; otherwise what is still wrong and the next option (a fix not tried yet, or support).
 */
export function endingText(report: HealthReport, tried: readonly FixId[], paint: Paint, width = 80): string {
  const causes = shownCauses(report);
  const stale = causes.find((f) => f.code === 'stale-terminal');
  const lines: string[] = [];
  const say = (text: string): void => void lines.push(...hanging('  ', text, width, 2));
  if (report.overall === 'ok' || (causes.length > 0 && causes.every((f) => f.code === 'stale-terminal'))) {
    lines.push(paint.bold(paint.status('ok', '✓ Fixed: Claude Code will work')));
    say([signedInLine(report), stale ? 'new terminals use your login' : 'every check passes'].filter(Boolean).join(' · '));
    if (stale) say(`${stale.detail}: open a new terminal and run \`claude\` there.`);
    return lines.join('\n') + '\n';
  }
  const lead = causes[0];
  if (lead && (lead.code === 'service-outage' || lead.code === 'service-degraded')) {
    lines.push(paint.bold(paint.status('warn', 'Anthropic is still working on it')));
    say('Nothing on this machine needs changing; leave your login as it is.');
    say('To be told when it is over: `claude-auth-doctor wait` (it returns once Claude works again).');
    return lines.join('\n') + '\n';
  }
  lines.push(paint.bold(paint.status(lead?.severity ?? report.overall, 'That did not fix it yet')));
  if (lead) say(`Still: ${lead.title.charAt(0).toLowerCase()}${lead.title.slice(1)}.`);
  const untried = report.plan.find((id) => !tried.includes(id));
  if (untried) say(`Next: ${FIX_TITLES[untried]}: \`claude-auth-doctor fix ${untried}\``);
  else say(`Next: ask Claude support (${SUPPORT_URL}) and attach the report \`claude-auth-doctor report\` writes (no secrets in it).`);
  return lines.join('\n') + '\n';
}
