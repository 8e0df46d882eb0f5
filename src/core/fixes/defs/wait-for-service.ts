import { FIX_TITLES } from '../../../shared/fix-titles.js';
import type { FixDefinition, FixStep } from '../types.js';
import { info, link, userAction } from './common.js';

export const waitForService: FixDefinition = {
  id: 'wait-for-service',
  title: FIX_TITLES['wait-for-service'],
  why: "Anthropic's status page reports an incident or degraded service for Claude. Errors then look like sign-in problems, but nothing on this machine is wrong.",
  verifies: ['service.status'],
  async steps(ctx) {
    const check = ctx.check('service.status');
    const listed = (ctx.report.facts.status?.incidents ?? []).map(
      (i) => `${i.name}${i.status ? ` (${i.status})` : ''}${i.shortlink ? ` ${i.shortlink}` : ''}`,
    );
    const steps: FixStep[] = [
      info(
        'What Anthropic reports',
        [check?.summary, check?.cause, listed.length > 0 ? `Open incidents: ${listed.join('; ')}.` : null].filter(Boolean).join(' ') ||
          'The status page could not be read; open it to see whether there is an incident.',
      ),
      info(
        'Leave your login alone for now',
        'Signing out or resetting credentials during an outage does not help and can leave you unable to sign back in until it ends. ' +
          '"Overloaded" (529) and capacity errors are normal load management: they are not on the status page and clear within minutes. An incident persists across retries and is listed on the page.',
      ),
      link('Follow the incident', 'https://status.claude.com', 'Claude status page: incidents, affected components and updates.'),
      link('Anthropic status', 'https://status.anthropic.com'),
      userAction('Check again later', 'Re-checks only the service status.', 'claude-auth-doctor check --only service.status'),
    ];
    return steps;
  },
};
