import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cliArgv } from '../core/fixes/cli-argv.js';

/**
 * The argv the shell hook and Claude Code's status line run: node and the hot commands' own file
 * (dist/cli/hot.cjs, beside the bundled main.js this process runs, symbolic links such as npm's
 * bin resolved), which starts without the ES module loader or the router. From source or tsc's
 * output there is no such file: the CLI itself, as cliArgv gives it.
 */
export function hotCliArgv(): string[] {
  const argv = cliArgv();
  const [node, script, ...more] = argv;
  if (node === undefined || script === undefined || more.length > 0) return argv;
  try {
    const hot = join(dirname(realpathSync(script)), 'hot.cjs');
    if (existsSync(hot)) return [node, hot];
  } catch {
    // The script is gone or unreadable: keep what runs this process.
  }
  return argv;
}
