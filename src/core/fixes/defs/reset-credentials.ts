import { FIX_TITLES } from '../../../shared/fix-titles.js';
import type { FixDefinition, FixStep } from '../types.js';
import { info, loginSteps, run, shown } from './common.js';

export const resetCredentials: FixDefinition = {
  id: 'reset-credentials',
  title: FIX_TITLES['reset-credentials'],
  why: 'The stored login is damaged (corrupt JSON, emptied tokens, a broken link, a directory in its place) or keeps failing after a sign-out. Moving it aside lets Claude Code store a clean one.',
  verifies: ['auth.credentials', 'auth.token'],
  async steps(ctx) {
    const steps: FixStep[] = [
      info(
        'What happens',
        'The stored login is moved into a backup (never deleted), so Claude Code finds none and you sign in again. Undo puts it back exactly as it was.',
      ),
    ];
    const file = ctx.paths.credentialsFile;
    const read = await ctx.fs.readText(file, 1);
    if (read.kind !== 'missing') {
      steps.push(
        run({
          title: `Move ${shown(ctx, file)} aside`,
          detail: "The file is moved into the doctor's backup folder (readable only by you).",
          display: `move ${shown(ctx, file)} → backup`,
          automatable: true,
          changes: true,
          effects: [`Moves ${shown(ctx, file)} into a backup`],
          undo: `Moves it back to ${shown(ctx, file)} with its mode`,
          leaves: 'moved-aside',
          action: { type: 'move-aside', path: file, what: 'Claude Code login file' },
        }),
      );
    }
    if (ctx.os === 'darwin') {
      const service = ctx.paths.keychainService;
      steps.push(
        run({
          title: 'Move the keychain login aside',
          detail: `Exports the macOS keychain item "${service}" (account ${ctx.user}) into the backup folder (a file only you can read; its contents are never shown), then deletes it from the keychain.`,
          display: `security delete-generic-password -a ${ctx.user} -s '${service}' (after exporting it to the backup)`,
          automatable: true,
          changes: true,
          effects: [`Saves the keychain item "${service}" into a backup`, 'Deletes it from the login keychain'],
          undo: 'Writes the saved item back into the login keychain (through `security -i`, so it never appears on a command line)',
          leaves: 'moved-aside',
          action: { type: 'keychain-move-aside', service, account: ctx.user, what: 'Claude Code login in the macOS keychain' },
        }),
      );
    }
    if (steps.length === 1)
      steps.push(info('Nothing stored', `No login is stored in ${shown(ctx, file)}; there is nothing to move aside.`));
    steps.push(...loginSteps(ctx));
    return steps;
  },
};
