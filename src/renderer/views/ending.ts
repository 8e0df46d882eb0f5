import { FIX_TITLES } from '../../shared/fix-titles.js';
import type { Controller } from '../controller.js';
import { h } from '../dom.js';
import { icon, statusBadge } from '../icons.js';
import { walkResolved } from '../verification.js';
import { shownCauses, signedInLine } from '../../shared/causes.js';

const SUPPORT_URL = 'https://support.claude.com';

function done(controller: Controller, primary: boolean): HTMLButtonElement {
  return h(
    'button',
    { type: 'button', class: `btn ${primary ? 'btn-primary' : 'btn-quiet'}`, 'data-key': 'done', onclick: () => controller.close() },
    'Done',
  );
}

/**
 * How a journey ends, so none is a dead end: a verified success ("Claude Code will work", then
 * Done), or, when the fixes did not clear it, what is still wrong and the next option (the next
 * fix, support), or for an outage the promise that the app tells the user when it is over.
 * Null while there is nothing to end (nothing was tried yet).
 */
export function renderEnding(controller: Controller): HTMLElement | null {
  const { report, walks, finished, plan } = controller.state;
  if (!report) return null;
  const tried = [...walks.values()].some((w) => w.records.size > 0);
  // A terminal opened before the change still holding the old variable does not stop Claude Code
  // started anew: that is a success, said with the one thing left to do.
  const left = shownCauses(report);
  const stale = left.find((f) => f.code === 'stale-terminal');
  const works = report.overall === 'ok' || (left.length > 0 && left.every((f) => f.code === 'stale-terminal'));
  if (works && (tried || finished)) {
    const who = signedInLine(report);
    return h(
      'section',
      { class: 'ending is-ok', 'data-ending': 'success', 'aria-labelledby': 'ending-h' },
      statusBadge('ok', 'lg'),
      h('h2', { id: 'ending-h', class: 'ending-title', tabindex: -1 }, 'Fixed: Claude Code will work'),
      h('p', { class: 'ending-line' }, [who, stale ? 'new terminals use your login' : 'every check passes'].filter(Boolean).join(' · ')),
      stale ? h('p', { class: 'ending-line', 'data-cause': stale.code }, `${stale.detail}: ${stale.next}`) : null,
      h('div', { class: 'ending-actions' }, done(controller, true)),
    );
  }
  if (!finished) return null;
  const lead = shownCauses(report)[0];
  if (lead && (lead.code === 'service-outage' || lead.code === 'service-degraded')) {
    return h(
      'section',
      { class: 'ending is-warn', 'data-ending': 'next-option', 'aria-labelledby': 'ending-h' },
      statusBadge('warn', 'lg'),
      h('h2', { id: 'ending-h', class: 'ending-title', tabindex: -1 }, 'Anthropic is still working on it'),
      h(
        'p',
        { class: 'ending-line' },
        'Nothing on this machine needs changing. The app keeps watching the status page and tells you when it is resolved; you can close this window.',
      ),
      h('div', { class: 'ending-actions' }, done(controller, true)),
    );
  }
  const untried = plan.findIndex((id) => !walkResolved(walks.get(id), report) && (walks.get(id)?.records.size ?? 0) === 0);
  return h(
    'section',
    { class: 'ending is-fail', 'data-ending': 'next-option', 'aria-labelledby': 'ending-h' },
    statusBadge(lead?.severity ?? report.overall, 'lg'),
    h('h2', { id: 'ending-h', class: 'ending-title', tabindex: -1 }, 'That did not fix it yet'),
    h(
      'p',
      { class: 'ending-line' },
      lead ? `Still: ${lead.title.charAt(0).toLowerCase()}${lead.title.slice(1)}. ${lead.detail}` : 'Some checks still fail.',
    ),
    h(
      'div',
      { class: 'ending-actions' },
      untried >= 0 && plan[untried]
        ? h(
            'button',
            { type: 'button', class: 'btn btn-primary', 'data-key': 'next-option', onclick: () => controller.select(untried) },
            `Try: ${FIX_TITLES[plan[untried]]}`,
            icon('next'),
          )
        : h(
            'a',
            {
              class: 'btn btn-primary',
              href: SUPPORT_URL,
              'data-key': 'next-option',
              onclick: (event: Event) => {
                event.preventDefault();
                controller.openLink(SUPPORT_URL);
              },
            },
            'Ask Claude support',
            h('span', { class: 'sr-only' }, ' (opens outside the wizard)'),
          ),
      done(controller, false),
    ),
  );
}
