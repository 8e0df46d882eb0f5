import { displayPath, settingsPath } from '../../core/claude-code/paths.js';
import { shellJoin } from '../../core/fixes/shell-quote.js';
import { createLocalProbeEnv } from '../../core/probes/local-env.js';
import { applyChange } from '../apply-change.js';
import { changeStep } from '../../core/fixes/defs/common.js';
import { EXIT } from '../exit-codes.js';
import { hotCliArgv } from '../hot-argv.js';
import { writeOut } from '../output.js';
import { parseFlags } from '../usage.js';

/**
 * `statusline install|uninstall`: Claude Code's `statusLine` (user settings.json) set to the
 * doctor's line, chaining the command that was there, or put back as it was; a merge that keeps
 * every other setting, through the fix engine (backup first, `undo` restores the file's bytes).
 */
export async function changeStatusLine(action: 'install' | 'uninstall', args: string[]): Promise<number> {
  parseFlags(args, {});
  const probeEnv = createLocalProbeEnv();
  const path = settingsPath(probeEnv.env, probeEnv.homeDir);
  const where = displayPath(path, probeEnv.homeDir);
  const doctor = shellJoin(hotCliArgv(), probeEnv.platform.os);
  const op = action === 'install' ? 'chain-status-line' : 'unchain-status-line';
  const step = changeStep(
    action === 'install' ? `Show the sign-in in Claude Code's status line (${where})` : `Put Claude Code's status line back (${where})`,
    path,
    {
      type: 'settings-edit',
      path,
      edit: op === 'chain-status-line' ? { op, doctor, posix: probeEnv.platform.os !== 'win32' } : { op, doctor },
    },
    action === 'install' ? 'claude-auth-doctor statusline uninstall (or undo)' : 'claude-auth-doctor undo',
  );
  const result = await applyChange(probeEnv, { id: action === 'install' ? 'statusline-install' : 'statusline-uninstall', steps: [step] });
  const lines = [...result.lines];
  if (result.ok && action === 'install')
    lines.push(
      'Claude Code shows it from its next prompt. The line comes from the last full check: run `claude-auth-doctor watch` (or the tray app) to keep it current.',
    );
  await writeOut(lines.join('\n') + '\n');
  return result.ok ? EXIT.ok : EXIT.fail;
}
