import { FIX_TITLES } from '../../../shared/fix-titles.js';
import type { FixDefinition, FixStep } from '../types.js';
import { claudeCommand, info, loginBackupTargets, loginSteps, run, shown } from './common.js';

const LOGOUT_TIMEOUT_MS = 30_000;

export const reauthenticate: FixDefinition = {
  id: 'reauthenticate',
  title: FIX_TITLES.reauthenticate,
  why: 'The stored login is missing, expired without a way to refresh, was revoked, or the server rejects it (a password, MFA or plan change ends every session). A fresh sign-in replaces it.',
  verifies: ['auth.method', 'auth.credentials', 'auth.token'],
  async steps(ctx) {
    const steps: FixStep[] = [
      info(
        'What happens',
        'Claude Code signs out (the doctor saves your current login first, so this can be undone), then you sign in again and the doctor checks the new login.',
      ),
    ];
    if (ctx.os === 'darwin' && ctx.check('keychain')?.status === 'fail' && !ctx.machine.ssh) {
      steps.push(
        info(
          'Unlock the keychain first',
          'The login keychain is locked: unlock it (fix "unlock-keychain") or the new login cannot be saved.',
        ),
      );
    }
    // A login that can no longer renew itself (or none at all) is simply replaced by signing in:
    // signing out first would only cost a step and the MCP servers' tokens.
    const login = ctx.report.facts.login;
    const replaceable = login !== undefined && (login.store === 'none' || !login.hasRefreshToken);
    const targets = loginBackupTargets(ctx);
    const logout = replaceable ? null : claudeCommand(ctx, ['auth', 'logout'], LOGOUT_TIMEOUT_MS, targets);
    if (logout) {
      const saved = targets.map((t) => (t.kind === 'file' ? shown(ctx, t.path) : `the macOS keychain item "${t.service}"`));
      steps.push(
        run({
          title: 'Sign out of Claude Code',
          detail:
            'Clears the stale login so the next sign-in starts clean. Signing out also deletes the tokens Claude Code keeps for MCP servers; they ask you to connect again. The doctor saves your login first, so Undo restores it.',
          display: logout.display,
          automatable: true,
          changes: true,
          effects: [`Backs up ${saved.join(', ')}`, `Runs ${logout.display}`],
          undo: 'Puts the saved login back exactly as it was (file bytes and mode, keychain item)',
          leaves: 'signed-out',
          action: logout.action,
        }),
      );
    } else if (!replaceable) {
      steps.push(
        info(
          'Claude Code was not found',
          'There is no `claude` on PATH to sign out with. Install or repair it first (fix "update-claude-code").',
        ),
      );
    }
    steps.push(...loginSteps(ctx));
    return steps;
  },
};
