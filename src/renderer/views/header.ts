import { h } from '../dom.js';
import { icon, statusBadge } from '../icons.js';
import type { Controller } from '../controller.js';
import { headerTone, shownCauses, headlineText } from '../../shared/causes.js';
import { clockTime, countLine, loginEndsLine, sessionWord } from '../words.js';
import { walkMiddle } from '../verification.js';
import { progressHeader, unconfirmedBesideLogin, unconfirmedLine } from './progress-view.js';

/**
 * The top band: the leading cause in plain words ("Your Claude login expired"), and under it what
 * happens next; the colour is the cause's (amber for an outage: not the user's fault).
 */
export function renderHeader(controller: Controller): HTMLElement {
  const { report, checking, activeFix, walks, view, progress } = controller.state;
  // The login verified, only a check without an answer left open: say "signed in", and what is unconfirmed.
  const unconfirmed = report ? unconfirmedBesideLogin(report) : null;
  const lead = report && !unconfirmed ? shownCauses(report)[0] : undefined;
  const overall = unconfirmed ? 'ok' : report ? headerTone(report) : 'unknown';
  // Half way through a fix (signed out, moved aside, now sign in): neutral, not a new failure.
  const middle = report && view === 'fix' && activeFix ? walkMiddle(walks.get(activeFix)) : null;
  // The first report on its way: what the finished checks say already.
  const partial = !report && progress ? progressHeader(progress) : null;
  const headline =
    middle ??
    (unconfirmed ? 'Claude Code is signed in' : report ? headlineText(report) : (partial?.headline ?? 'Checking Claude Code’s sign-in…'));
  // Under a cause: what happens next, alone (the window is small); otherwise the counts and when.
  const checked = report ? `checked ${clockTime(report.generatedAt)}` : '';
  const details = unconfirmed
    ? `${unconfirmedLine(unconfirmed)} · ${checked}`
    : lead
      ? lead.next
      : report
        ? [countLine(report), loginEndsLine(report, Date.now()), checked, sessionWord(report)].filter(Boolean).join(' · ')
        : (partial?.details ?? 'Running the checks; this takes a few seconds.');
  return h(
    'header',
    {
      class: `top ${middle ? 'is-middle' : report ? `is-${overall}` : 'is-checking'}`,
      'data-overall': report ? overall : 'checking',
      ...(middle ? { 'data-middle': 'true' } : {}),
    },
    middle
      ? h('span', { class: 'badge badge-lg is-middle', 'aria-hidden': 'true' }, icon('next'))
      : report
        ? statusBadge(overall, 'lg')
        : h('span', { class: 'badge badge-lg is-checking spinner', 'aria-hidden': 'true' }),
    h(
      'div',
      { class: 'top-text' },
      h(
        'h1',
        { id: 'headline', tabindex: -1 },
        h('span', { class: 'sr-only' }, report && !middle ? `Overall: ${overall}. ` : ''),
        headline,
      ),
      h('p', { class: 'top-sub' }, details),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-icon',
        'data-key': 'recheck',
        'aria-label': checking ? 'Checking…' : `Check again (${checked || 'not checked yet'})`,
        title: `Check again (${checked || 'not checked yet'})`,
        'aria-busy': checking ? 'true' : 'false',
        'aria-disabled': checking ? 'true' : 'false',
        onclick: () => {
          if (!controller.state.checking) void controller.recheck();
        },
      },
      icon('refresh', checking ? 'spin' : ''),
    ),
  );
}
