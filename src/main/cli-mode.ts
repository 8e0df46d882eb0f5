import { pathToFileURL } from 'node:url';
import { CLI_FLAG } from '../core/platform/launcher.js';

/**
 * The arguments of `<app> --cli …` (packaged) or `electron <dir> --cli …` (development), or null
 * for a normal start. Only right after the executable or the app folder: a `--cli` further on is
 * an argument of something else.
 */
export function cliArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf(CLI_FLAG);
  return at === 1 || at === 2 ? argv.slice(at + 1) : null;
}

/**
 * Runs the bundled command-line doctor inside the app's own Node (what the stable launcher falls
 * back to where there is no system Node), then exits with its code. No window, no tray, no
 * single-instance lock: a running tray app is not disturbed.
 */
export async function runCliMode(args: readonly string[], cliScript: string, exit: (code: number) => void): Promise<void> {
  process.argv = [process.execPath, cliScript, ...args];
  try {
    // The CLI's main module runs the command and calls process.exit itself.
    await import(pathToFileURL(cliScript).href);
  } catch (error) {
    process.stderr.write(
      `claude-auth-doctor: the command-line doctor could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    exit(3);
  }
}
