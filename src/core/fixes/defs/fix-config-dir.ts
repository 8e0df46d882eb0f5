import { FIX_TITLES } from '../../../shared/fix-titles.js';
import { storageDir } from '../../claude-code/paths.js';
import type { FixDefinition, FixStep } from '../types.js';
import { info, shown, userAction } from './common.js';

export const fixConfigDir: FixDefinition = {
  id: 'fix-config-dir',
  title: FIX_TITLES['fix-config-dir'],
  why: 'Claude Code must write its refresh lock and the renewed tokens into its config directory. On a full disk, a directory you cannot write or an empty CLAUDE_CONFIG_DIR, a refresh the server already made is lost and the login ends; signing in again does not help until it can write there.',
  verifies: ['auth.credentials'],
  async steps(ctx) {
    const problems = ctx.report.facts.login?.problems ?? [];
    const dir = storageDir(ctx.env, ctx.homeDir);
    const where = shown(ctx, dir) || 'the working directory';
    const steps: FixStep[] = [];
    if (problems.includes('config-dir-empty')) {
      steps.push(
        userAction(
          'Unset the empty CLAUDE_CONFIG_DIR',
          'An empty CLAUDE_CONFIG_DIR makes Claude Code keep its login in ./.credentials.json of whichever directory it starts in, and /login refuses. Remove the export from your shell start-up file, or set it to an absolute path.',
          ctx.os === 'win32' ? "[Environment]::SetEnvironmentVariable('CLAUDE_CONFIG_DIR', $null, 'User')" : 'unset CLAUDE_CONFIG_DIR',
        ),
      );
    }
    if (problems.includes('disk-full') || problems.length === 0) {
      steps.push(
        userAction(
          'Free space on that disk',
          `The disk that holds ${where} (or your quota on it) is full. See what takes the space, then delete what you no longer need (old logs, caches, build output).`,
          ctx.os === 'win32' ? 'cleanmgr' : `df -h ${dir || '.'} && du -sh ~/* 2>/dev/null | sort -h | tail`,
        ),
      );
    }
    if (problems.includes('config-unwritable')) {
      steps.push(
        userAction(
          'Make the directory yours again',
          `You cannot write to ${where}, often after running Claude Code once with sudo. Give it back to your user.`,
          ctx.os === 'win32' ? null : `sudo chown -R "$(id -un)" ${dir} && chmod u+rwx ${dir}`,
        ),
      );
    }
    steps.push(
      info(
        'Then sign in again if the login was lost',
        'If Claude Code already reported "Login expired" while the disk was full, the renewed tokens were lost: run `claude auth login` once the disk has room.',
      ),
    );
    return steps;
  },
};
