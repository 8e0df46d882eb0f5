import { isAllowedExternalUrl } from '../../../shared/external-links.js';
import { FIX_TITLES } from '../../../shared/fix-titles.js';
import type { FixDefinition, FixStep } from '../types.js';
import { info, link } from './common.js';

export const waitForService: FixDefinition = {
  id: 'wait-for-service',
  title: FIX_TITLES['wait-for-service'],
  why: "Anthropic's status page reports an incident or degraded service for Claude. Errors then look like sign-in problems, but nothing on this machine is wrong.",
  verifies: ['service.status'],
  async steps(ctx) {
    const check = ctx.check('service.status');
    const incidents = ctx.report.facts.status?.incidents ?? [];
    const first = incidents[0];
    const listed = incidents.map((i) => `${i.name}${i.status ? ` (${i.status})` : ''}`);
    // One card: what is down (linked), that nothing here is wrong, and that the app tells you when it ends.
    const steps: FixStep[] = [
      link(
        first ? `Follow the incident: ${first.name}` : 'Follow the incident',
        // A shortlink elsewhere than the status page is not followed: the allowlist decides.
        first?.shortlink && isAllowedExternalUrl(first.shortlink) ? first.shortlink : 'https://status.claude.com',
        first
          ? `Anthropic reports: ${listed.join('; ')}. The page has the affected parts of Claude and updates.`
          : (check?.summary ?? 'Claude status page: incidents, affected components and updates.'),
      ),
      info(
        'Nothing on this machine is wrong',
        'Leave your login as it is: signing out during an outage does not help and can leave you unable to sign back in until it ends. ' +
          // Read in the wizard and in a terminal's `fix` alike: says what each does, not "this window".
          'The tray app keeps watching the status page and tells you when the incident is resolved; in a terminal, `claude-auth-doctor wait` returns once it is. ' +
          '"Overloaded" (529) and capacity errors are normal load management: they are not on the status page and clear within minutes.',
      ),
    ];
    return steps;
  },
};
