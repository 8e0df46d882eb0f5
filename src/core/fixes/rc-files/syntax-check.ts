import { isAbsolute, join } from 'node:path';
import type { CommandRunner, FileSystem } from '../../io/ports.js';
import type { Dialect } from './statements.js';
import { redactText } from '../../redact/redact.js';

/**
 * The shell's own syntax check of a start-up file's text, before the doctor writes it: `bash -n`,
 * `zsh -n`, `sh -n`, `fish --no-execute`. The text goes in on stdin (no temp copy of a file that
 * may hold secrets); no start-up file is read (--norc, -f, --no-config) and the environment is
 * minimal (no BASH_ENV, ENV or ZDOTDIR), so nothing of the user's runs.
 */

export type SyntaxVerdict =
  | { readonly kind: 'ok'; readonly shell: string }
  | { readonly kind: 'error'; readonly shell: string; readonly message: string }
  /** The shell is not installed here: then it never reads this file either. */
  | { readonly kind: 'unavailable'; readonly shell: string };

const CHECKS: Record<Dialect, { readonly shell: string; readonly args: readonly string[] }> = {
  bash: { shell: 'bash', args: ['--norc', '--noprofile', '-n'] },
  zsh: { shell: 'zsh', args: ['-f', '-n'] },
  sh: { shell: 'sh', args: ['-n'] },
  fish: { shell: 'fish', args: ['--no-config', '--no-execute'] },
};

const SYSTEM_DIRS = ['/bin', '/usr/bin', '/usr/local/bin', '/opt/homebrew/bin', '/opt/local/bin'];
const CHECK_TIMEOUT_MS = 5000;

/** The shell binary: system folders first, then absolute PATH entries (never a relative one). */
async function findShell(fs: FileSystem, name: string, path: string | undefined): Promise<string | null> {
  const dirs = [...SYSTEM_DIRS, ...(path ?? '').split(':').filter((d) => isAbsolute(d))];
  for (const dir of dirs) if (await fs.exists(join(dir, name))) return join(dir, name);
  return null;
}

export async function checkSyntax(
  deps: { readonly runner: CommandRunner; readonly fs: FileSystem; readonly path?: string | undefined },
  dialect: Dialect,
  text: string,
): Promise<SyntaxVerdict> {
  const { shell, args } = CHECKS[dialect];
  const binary = await findShell(deps.fs, shell, deps.path);
  if (!binary) return { kind: 'unavailable', shell };
  // fish refuses to read a script from a socket, which is what Node gives a child as stdin: a
  // real pipe from `cat` in between (the exit status is fish's, the last in the pipeline).
  const [file, argv] = dialect === 'fish' ? ['/bin/sh', ['-c', 'cat | "$0" "$@"', binary, ...args]] : [binary, args];
  const result = await deps.runner.run(file, argv, {
    timeoutMs: CHECK_TIMEOUT_MS,
    input: text,
    maxBytes: 16 * 1024,
    env: { PATH: SYSTEM_DIRS.join(':'), LANG: 'C.UTF-8', HOME: '/nonexistent' },
  });
  if (result.code === 0) return { kind: 'ok', shell };
  if (result.spawnError) return { kind: 'unavailable', shell };
  // The shell quotes the offending line, which may hold a secret.
  const said = result.timedOut ? 'the check did not finish in time' : redactText(result.stderr.trim().split('\n').slice(0, 3).join(' · '));
  return { kind: 'error', shell, message: said || `exit code ${result.code}` };
}

/** Which shell reads a start-up file, by its name. */
export function dialectOf(path: string): Dialect {
  if (path.endsWith('.fish')) return 'fish';
  if (/\/\.z(shrc|profile|shenv|login|logout)$/.test(path)) return 'zsh';
  if (/\/\.profile$/.test(path)) return 'sh';
  return 'bash';
}
