import { headerTone, headlineText, shownCauses } from '../shared/causes.js';
import type { HealthReport, Status } from '../shared/report.js';
import type { FixRunView, StepResult, StepView } from '../core/fixes/types.js';
import type { Paint } from './style.js';
import { hanging } from './wrap.js';

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
export function resultText(result: StepResult, paint: Paint, width = 80): string {
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
    lines.push(line.replace(MARK[check.status], paint.status(check.status, MARK[check.status])), ...more);
  }
  if (result.verification.passed === true) lines.push(`     ${paint.status('ok', 'Verified: the checks pass.')}`);
  else if (unresolved && result.ok) lines.push(`     ${paint.status('warn', 'Not fixed yet.')}`);
  return lines.join('\n') + '\n';
}

/** The leading cause in plain words (the wizard's headline), then each cause found, one line each. */
export function headline(report: HealthReport, paint: Paint): string {
  const causes = shownCauses(report);
  const lines = [paint.bold(paint.status(headerTone(report), headlineText(report)))];
  for (const cause of causes) lines.push(`  ${paint.status(cause.severity, MARK[cause.severity])} ${cause.detail}`);
  return lines.join('\n') + '\n';
}

/** The first sentence of a text (the rest is in `--dry-run` and the wizard's More). */
function firstSentence(text: string): string {
  const match = /^(.{20,}?[.!?])(\s|$)/s.exec(text.replace(/\s+/g, ' ').trim());
  return match?.[1] ?? text;
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
  const lines = ['', `  ${paint.bold(step.title)}`, ...hanging('     ', firstSentence(step.detail), width, 5)];
  if (step.command) lines.push(`     ${paint.dim('$')} ${step.command}`);
  return lines.join('\n') + '\n';
}
