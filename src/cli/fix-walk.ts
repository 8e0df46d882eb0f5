import type { HealthReport } from '../shared/report.js';
import type { FixEngine } from '../core/fixes/fix-engine.js';
import type { FixRunView, StepResult, StepView } from '../core/fixes/types.js';
import { handOverCommand, handOverTerminal } from './hand-over.js';
import { writeOut } from './output.js';
import type { Prompter } from './prompt.js';
import type { FixFlags } from './fix-flags.js';
import { resultText, stepIntro } from './fix-render.js';
import { terminalWidth } from './wrap.js';
import type { Paint } from './style.js';

/** `fix` walking one fix's steps: asked one key at a time on a terminal, or unattended with --yes. */
type Choice = 'run' | 'skip' | 'quit';

/** One key acts at once (Enter, s, q); anything else asks again. */
async function choose(prompter: Prompter, question: string): Promise<Choice> {
  for (;;) {
    const key = (await prompter.key(question)).toLowerCase();
    if (key === '' || key === 'y' || key === 'r') return 'run';
    if (key === 's' || key === 'n') return 'skip';
    if (key === 'q') return 'quit';
  }
}

/**
 * A sign-in step, run right here: `claude auth login` gets the terminal, then the checks run
 * again; until they pass the user may try again, skip or quit.
 */
async function signInHere(
  walk: Walk,
  runId: string,
  step: StepView,
  argv: string[],
): Promise<{ result: StepResult | null; quit: boolean }> {
  const prompter = walk.prompter;
  let result: StepResult | null = null;
  for (;;) {
    prompter?.release();
    await writeOut(walk.paint.dim(`     Running ${step.command ?? argv.join(' ')}; it has the terminal until it ends.\n`));
    const ran = await handOverTerminal(argv);
    if (ran.error) await writeOut(`     ${walk.paint.status('fail', '✗')} ${ran.error}\n`);
    result = await walk.service.runStep(runId, step.index);
    await writeOut(resultText(result, walk.paint, terminalWidth()));
    // Unattended (--yes), one attempt: the ending says what is left.
    if (result.verification.passed !== false || !prompter) return { result, quit: false };
    const again = await choose(prompter, `  Not signed in yet. [Enter] try again · s skip · q quit › `);
    if (again === 'quit') return { result, quit: true };
    if (again === 'skip') return { result, quit: false };
  }
}

export interface Walk {
  readonly service: FixEngine;
  readonly paint: Paint;
  readonly flags: FixFlags;
  readonly prompter: Prompter | null;
  /** stdin and stdout are a terminal: a sign-in can be handed over even under --yes. */
  readonly tty: boolean;
  /** A sign-out ran in this walk: the sign-in after it must follow in the same run. */
  signedOut: boolean;
  /** The key from --stdin, read once when a step first needs it. */
  secret: () => Promise<string | null>;
  failed: boolean;
}

/** Walks one fix's steps; returns the latest report and whether the user quit. */
export async function walkFix(walk: Walk, run: FixRunView, report: HealthReport): Promise<{ report: HealthReport; quit: boolean }> {
  let latest = report;
  let verified = false;
  // Numbered as the list above it: the summary's acting steps on a terminal, every step in the full text.
  const acting = run.steps.filter((s) => s.kind === 'run' || s.kind === 'user-action');
  for (const step of run.steps) {
    const tag = walk.tty ? `\n  ${acting.indexOf(step) + 1}. ${step.title}` : `  Step ${step.index + 1} – ${step.title}`;
    if (step.kind === 'info') continue;
    if (step.kind === 'link') {
      // Where to read more (the incident): shown in a terminal walk until the fix is verified.
      if (walk.prompter && !verified) await writeOut(stepIntro(step, walk.paint, terminalWidth()));
      continue;
    }
    let input: { secret?: string } | undefined;
    if (walk.prompter) {
      const argv = step.kind === 'user-action' ? handOverCommand(step.command) : null;
      await writeOut(stepIntro(step, walk.paint, terminalWidth()));
      const question =
        step.kind === 'run'
          ? '  [Enter] run · s skip · q quit › '
          : argv
            ? `  [Enter] run \`${step.command ?? ''}\` here · s skip · q quit › `
            : '  Do it now, then [Enter] to check · s skip · q quit › ';
      const choice = await choose(walk.prompter, question);
      if (choice === 'quit') return { report: latest, quit: true };
      if (choice === 'skip') continue;
      if (argv) {
        const signed = await signInHere(walk, run.runId, step, argv);
        if (signed.result) latest = signed.result.report;
        verified = signed.result?.verification.passed === true;
        if (signed.quit) return { report: latest, quit: true };
        continue;
      }
      if (step.input) input = { secret: await walk.prompter.secret(`     ${step.input.label} (not shown): `) };
    } else {
      const argv = step.kind === 'user-action' ? handOverCommand(step.command) : null;
      if (argv && walk.tty && (walk.signedOut || walk.flags.fixId !== null)) {
        // `fix <id> --yes` on a terminal (or after a sign-out above): the sign-in follows right here.
        await writeOut(`${tag}\n`);
        const signed = await signInHere(walk, run.runId, step, argv);
        if (signed.result) latest = signed.result.report;
        verified = signed.result?.verification.passed === true;
        continue;
      }
      if (step.kind !== 'run') continue;
      // `fix --yes` never signs anyone out unless the sign-in follows in the same run: Claude Code
      // would stay signed out until someone comes. On its own plan it never does; a named fix
      // (`fix reauthenticate --yes`) does on a terminal (the sign-in is handed over right after),
      // and without one only when the caller says it signs in after (--sign-in-after).
      const signInFollows = run.steps.some((later) => later.index > step.index && handOverCommand(later.command) !== null);
      if (step.leaves === 'signed-out' && signInFollows) {
        if (!walk.flags.fixId) {
          await writeOut(
            walk.paint.dim(
              `${tag}: skipped; signing out unattended would leave you signed out. Run \`claude-auth-doctor fix ${run.fixId}\` in a terminal: it signs you in right after.\n`,
            ),
          );
          continue;
        }
        if (!walk.tty && !walk.flags.signInAfter) {
          process.stderr.write(
            `${tag}: not run. With no terminal, nobody could sign in after it and Claude Code would stay signed out. ` +
              `Run \`claude-auth-doctor fix ${run.fixId} --yes\` in a terminal (the sign-in follows right there); ` +
              'on a server without a browser, sign in with `claude setup-token` instead. ' +
              'If your script signs in itself right after, add --sign-in-after.\n',
          );
          walk.failed = true;
          continue;
        }
      }
      if (!step.automatable) {
        await writeOut(
          walk.paint.dim(`${tag}: skipped; it asks first. Run \`claude-auth-doctor fix ${run.fixId}\` in a terminal to do it.\n`),
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
    // The next step that acts, named after this one when it leaves the checks failing on purpose.
    const next = run.steps.find((later) => later.index > step.index && (later.kind === 'run' || later.kind === 'user-action'));
    let result = await walk.service.runStep(run.runId, step.index, input);
    await writeOut(resultText(result, walk.paint, terminalWidth(), (walk.prompter || walk.tty) && next ? next.title : null));
    // A run step that failed says why; in a terminal the user may mend it and try again.
    while (walk.prompter && step.kind === 'run' && !result.ok && !step.input) {
      const again = await choose(walk.prompter, '  [Enter] try again · s skip · q quit › ');
      if (again === 'quit') return { report: result.report, quit: true };
      if (again === 'skip') break;
      result = await walk.service.runStep(run.runId, step.index);
      await writeOut(resultText(result, walk.paint, terminalWidth()));
    }
    latest = result.report;
    verified = result.verification.passed === true;
    if (result.ok && step.leaves === 'signed-out') walk.signedOut = true;
    if (step.kind === 'run' && !result.ok) walk.failed = true;
  }
  return { report: latest, quit: false };
}
