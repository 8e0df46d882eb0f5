import { FIX_TITLES } from '../../../shared/fix-titles.js';
import type { FixDefinition } from '../types.js';
import { info, link, run, shown, userAction } from './common.js';

export const contactSupport: FixDefinition = {
  id: 'contact-support',
  title: FIX_TITLES['contact-support'],
  why: 'Nothing in the plan resolved it, or no known cause matches. A support engineer can see account-side problems the doctor cannot.',
  verifies: [],
  async steps(ctx) {
    const reports = shown(ctx, `${ctx.dataDir}/reports`);
    return [
      info(
        'What to send',
        'The diagnostic report: every check with its evidence, your OS and Claude Code version. Tokens and keys are replaced by fingerprints, so it is safe to attach. Add the exact error Claude Code printed and what you already tried.',
      ),
      run({
        title: 'Write the diagnostic report',
        detail: `Saves a redacted report in ${reports} (readable only by you).`,
        display: `claude-auth-doctor report --out ${reports}/…json`,
        automatable: true,
        changes: false,
        effects: [`Writes a new file in ${reports}`],
        undo: null,
        action: { type: 'write-report' },
      }),
      userAction(
        'Or write it where you like',
        'The same report, saved to a path of your choice.',
        'claude-auth-doctor report --out ~/claude-auth-doctor-report.json',
      ),
      link('Contact Anthropic support', 'https://support.claude.com', 'Use the chat (bottom right) and attach the report.'),
    ];
  },
};
