import { cliArgv } from '../../core/fixes/cli-argv.js';
import { EXIT } from '../exit-codes.js';
import { writeOut } from '../output.js';
import { HOOK_SHELLS, hookSnippet, isHookShell } from '../shell-hook/snippet.js';
import { parseCommandArgs, UsageError } from '../usage.js';

function parse(args: string[]) {
  return parseCommandArgs({
    args,
    allowPositionals: true,
    options: { shell: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, deadline: { type: 'string' } },
  });
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
  if (what === 'check') return (await import('../shell-hook/check.js')).hookCheck(values.deadline);
  if (what === 'install' || what === 'uninstall')
    return (await import('../shell-hook/install.js')).changeHook(what, values.shell, values['dry-run'] === true);
  throw new UsageError(`hook takes ${HOOK_SHELLS.join(', ')}, install, uninstall or check (got "${what ?? ''}").`);
}
