import { FIX_TITLES } from '../../../shared/fix-titles.js';
import type { FixDefinition } from '../types.js';
import { info, link, userAction } from './common.js';

export const verifyAccount: FixDefinition = {
  id: 'verify-account',
  title: FIX_TITLES['verify-account'],
  why: 'The server refuses a login that looks valid here: a password, email, MFA or subscription change ends every session, and an account hold or an empty credit balance blocks requests.',
  verifies: ['auth.token'],
  async steps() {
    return [
      info(
        'Rule the account out',
        'If signing in on the website fails, Claude Code will fail too: fix the account first. After any account change, expect to sign in again everywhere.',
      ),
      link(
        'Your Claude account',
        'https://claude.ai/settings',
        'Check that you can sign in, that the plan is active and that no security notice is waiting.',
      ),
      link(
        'Anthropic Console (API users)',
        'https://console.anthropic.com/settings/billing',
        '"Credit balance is too low" and disabled keys are settled here.',
      ),
      userAction('Then sign in again', 'A fresh login picks up the account as it is now.', 'claude auth login'),
    ];
  },
};
