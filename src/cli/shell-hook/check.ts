import type { CheckId } from '../../shared/report.js';
import { localDiagnosis } from '../../core/diagnosis/local-check.js';
import { RESOLVING_VARIABLE } from '../../core/platform/login-shell-env.js';
import { endNow } from '../end-now.js';
import { EXIT } from '../exit-codes.js';
import { writeWhole } from '../output.js';
import { toolVersion } from '../version.js';
import { hookDeadline, parseHookArgs } from './args.js';
import { attention } from './attention.js';
import { OFFER_UNLOCK_EXIT } from './snippet.js';

/**
 * `hook check`: what the snippet runs on an interactive shell start. The local checks only (no
 * network, no login shell), bounded by a deadline counted from the process's start, after which
 * it ends silently (endNow); at most two lines, only when something needs the user. `deadline` is in ms
 * (hookDeadline in args.ts reads --deadline).
 */
export async function hookCheck(deadline: number): Promise<number> {
  // Inside the login shell the doctor starts to read the user's environment: never (the snippet checks too).
  if (process.env[RESOLVING_VARIABLE]) return EXIT.ok;
  // process.uptime(), not performance.now(): the same clock from the process's start, without loading perf_hooks.
  const left = deadline - process.uptime() * 1000;
  if (left <= 0) return EXIT.ok;
  // Past the deadline, silence, whatever is still running: Node's own exit would wait for a read
  // stuck in the kernel (a hung network home), and the shell with it.
  setTimeout(endNow, left).unref();
  // What the lines are made of: the login, the token, the method; the keychain only where it holds Claude Code's login (macOS).
  const only: CheckId[] = [
    'auth.method',
    'auth.credentials',
    'auth.token',
    ...(process.platform === 'darwin' ? (['keychain'] as const) : []),
  ];
  const report = await localDiagnosis({ version: toolVersion(), timeoutMs: Math.max(50, Math.floor(left * 0.8)), only });
  const found = attention(report, Date.now());
  if (found.lines.length > 0) await writeWhole(found.lines.join('\n') + '\n');
  // A check that ran out of its budget may have left such a read behind: the same way out, once
  // the lines are written (an unlock offer then waits for the next shell).
  if (report.checks.some((check) => check.status === 'unknown')) endNow();
  return found.offerUnlock ? OFFER_UNLOCK_EXIT : EXIT.ok;
}

/** `hook check [--deadline MS]` from the arguments after `hook` (the first is `check`). */
export async function runHookCheck(args: string[]): Promise<number> {
  const { values } = parseHookArgs(args);
  return hookCheck(hookDeadline(values.deadline));
}
