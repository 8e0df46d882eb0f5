import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type { Os } from '../io/os.js';
import type { CommandRunner } from '../io/ports.js';
import { redactText } from '../redact/redact.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The environment the user's own terminal gets: their `$SHELL` started as an interactive login
 * shell, printing its environment between two random markers, the way editors resolve it. An app
 * started from the Dock, Finder, a login item or a desktop launcher has a bare PATH and none of the
 * user's exports; Claude Code, run in a terminal, has them all.
 */
export type LoginShellEnv =
  | { readonly kind: 'resolved'; readonly shell: string; readonly env: Readonly<Record<string, string>> }
  /** Windows: programs get their variables from the registry, not from a shell's rc files. */
  | { readonly kind: 'not-applicable'; readonly reason: string }
  | { readonly kind: 'failed'; readonly shell: string; readonly reason: string };

/** Set while the doctor reads a login shell's environment, so its own shell hook stays quiet and fast. */
export const RESOLVING_VARIABLE = 'CLAUDE_AUTH_DOCTOR_RESOLVING_ENV';

export const LOGIN_SHELL_TIMEOUT_MS = 5000;

/** Variables the probe itself or the shell's start-up sets, which say nothing about the user's setup. */
const NOISE = new Set([
  '_',
  'SHLVL',
  'PWD',
  'OLDPWD',
  RESOLVING_VARIABLE,
  'DISABLE_AUTO_UPDATE',
  'ZSH_TMUX_AUTOSTART',
  'ZSH_TMUX_AUTOSTARTED',
]);

/** Shells whose syntax the command below is written in (POSIX sh family, fish ≥ 3, csh family). */
const KNOWN = /^(?:bash|zsh|sh|dash|ksh|mksh|fish|tcsh|csh)$/;

/** Which shell the user logs in with: $SHELL, else the account's, else the OS default. */
export function userShell(env: Env, os: Os, accountShell: string | null): string {
  const fromEnv = env['SHELL']?.trim();
  if (fromEnv) return fromEnv;
  if (accountShell) return accountShell;
  return os === 'darwin' ? '/bin/zsh' : '/bin/sh';
}

/** Splits `env -0` output (or plain `env` lines, where -0 is missing) into variables. */
export function parseEnvOutput(text: string): Record<string, string> {
  const entries = text.includes('\0') ? text.split('\0') : text.split('\n');
  const out: Record<string, string> = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq <= 0) continue;
    const name = entry.slice(0, eq);
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !NOISE.has(name)) out[name] = entry.slice(eq + 1);
  }
  return out;
}

/**
 * Starts the user's login shell once, bounded, and reads its environment. Never throws; a hang in
 * an rc file ends as 'failed' after the timeout with the whole process group killed.
 */
export async function readLoginShellEnv(
  runner: CommandRunner,
  options: { readonly env: Env; readonly os: Os; readonly accountShell?: string | null; readonly timeoutMs?: number },
): Promise<LoginShellEnv> {
  if (options.os === 'win32') return { kind: 'not-applicable', reason: 'Windows programs take their variables from the registry' };
  const shell = userShell(options.env, options.os, options.accountShell ?? null);
  const name = posix.basename(shell).replace(/^-/, '');
  if (!KNOWN.test(name)) return { kind: 'failed', shell, reason: `${name} is not a shell the doctor knows how to ask` };
  const mark = randomBytes(8).toString('hex');
  const csh = name === 'tcsh' || name === 'csh';
  // `env -0` keeps values with line breaks whole; where it is missing (old macOS), plain lines.
  const dump = csh ? 'env' : 'env -0 2>/dev/null || env';
  const command = `printf '%s' ${mark}; ${dump}; printf '%s' ${mark}`;
  const args = csh ? ['-ic', command] : ['-i', '-l', '-c', command];
  const timeoutMs = options.timeoutMs ?? LOGIN_SHELL_TIMEOUT_MS;
  const result = await runner.run(shell, args, {
    timeoutMs,
    killGroup: true,
    maxBytes: 4 * 1024 * 1024,
    env: {
      ...options.env,
      [RESOLVING_VARIABLE]: '1',
      DISABLE_AUTO_UPDATE: 'true',
      ZSH_TMUX_AUTOSTART: 'false',
      ZSH_TMUX_AUTOSTARTED: 'true',
    },
  });
  if (result.spawnError) return { kind: 'failed', shell, reason: `${shell} could not be started (${result.spawnError})` };
  if (result.timedOut)
    return { kind: 'failed', shell, reason: `${shell} did not finish starting within ${timeoutMs} ms (an rc file may wait for input)` };
  const start = result.stdout.indexOf(mark);
  const end = result.stdout.lastIndexOf(mark);
  if (start < 0 || end <= start) {
    const said = redactText(result.stderr.trim().split('\n').slice(-1)[0] ?? '').slice(0, 200);
    return {
      kind: 'failed',
      shell,
      reason: `${shell} exited with code ${String(result.code)} without printing its environment${said ? `: ${said}` : ''}`,
    };
  }
  return { kind: 'resolved', shell, env: parseEnvOutput(result.stdout.slice(start + mark.length, end)) };
}

/**
 * The environment to diagnose in: the process's own, with what the login shell sets on top (its
 * PATH, its exports). Variables only the process has (the app's own) stay.
 */
export function mergeShellEnv(processEnv: Env, shell: LoginShellEnv): Record<string, string | undefined> {
  return shell.kind === 'resolved' ? { ...processEnv, ...shell.env } : { ...processEnv };
}
