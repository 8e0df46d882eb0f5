import { h } from '../dom.js';
import { icon, statusBadge } from '../icons.js';
import type { Controller } from '../controller.js';
import { clockTime, countLine, HEADLINES, loginEndsLine, sessionWord } from '../words.js';

/** The top band: overall state in the tray's colour, one line of counts, and Check again. */
export function renderHeader(controller: Controller): HTMLElement {
  const { report, checking } = controller.state;
  const overall = report?.overall ?? 'unknown';
  const headline = report ? HEADLINES[report.overall] : 'Checking Claude Code’s sign-in…';
  const details = report
    ? [countLine(report), loginEndsLine(report, Date.now()), `checked ${clockTime(report.generatedAt)}`, sessionWord(report)]
        .filter(Boolean)
        .join(' · ')
    : 'Running the checks; this takes a few seconds.';
  return h(
    'header',
    { class: `top ${report ? `is-${overall}` : 'is-checking'}`, 'data-overall': report ? overall : 'checking' },
    report ? statusBadge(overall, 'lg') : h('span', { class: 'badge badge-lg is-checking spinner', 'aria-hidden': 'true' }),
    h(
      'div',
      { class: 'top-text' },
      h('h1', { id: 'headline', tabindex: -1 }, h('span', { class: 'sr-only' }, report ? `Overall: ${overall}. ` : ''), headline),
      h('p', { class: 'top-sub' }, details),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-icon',
        'data-key': 'recheck',
        'aria-label': checking ? 'Checking…' : 'Check again',
        title: 'Check again',
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
