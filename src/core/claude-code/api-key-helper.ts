import { posix, win32 } from 'node:path';
import type { Os } from '../io/os.js';
import type { FileSystem } from '../io/ports.js';
import { pathEntries } from './claude-bin.js';

export type HelperProblemCode = 'helper-missing' | 'helper-temporary' | 'helper-run-as-node';

export interface HelperProblem {
  readonly code: HelperProblemCode;
  readonly message: string;
}

/** The words of a shell command line, as far as the first one that is not a `NAME=value` assignment. */
export function commandHead(command: string): { readonly assignments: readonly string[]; readonly program: string | null } {
  const words: string[] = [];
  let word = '';
  let started = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < command.length; i++) {
    const c = command.charAt(i);
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < command.length && '"\\$`'.includes(command.charAt(i + 1)))
        word += command.charAt(++i);
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      started = true;
    } else if (c === '\\' && i + 1 < command.length) {
      word += command.charAt(++i);
      started = true;
    } else if (/\s/.test(c)) {
      if (started) {
        words.push(word);
        if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) break;
      }
      word = '';
      started = false;
    } else if (!started && /[;&|<>()]/.test(c)) break;
    else {
      word += c;
      started = true;
    }
  }
  if (started) words.push(word);
  const index = words.findIndex((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  return { assignments: index < 0 ? words : words.slice(0, index), program: index < 0 ? null : (words[index] ?? null) };
}

const TEMPORARY: readonly [RegExp, string][] = [
  [/^\/tmp\/\.mount_/, "an AppImage's temporary mount, which is gone once the app quits"],
  [/\/AppTranslocation\//, 'a translocated copy of a macOS app, which is gone once the app quits'],
  [/^\/Volumes\//, 'a disk image, which is gone once it is ejected'],
];

const OURS = /claude[- ]auth[- ]doctor/i;

/**
 * What would break Claude Code's apiKeyHelper before it ever runs: a program that is not there, one
 * that lives somewhere temporary, or this app run as Node (its packaged build refuses that). The
 * command itself is not run (it is a shell command, and may print a key).
 */
export async function apiKeyHelperProblems(
  command: string,
  deps: { readonly fs: FileSystem; readonly env: Readonly<Record<string, string | undefined>>; readonly os: Os },
): Promise<HelperProblem[]> {
  const { assignments, program } = commandHead(command.trim());
  if (!program) return [];
  const problems: HelperProblem[] = [];
  if (assignments.some((a) => a.startsWith('ELECTRON_RUN_AS_NODE=')) && OURS.test(program)) {
    problems.push({
      code: 'helper-run-as-node',
      message:
        'The apiKeyHelper runs Claude Auth Doctor as Node (ELECTRON_RUN_AS_NODE), which the installed app refuses. Run the fix "use-api-key" again: it points apiKeyHelper at the stable launcher.',
    });
  }
  const temporary = TEMPORARY.find(([pattern]) => pattern.test(program));
  if (temporary) {
    problems.push({
      code: 'helper-temporary',
      message: `The apiKeyHelper runs ${program}, inside ${temporary[1]}; Claude Code then gets no key. Run the fix "use-api-key" again from the installed app.`,
    });
    return problems;
  }
  const path = deps.os === 'win32' ? win32 : posix;
  const absolute = path.isAbsolute(program) || (deps.os !== 'win32' && program.startsWith('~/'));
  if (absolute) {
    const full = program.startsWith('~/') ? posix.join(deps.env['HOME'] ?? '~', program.slice(2)) : program;
    if (!(await deps.fs.exists(full)))
      problems.push({
        code: 'helper-missing',
        message: `The apiKeyHelper runs ${program}, which does not exist (the app moved, or was removed). Run the fix "use-api-key" again.`,
      });
    return problems;
  }
  if (program.includes('/') || program.includes('\\')) return problems; // relative to Claude Code's working directory: cannot tell
  const names = deps.os === 'win32' && !/\.[a-z0-9]+$/i.test(program) ? ['.exe', '.cmd', '.bat'].map((e) => program + e) : [program];
  for (const dir of pathEntries(deps.env, deps.os)) {
    for (const name of names) if (await deps.fs.exists(path.join(dir, name))) return problems;
  }
  problems.push({
    code: 'helper-missing',
    message: `The apiKeyHelper runs "${program}", which is on no directory of your shell's PATH. Install it, or run the fix "use-api-key" again.`,
  });
  return problems;
}
