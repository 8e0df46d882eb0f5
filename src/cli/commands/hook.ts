import { EXIT } from '../exit-codes.js';
import { hotCliArgv } from '../hot-argv.js';
import { writeOut } from '../output.js';
import { HOOK_SHELLS, hookSnippet, isHookShell } from '../shell-hook/snippet.js';
import { hookDeadline, parseHookArgs } from '../shell-hook/args.js';
import { UsageError } from '../usage.js';

/** `hook <bash|zsh|fish>` prints the snippet; `hook install|uninstall [--shell S]` edits the rc file; `hook check` is what the snippet runs. */
export async function runHook(args: string[]): Promise<number> {
  const { what, values } = parseHookArgs(args);
  if (isHookShell(what)) {
    if (values.shell !== undefined || values['dry-run']) throw new UsageError(`hook ${what} prints the snippet and takes no options.`);
    await writeOut(hookSnippet(what, hotCliArgv()));
    return EXIT.ok;
  }
  if (what === 'check') {
    const deadline = hookDeadline(values.deadline);
    return (await import('../shell-hook/check.js')).hookCheck(deadline);
  }
  if (what === 'install' || what === 'uninstall')
    return (await import('../shell-hook/install.js')).changeHook(what, values.shell, values['dry-run'] === true);
  throw new UsageError(`hook takes ${HOOK_SHELLS.join(', ')}, install, uninstall or check (got "${what ?? ''}").`);
}
