import { parseArgs } from 'node:util';
import { localDiagnosis } from '../../core/diagnosis/local-check.js';
import { cliArgv } from '../../core/fixes/cli-argv.js';
import { EXIT } from '../exit-codes.js';
import { writeOut } from '../output.js';
import { attention } from '../shell-hook/attention.js';
import { HOOK_SHELLS, hookSnippet, isHookShell, OFFER_UNLOCK_EXIT } from '../shell-hook/snippet.js';
import { UsageError } from '../usage.js';
import { toolVersion } from '../version.js';

/** From the process's start: after this the hook gives up and prints nothing (the shell must not wait). */
const HOOK_DEADLINE_MS = 500;

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: { shell: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, deadline: { type: 'string' } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * `hook check`: what the snippet runs on an interactive shell start. The local checks only (no
 * network, no login shell), bounded by a deadline counted from the process's start, after which
 * it exits silently; at most two lines, only when something needs the user.
 */
async function check(deadlineRaw: string | undefined): Promise<number> {
  const deadline = deadlineRaw === undefined ? HOOK_DEADLINE_MS : Number(deadlineRaw);
  if (!Number.isInteger(deadline) || deadline < 1 || deadline > 60_000) throw new UsageError('--deadline takes milliseconds (1 to 60000).');
  const left = deadline - performance.now();
  if (left <= 0) return EXIT.ok;
  setTimeout(() => process.exit(EXIT.ok), left).unref();
  const report = await localDiagnosis({ version: toolVersion(), timeoutMs: Math.max(50, Math.floor(left * 0.8)) });
  const found = attention(report, Date.now());
  if (found.lines.length > 0) await writeOut(found.lines.join('\n') + '\n');
  return found.offerUnlock ? OFFER_UNLOCK_EXIT : EXIT.ok;
}

/** `hook <bash|zsh|fish>` prints the snippet; `hook install|uninstall [--shell S]` edits the rc file; `hook check` is what the snippet runs. */
export async function runHook(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const [what, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`hook takes one word (got "${positionals.join(' ')}").`);
  if (isHookShell(what)) {
    if (values.shell !== undefined || values['dry-run']) throw new UsageError(`hook ${what} prints the snippet and takes no options.`);
    await writeOut(hookSnippet(what, cliArgv()));
    return EXIT.ok;
  }
  if (what === 'check') return check(values.deadline);
  if (what === 'install' || what === 'uninstall')
    return (await import('../shell-hook/install.js')).changeHook(what, values.shell, values['dry-run'] === true);
  throw new UsageError(`hook takes ${HOOK_SHELLS.join(', ')}, install, uninstall or check (got "${what ?? ''}").`);
}
