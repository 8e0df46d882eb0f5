import { FIX_TITLES } from '../../../shared/fix-titles.js';
import type { FixTarget, FixDefinition, FixStep, RunStep } from '../types.js';
import { claudeCommand, info, run, userAction } from './common.js';

const UPDATE_TIMEOUT_MS = 5 * 60_000;

const INSTALL = {
  posix: 'curl -fsSL https://claude.ai/install.sh | bash',
  win32: 'irm https://claude.ai/install.ps1 | iex',
};

function updateStep(title: string, display: string, action: RunStep['action'], detail: string): RunStep {
  return run({
    title,
    detail,
    display,
    // An update only adds a newer version; it touches no login or setting.
    automatable: true,
    changes: false,
    effects: [`Runs ${display}`],
    undo: 'An update cannot be undone here; an older version can be installed again with the same tool.',
    action,
  });
}

function commandFor(ctx: FixTarget, method: string): RunStep | null {
  if (method === 'native' || method === 'npm-local') {
    const update = claudeCommand(ctx, ['update'], UPDATE_TIMEOUT_MS, []);
    return update ? updateStep('Update Claude Code', update.display, update.action, 'Claude Code updates itself in place.') : null;
  }
  if (method === 'npm') {
    const npm = ctx.os === 'win32' ? 'npm.cmd' : 'npm';
    const args = ['install', '-g', '@anthropic-ai/claude-code@latest'];
    const action: RunStep['action'] =
      ctx.os === 'win32'
        ? {
            type: 'command',
            file: ctx.env['ComSpec'] ?? 'cmd.exe',
            args: ['/d', '/c', npm, ...args],
            timeoutMs: UPDATE_TIMEOUT_MS,
            backup: [],
          }
        : { type: 'command', file: npm, args, timeoutMs: UPDATE_TIMEOUT_MS, backup: [] };
    return updateStep(
      'Update Claude Code with npm',
      `npm ${args.join(' ')}`,
      action,
      'If npm answers EACCES, your global npm folder needs sudo; prefer the native installer instead of sudo npm.',
    );
  }
  if (method === 'homebrew') {
    return updateStep(
      'Update Claude Code with Homebrew',
      'brew upgrade --cask claude-code',
      { type: 'command', file: 'brew', args: ['upgrade', '--cask', 'claude-code'], timeoutMs: UPDATE_TIMEOUT_MS, backup: [] },
      'Homebrew installs the newest cask.',
    );
  }
  return null;
}

export const updateClaudeCode: FixDefinition = {
  id: 'update-claude-code',
  title: FIX_TITLES['update-claude-code'],
  why: 'Claude Code is missing, broken, too old for the current login flow, or installed more than once so that the one you update is not the one you run.',
  verifies: ['cli.install'],
  async steps(ctx) {
    const check = ctx.check('cli.install');
    const found = ctx.report.facts.claude;
    const method = found?.method ?? ctx.claude?.method ?? null;
    const steps: FixStep[] = [];
    if (check) steps.push(info('What was found', [check.summary, check.cause].filter(Boolean).join(' ')));
    const installed = Boolean(found?.path) || ctx.claude !== null;
    const step = installed && method ? commandFor(ctx, method) : null;
    if (step) steps.push(step);
    else {
      steps.push(
        userAction(
          installed ? 'Reinstall with the native installer' : 'Install Claude Code',
          `The native installer puts claude in ~/.local/bin and keeps it updated. Read a script before piping it to a shell if you prefer; npm works too: npm install -g @anthropic-ai/claude-code.`,
          ctx.os === 'win32' ? INSTALL.win32 : INSTALL.posix,
        ),
      );
    }
    const all = found?.installs ?? [];
    if (all.length > 1) {
      steps.push(
        info(
          'Keep one install',
          `Several are on PATH: ${all.map((i) => `${i.path} (${i.method})`).join('; ')}. A shell runs the first, so remove the others or reorder PATH.`,
        ),
      );
    }
    return steps;
  },
};
