import { basename } from 'node:path';
import { displayPath } from '../../core/claude-code/paths.js';
import { blockMarkers, dialectOf } from '../../core/fixes/rc-files/index.js';
import { createLocalProbeEnv } from '../../core/probes/local-env.js';
import { applyChange } from '../apply-change.js';
import { changeStep } from '../../core/fixes/defs/common.js';
import { EXIT } from '../exit-codes.js';
import { hotCliArgv } from '../hot-argv.js';
import { writeOut } from '../output.js';
import { UsageError } from '../usage.js';
import { HOOK_SHELLS, installLines, isHookShell, rcFileFor, type HookShell } from './snippet.js';

function shellOf(flag: string | undefined, env: NodeJS.ProcessEnv): HookShell {
  const name = flag ?? basename(env['SHELL'] ?? '');
  if (isHookShell(name)) return name;
  throw new UsageError(
    flag === undefined
      ? `cannot tell your shell from SHELL ("${env['SHELL'] ?? ''}"); pass --shell ${HOOK_SHELLS.join('|')}.`
      : `--shell takes ${HOOK_SHELLS.join(', ')} (got "${flag}").`,
  );
}

/**
 * `hook install|uninstall [--shell S]`: the hook's block in the shell's rc file, set or removed
 * through the fix engine (a backup first; `undo` puts the file back byte for byte). Uninstall
 * without --shell takes it out of every rc file that has it.
 */
export async function changeHook(action: 'install' | 'uninstall', flag: string | undefined, dryRun: boolean): Promise<number> {
  const probeEnv = createLocalProbeEnv();
  const { env, homeDir } = probeEnv;
  const os = probeEnv.platform.os;
  if (os === 'win32') throw new UsageError('the shell hook is for bash, zsh and fish; on Windows use the tray app or `status`.');
  const shells: HookShell[] = action === 'install' || flag !== undefined ? [shellOf(flag, env)] : [...HOOK_SHELLS];
  const doctor = hotCliArgv();
  const steps = [];
  for (const shell of shells) {
    const path = rcFileFor(shell, env, homeDir, os);
    if (action === 'uninstall' && flag === undefined) {
      const read = await probeEnv.fs.readText(path, 4 * 1024 * 1024);
      if (read.kind !== 'ok' || !read.text.includes(blockMarkers('hook').start)) continue;
    }
    const body = action === 'install' ? installLines(shell, doctor) : null;
    const title =
      action === 'install'
        ? `Add the ${shell} hook to ${displayPath(path, homeDir)}`
        : `Remove the ${shell} hook from ${displayPath(path, homeDir)}`;
    steps.push(
      changeStep(
        title,
        path,
        { type: 'rc-block', path, dialect: dialectOf(path), name: 'hook', body },
        action === 'install' ? 'claude-auth-doctor hook uninstall (or undo)' : 'claude-auth-doctor undo',
      ),
    );
    if (dryRun && body)
      await writeOut(
        `Would add to ${displayPath(path, homeDir)}:\n${[blockMarkers('hook').start, ...body, blockMarkers('hook').end].join('\n')}\n`,
      );
    else if (dryRun) await writeOut(`Would remove the hook's lines from ${displayPath(path, homeDir)}.\n`);
  }
  if (steps.length === 0) {
    await writeOut('No shell start-up file has the hook; nothing to do.\n');
    return EXIT.ok;
  }
  if (dryRun) {
    await writeOut('Nothing was changed (--dry-run).\n');
    return EXIT.ok;
  }
  const result = await applyChange(probeEnv, { id: action === 'install' ? 'hook-install' : 'hook-uninstall', steps });
  await writeOut(result.lines.join('\n') + '\n');
  return result.ok ? EXIT.ok : EXIT.fail;
}
