import { FIX_TITLES } from '../../../shared/fix-titles.js';
import type { FixDefinition, FixStep } from '../types.js';
import { info, run, shown } from './common.js';

export const clearCache: FixDefinition = {
  id: 'clear-cache',
  title: FIX_TITLES['clear-cache'],
  why: 'Often suggested for login loops. In fact ~/.claude/cache holds no credentials, so clearing it rarely fixes a login; it is harmless and offered only if you want to try it.',
  verifies: ['auth.credentials', 'auth.token'],
  async steps(ctx) {
    const cache = ctx.paths.cacheDir;
    const steps: FixStep[] = [
      info(
        'An honest note',
        `${shown(ctx, cache)} holds cached data, not your login: the login is in ${ctx.os === 'darwin' ? 'the macOS keychain or ' : ''}${shown(ctx, ctx.paths.credentialsFile)}. Moving the cache aside is harmless but rarely the fix; signing in again (reauthenticate) or resetting the stored login (reset-credentials) usually is.`,
      ),
    ];
    if (!(await ctx.fs.exists(cache))) {
      steps.push(info('No cache', `${shown(ctx, cache)} does not exist; there is nothing to clear.`));
      return steps;
    }
    steps.push(
      run({
        title: `Move ${shown(ctx, cache)} aside`,
        detail: "Only if you ask: the folder is moved into the doctor's backup, never deleted. Claude Code rebuilds it as needed.",
        display: `move ${shown(ctx, cache)} → backup`,
        // Rarely the fix: never done without an explicit yes, even with --yes.
        automatable: false,
        changes: true,
        effects: [`Moves ${shown(ctx, cache)} into a backup`],
        undo: `Moves it back to ${shown(ctx, cache)}`,
        leaves: 'moved-aside',
        action: { type: 'move-aside', path: cache, what: 'Claude Code cache folder' },
      }),
    );
    return steps;
  },
};
