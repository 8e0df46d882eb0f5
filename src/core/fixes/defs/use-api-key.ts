import { FIX_TITLES } from '../../../shared/fix-titles.js';
import { API_KEY_ACCOUNT, API_KEY_SERVICE } from '../../keychain/api-key-store.js';
import type { FixDefinition, FixStep } from '../types.js';
import { info, link, run, shown, userAction } from './common.js';

export const useApiKey: FixDefinition = {
  id: 'use-api-key',
  title: FIX_TITLES['use-api-key'],
  why: 'OAuth sign-in keeps failing (callback timeouts, SSH, CI) or an API key in the environment is rejected. An API key kept in the OS keychain and handed to Claude Code through its apiKeyHelper setting needs no browser and sits in no shell file.',
  verifies: ['auth.method', 'auth.token'],
  async steps(ctx) {
    const helper = `${ctx.cliCommand} api-key`;
    const settings = shown(ctx, ctx.paths.settings);
    const steps: FixStep[] = [
      info(
        'Before you switch',
        'An API key bills your Anthropic Console account per use; it does not use your Claude subscription. Once apiKeyHelper is set, Claude Code uses the key instead of your subscription login (undo removes it again). ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN, if set, still win over apiKeyHelper.',
      ),
    ];
    const keychain = ctx.check('keychain');
    if (ctx.os === 'linux' && (keychain?.status === 'skip' || keychain?.status === 'unknown')) {
      steps.push(
        info(
          'No keyring here?',
          `${keychain.summary}. Storing the key needs a running Secret Service (GNOME Keyring, KWallet, KeePassXC); over SSH there is often none. Then use the desktop session, or see the fix "use-oauth-token".`,
        ),
      );
    }
    steps.push(
      link(
        'Create an API key',
        'https://console.anthropic.com/settings/keys',
        'Keys start with sk-ant-api03-. Copy it; you paste it in the next step.',
      ),
      run({
        title: 'Store the key in the OS keychain',
        detail: `Paste the key when asked: it is read without echo (or from stdin with --stdin), never from the command line. It is kept under service "${API_KEY_SERVICE}", account "${API_KEY_ACCOUNT}".`,
        display: `keychain: save "${API_KEY_SERVICE}" / "${API_KEY_ACCOUNT}"`,
        automatable: true,
        changes: true,
        effects: ['Backs up a key stored there before (if any)', 'Saves the key in the OS keychain'],
        undo: 'Puts the previous key back, or removes the stored key if there was none',
        input: { kind: 'secret', label: 'Anthropic API key (sk-ant-api03-…)' },
        action: { type: 'store-api-key' },
      }),
      run({
        title: `Set apiKeyHelper in ${settings}`,
        detail: `Claude Code runs this command to get the key: ${helper}. Only "apiKeyHelper" is set; every other setting stays as it is.`,
        display: `${settings}: "apiKeyHelper": ${JSON.stringify(helper)}`,
        // It switches Claude Code from the subscription to API billing: always ask.
        automatable: false,
        changes: true,
        effects: [`Backs up ${settings}`, 'Sets only "apiKeyHelper"'],
        undo: `Restores ${settings} byte for byte`,
        action: { type: 'settings-edit', path: ctx.paths.settings, edit: { op: 'set-api-key-helper', command: helper } },
      }),
      userAction(
        'Check it',
        'Restart Claude Code, then confirm it uses the key and the server accepts it.',
        'claude-auth-doctor check --only auth.method,auth.token',
      ),
    );
    return steps;
  },
};
