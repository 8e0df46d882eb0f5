import { parseCommandArgs, UsageError } from '../usage.js';

/** From the process's start: after this the hook gives up and prints nothing (the shell must not wait). */
const HOOK_DEADLINE_MS = 500;

/** `hook`'s arguments: one word (a shell, install, uninstall or check) and its options. */
export function parseHookArgs(args: string[]) {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    options: { shell: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, deadline: { type: 'string' } },
  });
  const [what, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`hook takes one word (got "${positionals.join(' ')}").`);
  return { what, values };
}

/** `hook check --deadline MS`, checked before the local checks load (they are a bundle of their own). */
export function hookDeadline(raw: string | undefined): number {
  const deadline = raw === undefined ? HOOK_DEADLINE_MS : Number(raw);
  if (!Number.isInteger(deadline) || deadline < 1 || deadline > 60_000) throw new UsageError('--deadline takes milliseconds (1 to 60000).');
  return deadline;
}
