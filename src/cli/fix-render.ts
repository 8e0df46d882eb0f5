import type { HealthReport, Status } from '../shared/report.js';
import type { FixRunView, StepResult, StepView } from '../core/fixes/types.js';
import type { Paint } from './style.js';

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

export function resultText(result: StepResult, paint: Paint): string {
  const lines = [`     ${result.ok ? paint.status('ok', '✓ done') : paint.status('fail', '✗ failed')}: ${result.message}`];
  if (result.backupId) lines.push(paint.dim(`     backup ${result.backupId} (undo: claude-auth-doctor undo ${result.backupId})`));
  for (const check of result.verification.checks)
    lines.push(`     ${paint.status(check.status, MARK[check.status])} ${check.id}: ${check.summary}`);
  if (result.verification.passed === true) lines.push(`     ${paint.status('ok', 'Verified: the checks pass.')}`);
  return lines.join('\n') + '\n';
}

export function headline(report: HealthReport, paint: Paint): string {
  const words: Record<HealthReport['overall'], string> = {
    ok: 'Claude Code sign-in looks healthy',
    warn: 'Claude Code sign-in works, with warnings',
    fail: 'Claude Code sign-in is broken',
    unknown: 'Could not confirm Claude Code sign-in',
  };
  const lines = [paint.bold(paint.status(report.overall, words[report.overall]))];
  for (const check of report.checks) {
    if (check.status === 'fail' || check.status === 'warn' || check.status === 'unknown')
      lines.push(`  ${paint.status(check.status, MARK[check.status])} ${check.id}: ${check.summary}`);
  }
  return lines.join('\n') + '\n';
}
