import { FIX_TITLES } from '../../../shared/fix-titles.js';
import type { FixDefinition, FixStep } from '../types.js';
import { info, link, userAction } from './common.js';

export const contactAdmin: FixDefinition = {
  id: 'contact-admin',
  title: FIX_TITLES['contact-admin'],
  why: 'The refusal is a policy, not a broken login: an organization that disabled subscription or API-key access for Claude Code, managed settings that require another organization, or a gateway that rejects the request. Only an administrator can change it; signing in again gives the same answer.',
  verifies: ['auth.token'],
  async steps(ctx) {
    const token = ctx.check('auth.token');
    const gateway = ctx.report.facts.method?.provider === 'gateway' || Boolean(ctx.env['ANTHROPIC_BASE_URL']);
    const steps: FixStep[] = [
      info(
        'What was refused',
        [token?.summary, token?.cause].filter(Boolean).join(' ') || 'Claude Code printed a policy refusal (see the message you pasted).',
      ),
      info(
        'Who can change it',
        gateway
          ? 'Requests go through a gateway (ANTHROPIC_BASE_URL or a Cloud gateway). Its administrator decides which models, users and credentials it allows: send them the error and the time it happened.'
          : "Your Claude organization's admin (Team or Enterprise) decides whether Claude Code may use subscription logins or API keys. Send them the error; for Pro and Max plans, the usual cause is a payment past due (see Billing).",
      ),
      link('Billing (Pro and Max)', 'https://claude.ai/settings/billing', 'A past-due payment blocks Claude Code until it is settled.'),
      userAction(
        'Meanwhile: use an API key',
        'If your organization allows API keys, an Anthropic API key works while subscription access is off.',
        'claude-auth-doctor fix use-api-key',
      ),
    ];
    return steps;
  },
};
