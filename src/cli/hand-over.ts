import { spawn } from 'node:child_process';

/** Signing in can take a while (a browser, MFA); past this the child is stopped. */
const HAND_OVER_TIMEOUT_MS = 15 * 60_000;

/** The `claude` commands `fix` runs itself, handing over the terminal: the sign-ins. */
const HANDED_OVER: ReadonlySet<string> = new Set(['claude auth login', 'claude setup-token']);

/** The argv of a step's command when `fix` should run it right here; null otherwise. */
export function handOverCommand(command: string | undefined, env: NodeJS.ProcessEnv = process.env): string[] | null {
  if (!command || !HANDED_OVER.has(command.trim())) return null;
  const [, ...args] = command.trim().split(/\s+/);
  return [env['CLAUDE_AUTH_DOCTOR_CLAUDE_BIN'] || 'claude', ...args];
}

/**
 * Runs an interactive program on this terminal (stdin, stdout and stderr are the user's), the one
 * case the engine's runner (pipes, captured output) cannot serve: `claude auth login` must own the
 * TTY to print its URL and read a pasted code. argv only, with a timeout; resolves with the exit
 * code (null: it could not start, or was stopped).
 */
export function handOverTerminal(
  argv: readonly string[],
  timeoutMs = HAND_OVER_TIMEOUT_MS,
): Promise<{ code: number | null; error: string | null }> {
  const [file, ...args] = argv;
  return new Promise((resolve) => {
    if (!file) return resolve({ code: null, error: 'nothing to run' });
    const child = spawn(file, args, { stdio: 'inherit', windowsHide: true });
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ code: null, error: error.code === 'ENOENT' ? `${file} was not found on PATH` : error.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, error: null });
    });
  });
}
