import type { CheckId } from '../../shared/report.js';
import { localDiagnosis } from '../../core/diagnosis/local-check.js';
import { RESOLVING_VARIABLE } from '../../core/platform/login-shell-env.js';
import { EXIT } from '../exit-codes.js';
import { writeOut } from '../output.js';
import { UsageError } from '../usage.js';
import { toolVersion } from '../version.js';
import { attention } from './attention.js';
import { OFFER_UNLOCK_EXIT } from './snippet.js';

/** From the process's start: after this the hook gives up and prints nothing (the shell must not wait). */
const HOOK_DEADLINE_MS = 500;

/**
 * `hook check`: what the snippet runs on an interactive shell start. The local checks only (no
 * network, no login shell), bounded by a deadline counted from the process's start, after which
 * it exits silently; at most two lines, only when something needs the user.
 */
export async function hookCheck(deadlineRaw: string | undefined): Promise<number> {
  const deadline = deadlineRaw === undefined ? HOOK_DEADLINE_MS : Number(deadlineRaw);
  if (!Number.isInteger(deadline) || deadline < 1 || deadline > 60_000) throw new UsageError('--deadline takes milliseconds (1 to 60000).');
  // Inside the login shell the doctor starts to read the user's environment: never (the snippet checks too).
  if (process.env[RESOLVING_VARIABLE]) return EXIT.ok;
  const left = deadline - performance.now();
  if (left <= 0) return EXIT.ok;
  setTimeout(() => process.exit(EXIT.ok), left).unref();
  // What the lines are made of: the login, the token, the method; the keychain only where it holds Claude Code's login (macOS).
  const only: CheckId[] = [
    'auth.method',
    'auth.credentials',
    'auth.token',
    ...(process.platform === 'darwin' ? (['keychain'] as const) : []),
  ];
  const report = await localDiagnosis({ version: toolVersion(), timeoutMs: Math.max(50, Math.floor(left * 0.8)), only });
  const found = attention(report, Date.now());
  if (found.lines.length > 0) await writeOut(found.lines.join('\n') + '\n');
  return found.offerUnlock ? OFFER_UNLOCK_EXIT : EXIT.ok;
}
