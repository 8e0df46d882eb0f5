import { FIX_TITLES } from '../../../shared/fix-titles.js';
import type { FixTarget, FixDefinition, FixStep } from '../types.js';
import { info, remote, userAction } from './common.js';

/** Reads the token without echo into a 0600 file that the shell sources; the rc file holds no secret. */
const POSIX_STORE =
  "umask 077; mkdir -p ~/.claude; printf 'Token: '; stty -echo; read -r t; stty echo; echo; printf 'export CLAUDE_CODE_OAUTH_TOKEN=%s\\n' \"$t\" > ~/.claude/oauth-token.env; unset t";

function storeSteps(ctx: FixTarget): FixStep[] {
  if (ctx.os === 'win32') {
    return [
      userAction(
        'Store the token for your user',
        'Reads the token without showing it and saves it as a user environment variable (kept in your Windows profile, readable by programs you run). Open a new terminal afterwards.',
        "$t = Read-Host -AsSecureString 'Token'; [Environment]::SetEnvironmentVariable('CLAUDE_CODE_OAUTH_TOKEN', [Runtime.InteropServices.Marshal]::PtrToStringAuto([Runtime.InteropServices.Marshal]::SecureStringToBSTR($t)), 'User')",
      ),
    ];
  }
  const rc = /zsh$/.test(ctx.env['SHELL'] ?? '') ? '~/.zshrc' : '~/.bashrc';
  return [
    userAction(
      'Save the token in a private file',
      'Paste the token when asked; it is not shown and does not land in your shell history. It is written to ~/.claude/oauth-token.env, readable only by you (0600). This does put a secret in a file: keep that file out of backups you share and out of dotfile repositories.',
      POSIX_STORE,
    ),
    userAction(
      'Load it in new shells',
      `Adds one line to ${rc} that reads the private file; ${rc} itself holds no secret. In CI or containers, put the token in the platform's secret store and expose it as CLAUDE_CODE_OAUTH_TOKEN instead.`,
      `echo '[ -f ~/.claude/oauth-token.env ] && . ~/.claude/oauth-token.env' >> ${rc}`,
    ),
  ];
}

export const useOauthToken: FixDefinition = {
  id: 'use-oauth-token',
  title: FIX_TITLES['use-oauth-token'],
  why: 'Signing in with a browser is not possible or not lasting here (SSH, a headless server, CI, a container, a keychain that stays locked). A one-year token from `claude setup-token` uses your subscription without a browser or keychain.',
  verifies: ['auth.method', 'auth.token'],
  async steps(ctx) {
    const here = !remote(ctx);
    return [
      info(
        'What this gives you',
        '`claude setup-token` signs you in once in a browser and prints a token that lasts a year and can only be used for Claude Code requests. Set as CLAUDE_CODE_OAUTH_TOKEN, it takes precedence over the stored login. Anyone with the token can use your subscription: treat it like a password.',
      ),
      userAction(
        here ? 'Create a token' : 'Create a token on a computer with a browser',
        here
          ? 'Opens your browser to sign in, then prints the token. Copy it.'
          : 'Run this on your laptop (any machine with a browser and Claude Code), sign in, and copy the token it prints.',
        'claude setup-token',
      ),
      ...storeSteps(ctx),
      userAction(
        'Check it',
        'In a new terminal, confirm Claude Code now uses the token and the server accepts it.',
        'claude-auth-doctor check --only auth.method,auth.token',
      ),
    ];
  },
};
