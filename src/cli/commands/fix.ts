import type { CheckId, FixId } from '../../shared/report.js';
import { appDataDir } from '../../core/platform/app-dirs.js';
import { diagnose } from '../../core/diagnosis/diagnose.js';
import { createProbeEnv } from '../../core/probes/probe-env.js';
import type { ProbeEnv } from '../../core/probes/probe.js';
import { acquireFixLock, type FixLock, type LockHolder } from '../../core/fixes/lock.js';
import { createFixEngine } from '../../core/fixes/fix-engine.js';
import { redactText } from '../../core/redact/redact.js';
import { EXIT, exitCodeFor } from '../exit-codes.js';
import { writeOut } from '../output.js';
import { createPrompter, PromptAborted, readAll } from '../prompt.js';
import { parseFixFlags } from '../fix-flags.js';
import { endingText, headline, runSummary, runText } from '../fix-render.js';
import { walkFix, type Walk } from '../fix-walk.js';
import { terminalWidth } from '../wrap.js';
import { makePaint, wantsColor } from '../style.js';
import { toolVersion } from '../version.js';
import { settleRoot } from '../root-switch.js';

/**
 * The world Claude Code meets when started in a new terminal, for the network: Node reads
 * NODE_EXTRA_CA_CERTS at start, so a bundle the user's rc file now names (the TLS fix) counts
 * only for programs started after it; this one checks with what that terminal would trust.
 */
async function newTerminalTrust(current: ProbeEnv): Promise<ProbeEnv> {
  const fresh = await current.loginShellEnv(NEW_TERMINAL_TIMEOUT_MS);
  const path = fresh.kind === 'resolved' ? fresh.env['NODE_EXTRA_CA_CERTS']?.trim() : undefined;
  if (!path || path === process.env['NODE_EXTRA_CA_CERTS']?.trim()) return current;
  return createProbeEnv({ ...process.env, NODE_EXTRA_CA_CERTS: path });
}
const NEW_TERMINAL_TIMEOUT_MS = 10_000;

export async function runFix(args: string[]): Promise<number> {
  const flags = parseFixFlags(args);
  if (!flags.dryRun) await settleRoot(flags.asOwner);
  const paint = makePaint(wantsColor(process.stdout, process.env, flags.color));
  const probeEnv = createProbeEnv();
  const dataDir = appDataDir(process.env, probeEnv.platform.os, probeEnv.homeDir);
  // Once a certificate is being trusted, each check trusts what a new terminal's NODE_EXTRA_CA_CERTS names.
  let trusting = false;
  const check = async (only?: readonly CheckId[]) =>
    diagnose({
      offline: flags.offline,
      timeoutMs: flags.timeoutMs,
      only,
      version: toolVersion(),
      probeEnv: trusting ? await newTerminalTrust(probeEnv) : probeEnv,
    });
  const onWait = (holder: LockHolder | null): void => {
    process.stderr.write(`Waiting for another fix run${holder ? ` (process ${holder.pid})` : ''} to finish…\n`);
  };
  const service = createFixEngine({ probeEnv, dataDir, diagnose: check, onLockWait: onWait });

  let report = await check();
  await writeOut(headline(report, paint, terminalWidth()));
  const plan: FixId[] = flags.fixId ? [flags.fixId] : [...report.plan];
  trusting = plan.includes('trust-corporate-ca') && !flags.dryRun;
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
      await writeOut(runText(await service.start(fixId, report), `${i + 1}/${plan.length}`, paint, flags.dryRun));
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
    tty: process.stdin.isTTY === true && process.stdout.isTTY === true,
    signedOut: false,
    failed: false,
    secret: () => (stdinSecret ??= flags.stdin ? readAll(process.stdin).then((s) => s.trim() || null) : Promise.resolve(null)),
  };
  const tried: FixId[] = [];
  try {
    for (const [i, fixId] of plan.entries()) {
      if (!flags.fixId && i > 0 && !report.plan.includes(fixId)) {
        await writeOut(paint.dim(`\nSkipping ${fixId}: the checks no longer call for it.\n`));
        continue;
      }
      const run = await service.start(fixId, report);
      tried.push(fixId);
      const position = `${i + 1}/${plan.length}`;
      await writeOut(walk.tty ? runSummary(run, position, paint, terminalWidth()) : runText(run, position, paint, false));
      const walked = await walkFix(walk, run, report);
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
  await writeOut('\n' + endingText(final, tried, paint, terminalWidth()));
  const code = exitCodeFor(final.overall);
  return walk.failed ? Math.max(code, EXIT.warn) : code;
}
