import { win32 } from 'node:path';
import { FIX_TITLES } from '../../../shared/fix-titles.js';
import type { FixTarget, FixDefinition, FixStep } from '../types.js';
import { info, run, shown, userAction } from './common.js';

const EXTENSION = 'anthropic.claude-code';

function storageDir(ctx: FixTarget): string {
  switch (ctx.os) {
    case 'darwin':
      return `${ctx.homeDir}/Library/Application Support/Code/User/globalStorage/${EXTENSION}`;
    case 'linux':
      return `${ctx.env['XDG_CONFIG_HOME'] || `${ctx.homeDir}/.config`}/Code/User/globalStorage/${EXTENSION}`;
    case 'win32':
      return win32.join(ctx.env['APPDATA'] ?? win32.join(ctx.homeDir, 'AppData', 'Roaming'), 'Code', 'User', 'globalStorage', EXTENSION);
  }
}

export const fixVscodeExtension: FixDefinition = {
  id: 'fix-vscode-extension',
  title: FIX_TITLES['fix-vscode-extension'],
  why: "Sign-in fails only inside VS Code while `claude` works in a terminal: the extension's own stored state is damaged, it is out of date, or another extension (proxy, auth manager, sync) interferes.",
  verifies: [],
  async steps(ctx) {
    const storage = storageDir(ctx);
    const steps: FixStep[] = [
      info(
        'Check the terminal first',
        'If `claude` works in a terminal, the login itself is fine and the problem is in VS Code. If it fails there too, follow the other fixes in the plan first.',
      ),
      userAction(
        'Reinstall the extension',
        'Quit VS Code first, then reinstall the Claude Code extension.',
        `code --uninstall-extension ${EXTENSION} && code --install-extension ${EXTENSION}`,
      ),
    ];
    if (await ctx.fs.exists(storage)) {
      steps.push(
        run({
          title: "Move the extension's stored data aside",
          detail: `Quit VS Code first. The extension keeps its own state in ${shown(ctx, storage)}; it is moved into the doctor's backup, never deleted.`,
          display: `move ${shown(ctx, storage)} → backup`,
          automatable: false,
          changes: true,
          effects: [`Moves ${shown(ctx, storage)} into a backup`],
          undo: `Moves it back to ${shown(ctx, storage)}`,
          leaves: 'moved-aside',
          action: { type: 'move-aside', path: storage, what: 'VS Code Claude Code extension data' },
        }),
      );
    }
    steps.push(
      info(
        'Rule out other extensions',
        'Disable the other extensions a few at a time (Extensions view → Disable) and sign in again after each group. Proxy, authentication-manager, security and settings-sync extensions are the usual suspects.',
      ),
      userAction('Sign in again in VS Code', 'Open the Claude Code panel and sign in; it uses the same login as the terminal.', null),
    );
    return steps;
  },
};
