import { FIX_TITLES } from '../../shared/fix-titles.js';
import type { ExplainMatchView } from '../../shared/ipc.js';
import type { FixId } from '../../shared/report.js';
import type { Controller } from '../controller.js';
import { h, replaceRegion } from '../dom.js';
import { icon } from '../icons.js';

const SEVERITY_WORDS = { high: 'Blocks Claude Code', medium: 'Needs attention', low: 'Minor' } as const;
const SEVERITY_STATUS = { high: 'fail', medium: 'warn', low: 'unknown' } as const;
/** A cause found here is told in the Fix tab's tone and words. */
const FOUND_WORDS = {
  fail: 'Found here · blocks Claude Code',
  warn: 'Found here · needs attention',
  unknown: 'Found here · not confirmed',
} as const;

/** The fixes a match offers: the one to do first (the cause found here's, else the best) leads. */
function fixOrder(match: ExplainMatchView): FixId[] {
  const first = match.found?.fixId ?? match.fixes[0];
  return first ? [first, ...match.fixes.filter((f) => f !== first)] : [];
}

/**
 * The Explain tab. The textarea is built once and never re-rendered (it keeps the user's text and
 * caret); only the results region changes. The pasted text is sent to the host and never written
 * back into the page: every word shown comes from the catalogue.
 */
export function createExplainView(controller: Controller): { readonly element: HTMLElement; update(): void } {
  const textarea = h('textarea', {
    id: 'error-text',
    class: 'error-text',
    rows: 4,
    spellcheck: 'false',
    autocomplete: 'off',
    'aria-describedby': 'error-hint',
    placeholder: 'e.g. OAuth token has expired. Please obtain a new token or refresh your existing token.',
    onkeydown: (event: Event) => {
      const key = event as KeyboardEvent;
      if (key.key === 'Enter' && (key.ctrlKey || key.metaKey)) {
        key.preventDefault();
        void controller.explain(textarea.value);
      }
    },
  });
  const submit = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-primary',
      'data-key': 'explain',
      onclick: () => {
        if (!controller.state.explain.busy) void controller.explain(textarea.value);
      },
    },
    icon('search'),
    'Explain',
  );
  const results = h('div', { class: 'matches', id: 'explain-results' });
  const element = h(
    'div',
    { class: 'explain' },
    h('label', { for: 'error-text', class: 'field-label' }, 'Paste the error Claude Code printed'),
    textarea,
    h(
      'div',
      { class: 'explain-row' },
      h('p', { id: 'error-hint', class: 'hint' }, 'Stays on this computer. Anything that looks like a token is ignored and never shown.'),
      submit,
    ),
    results,
  );

  function update(): void {
    const { busy, matches, error } = controller.state.explain;
    submit.setAttribute('aria-busy', busy ? 'true' : 'false');
    // Once there are results, their fix is the one primary button.
    submit.className = `btn ${matches !== null && matches.length > 0 ? 'btn-secondary' : 'btn-primary'}`;
    submit.setAttribute('aria-disabled', busy ? 'true' : 'false');
    if (error) return replaceRegion(results, h('p', { class: 'result is-fail result-line' }, error));
    if (matches === null) return replaceRegion(results);
    if (matches.length === 0) {
      return replaceRegion(
        results,
        h(
          'div',
          { class: 'no-match' },
          h('p', {}, 'No known Claude Code error matches that text.'),
          h('p', { class: 'muted' }, 'The checks may still find the cause: open the Fix tab and check again.'),
        ),
      );
    }
    replaceRegion(
      results,
      h(
        'ul',
        { class: 'match-list', 'aria-label': 'What the error means' },
        matches.map((match, i) => {
          const tone = match.found ? match.found.severity : SEVERITY_STATUS[match.severity];
          const words = match.found ? FOUND_WORDS[match.found.severity] : SEVERITY_WORDS[match.severity];
          // Found here: the way to its card comes right under what was found, before the background.
          const buttons = fixOrder(match).map((fixId, k) => {
            // One primary button on the tab: the first match's first fix.
            const primary = i === 0 && k === 0;
            const label = match.found?.fixId === fixId ? `Go to the fix: ${FIX_TITLES[fixId]}` : FIX_TITLES[fixId];
            return h(
              'button',
              {
                type: 'button',
                class: `btn ${primary ? 'btn-primary' : 'btn-secondary'} btn-fix`,
                'data-key': `match-${i}-${fixId}`,
                'data-fix': fixId,
                'aria-describedby': `match-${i}`,
                onclick: () => controller.jumpToFix(fixId),
              },
              icon('wrench'),
              label,
              icon('next'),
            );
          });
          // Found here: its fix alone, the others (for the same error elsewhere) behind a fold.
          const [first, ...others] = buttons;
          const fixes =
            buttons.length === 0
              ? null
              : match.found && others.length > 0
                ? h(
                    'div',
                    { class: 'match-fixes' },
                    first,
                    h(
                      'details',
                      { class: 'other-fixes' },
                      h('summary', { 'data-key': `match-${i}-others` }, 'Other fixes for this error'),
                      h('div', { class: 'match-fixes' }, others),
                    ),
                  )
                : h('div', { class: 'match-fixes' }, buttons);
          return h(
            'li',
            {
              class: `match is-${tone}`,
              'data-match': match.id,
              'data-tone': tone,
              ...(match.found ? { 'data-found': match.found.fixId } : {}),
            },
            h(
              'div',
              { class: 'match-head' },
              h('h3', { class: 'match-title', id: `match-${i}` }, match.title),
              h('span', { class: `pill is-${tone}` }, words),
            ),
            match.found
              ? h(
                  'p',
                  { class: 'match-found' },
                  h('strong', {}, 'The doctor found this on this machine: '),
                  `${match.found.title}. ${match.found.detail}`,
                )
              : null,
            match.found ? fixes : null,
            h('p', { class: 'match-meaning' }, match.meaning),
            match.found ? null : fixes,
          );
        }),
      ),
    );
  }

  return { element, update };
}
