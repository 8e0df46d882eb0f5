import { parseArgs } from 'node:util';
import { FIX_IDS, isFixId, type CheckId, type FixId, type HealthReport, type Status } from '../../shared/report.js';
import { appDataDir } from '../../core/platform/app-dirs.js';
import { diagnose } from '../../core/diagnosis/diagnose.js';
import { createProbeEnv } from '../../core/probes/probe-env.js';
import { acquireFixLock, type FixLock, type LockHolder } from '../../core/fixes/lock.js';
import { createFixEngine, type FixEngine } from '../../core/fixes/fix-engine.js';
import type { FixSessionView, StepResult, StepView } from '../../core/fixes/types.js';
import { redactText } from '../../core/redact/redact.js';
import { DEFAULT_PROBE_BUDGET_MS } from '../../core/probes/budget.js';
import { EXIT, exitCodeFor } from '../exit-codes.js';
import { writeOut } from '../output.js';
import { createPrompter, PromptAborted, readAll, type Prompter } from '../prompt.js';
import { makePaint, wantsColor, type Paint } from '../style.js';
import { UsageError } from '../usage.js';
import { toolVersion } from '../version.js';

interface FixFlags {
  readonly fixId: FixId | null;
  readonly yes: boolean;
  readonly dryRun: boolean;
  readonly stdin: boolean;
  readonly offline: boolean;
  readonly timeoutMs: number;
  readonly color: boolean;
}

function parseFixFlags(args: string[]): FixFlags {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        yes: { type: 'boolean', short: 'y', default: false },
        'dry-run': { type: 'boolean', default: false },
        stdin: { type: 'boolean', default: false },
        offline: { type: 'boolean', default: false },
        timeout: { type: 'string' },
        'no-color': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`fix takes at most one fix id (got ${positionals.length}).`);
  const id = positionals[0];
  if (id !== undefined && !isFixId(id)) throw new UsageError(`Unknown fix "${id}". Fix ids: ${FIX_IDS.join(', ')}.`);
  let timeoutMs = DEFAULT_PROBE_BUDGET_MS;
  if (values.timeout !== undefined) {
    timeoutMs = Number(values.timeout);
    if (!/^\d+$/.test(values.timeout) || timeoutMs < 100 || timeoutMs > 600_000)
      throw new UsageError(`--timeout takes milliseconds between 100 and 600000 (got "${values.timeout}").`);
  }
  return {
    fixId: id ?? null,
    yes: values.yes === true,
    dryRun: values['dry-run'] === true,
    stdin: values.stdin === true,
    offline: values.offline === true,
    timeoutMs,
    color: values['no-color'] !== true,
  };
}

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

function sessionText(session: FixSessionView, position: string, paint: Paint, dryRun: boolean): string {
  const lines = ['', paint.bold(`Fix ${position}: ${session.title}`) + ` ${paint.dim(`(${session.fixId})`)}`, `  ${session.why}`];
  if (session.verifies.length > 0) lines.push(paint.dim(`  Verified by: ${session.verifies.join(', ')}`));
  for (const step of session.steps) lines.push(...stepLines(step, paint, dryRun));
  return lines.join('\n') + '\n';
}

const MARK: Record<Status, string> = { ok: '✓', warn: '!', fail: '✗', unknown: '?', skip: '-' };

function resultText(result: StepResult, paint: Paint): string {
  const lines = [`     ${result.ok ? paint.status('ok', '✓ done') : paint.status('fail', '✗ failed')}: ${result.message}`];
  if (result.backupId) lines.push(paint.dim(`     backup ${result.backupId} (undo: claude-auth-doctor undo ${result.backupId})`));
  for (const check of result.verification.checks)
    lines.push(`     ${paint.status(check.status, MARK[check.status])} ${check.id}: ${check.summary}`);
  if (result.verification.passed === true) lines.push(`     ${paint.status('ok', 'Verified: the checks pass.')}`);
  return lines.join('\n') + '\n';
}

function headline(report: HealthReport, paint: Paint): string {
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

type Choice = 'run' | 'skip' | 'quit';

async function choose(prompter: Prompter, question: string): Promise<Choice> {
  for (;;) {
    const answer = (await prompter.ask(question)).trim().toLowerCase();
    if (answer === '' || answer === 'y' || answer === 'yes' || answer === 'r') return 'run';
    if (answer === 's' || answer === 'n' || answer === 'skip') return 'skip';
    if (answer === 'q' || answer === 'quit') return 'quit';
  }
}

interface Walk {
  readonly service: FixEngine;
  readonly paint: Paint;
  readonly flags: FixFlags;
  readonly prompter: Prompter | null;
  /** The key from --stdin, read once when a step first needs it. */
  secret: () => Promise<string | null>;
  failed: boolean;
}

/** Walks one fix's steps; returns the latest report and whether the user quit. */
async function walkFix(walk: Walk, session: FixSessionView, report: HealthReport): Promise<{ report: HealthReport; quit: boolean }> {
  let latest = report;
  for (const step of session.steps) {
    const tag = `  Step ${step.index + 1} – ${step.title}`;
    if (step.kind === 'info' || step.kind === 'link') continue;
    let input: { secret?: string } | undefined;
    if (walk.prompter) {
      const question =
        step.kind === 'run' ? `${tag}: [Enter] run · s skip · q quit ` : `${tag}: do it now, then [Enter] to check · s skip · q quit `;
      const choice = await choose(walk.prompter, question);
      if (choice === 'quit') return { report: latest, quit: true };
      if (choice === 'skip') continue;
      if (step.input) input = { secret: await walk.prompter.secret(`     ${step.input.label} (not shown): `) };
    } else {
      if (step.kind !== 'run') continue;
      if (!step.automatable) {
        await writeOut(
          walk.paint.dim(`${tag}: skipped; it asks first. Run \`claude-auth-doctor fix ${session.fixId}\` in a terminal to do it.\n`),
        );
        continue;
      }
      if (step.input) {
        const secret = await walk.secret();
        if (secret === null) {
          await writeOut(
            walk.paint.dim(`${tag}: skipped; it needs ${step.input.label}: pipe it in with --stdin (never on the command line).\n`),
          );
          continue;
        }
        input = { secret };
      }
      await writeOut(`${tag}\n`);
    }
    const result = await walk.service.runStep(session.runId, step.index, input);
    latest = result.report;
    if (step.kind === 'run' && !result.ok) walk.failed = true;
    await writeOut(resultText(result, walk.paint));
  }
  return { report: latest, quit: false };
}

export async function runFix(args: string[]): Promise<number> {
  const flags = parseFixFlags(args);
  const paint = makePaint(wantsColor(process.stdout, process.env, flags.color));
  const probeEnv = createProbeEnv();
  const dataDir = appDataDir(process.env, probeEnv.platform.os, probeEnv.homeDir);
  const check = (only?: readonly CheckId[]) =>
    diagnose({ offline: flags.offline, timeoutMs: flags.timeoutMs, only, version: toolVersion(), probeEnv });
  const onWait = (holder: LockHolder | null): void => {
    process.stderr.write(`Waiting for another fix run${holder ? ` (process ${holder.pid})` : ''} to finish…\n`);
  };
  const service = createFixEngine({ probeEnv, dataDir, diagnose: check, onLockWait: onWait });

  let report = await check();
  await writeOut(headline(report, paint));
  const plan: FixId[] = flags.fixId ? [flags.fixId] : [...report.plan];
  if (plan.length === 0) {
    await writeOut(
      report.overall === 'ok' ? 'Nothing to fix.\n' : 'No fix applies to what was found; see `claude-auth-doctor check` for details.\n',
    );
    return exitCodeFor(report.overall);
  }

  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true && !flags.yes && !flags.dryRun && !flags.stdin;
  if (!flags.fixId && flags.yes && !flags.dryRun) {
    // Unattended, act only on what fails: a warning (say, a BOM in the login file) never signs anyone out.
    const asked = new Set(report.checks.filter((c) => c.status === 'fail').flatMap((c) => c.fixes));
    const skipped = plan.filter((fixId) => !asked.has(fixId));
    if (skipped.length > 0)
      process.stderr.write(
        `--yes acts only on what fails; not run: ${skipped.join(', ')} (run one with: claude-auth-doctor fix <id> --yes).\n`,
      );
    plan.splice(0, plan.length, ...plan.filter((fixId) => asked.has(fixId)));
    if (plan.length === 0) {
      await writeOut('Nothing fails, so nothing was run.\n');
      return exitCodeFor(report.overall);
    }
  }
  if (flags.dryRun || (!interactive && !flags.yes)) {
    for (const [i, fixId] of plan.entries())
      await writeOut(sessionText(await service.start(fixId, report), `${i + 1}/${plan.length}`, paint, flags.dryRun));
    if (flags.dryRun) {
      await writeOut('\nDry run: nothing was changed.\n');
      return exitCodeFor(report.overall);
    }
    process.stderr.write(
      '\nNot a terminal, so nothing was run. Re-run with --yes to run the automatic steps, or run it in a terminal to be asked before each step.\n',
    );
    return EXIT.warn;
  }

  let lock: FixLock;
  try {
    lock = await acquireFixLock(dataDir, { onWait });
  } catch (error) {
    process.stderr.write(`claude-auth-doctor: ${redactText((error as Error).message)}\n`);
    return EXIT.fail;
  }
  const prompter = interactive ? createPrompter(process.stdin, process.stdout) : null;
  let stdinSecret: Promise<string | null> | null = null;
  const walk: Walk = {
    service,
    paint,
    flags,
    prompter,
    failed: false,
    secret: () => (stdinSecret ??= flags.stdin ? readAll(process.stdin).then((s) => s.trim() || null) : Promise.resolve(null)),
  };
  try {
    for (const [i, fixId] of plan.entries()) {
      if (!flags.fixId && i > 0 && !report.plan.includes(fixId)) {
        await writeOut(paint.dim(`\nSkipping ${fixId}: the checks no longer call for it.\n`));
        continue;
      }
      const session = await service.start(fixId, report);
      await writeOut(sessionText(session, `${i + 1}/${plan.length}`, paint, false));
      const walked = await walkFix(walk, session, report);
      report = walked.report;
      if (walked.quit) break;
    }
  } catch (error) {
    if (!(error instanceof PromptAborted)) throw error;
    await writeOut(`\n${error.message}\n`);
  } finally {
    prompter?.close();
    await lock.release();
  }
  const final = await check();
  await writeOut('\n' + headline(final, paint));
  const code = exitCodeFor(final.overall);
  return walk.failed ? Math.max(code, EXIT.warn) : code;
}
