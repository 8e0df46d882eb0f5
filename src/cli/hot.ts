import { runStatus } from './commands/status.js';
import { finish } from './finish.js';
import { isHookCheck, isHotCommand } from './hot-route.js';
import { showStatusLine } from './statusline/show.js';
import { UsageError } from './usage.js';

const notHot = (argv: readonly string[]): UsageError =>
  new UsageError(`this entry runs only status, statusline and hook check (got "${argv.join(' ')}"); run claude-auth-doctor instead.`);

async function run(argv: string[]): Promise<number> {
  if (!isHotCommand(argv)) throw notHot(argv);
  const [command, ...args] = argv;
  if (command === 'status') return runStatus(args);
  if (command === 'statusline') return showStatusLine(args);
  // Loaded only here: `status` and `statusline` with a fresh snapshot need none of the local checks.
  if (isHookCheck(argv)) return (await import('./shell-hook/check.js')).runHookCheck(args);
  throw notHot(argv);
}

/**
 * The commands that run on every interactive shell start (`hook check`), every refresh of Claude
 * Code's prompt (`statusline`), and `status`: the same command code as through the router, with
 * the same output and exit codes, but the build makes this file and what it imports a CommonJS
 * file of its own (dist/cli/hot-code.cjs, loaded by dist/cli/hot.cjs from its V8 code cache) that
 * loads neither the router nor the network probes, the HTTP client or the fix engine; the local
 * checks only when a command needs them (dist/cli/hot-local.cjs, the same way). `hook check`, run
 * on every interactive shell start, has a bundle of its own (hot-hook-entry.ts); hot.cjs sends it
 * there, so this path serves it only from source and through the router's tests.
 */
export function runHot(argv: string[]): void {
  finish(run(argv));
}
