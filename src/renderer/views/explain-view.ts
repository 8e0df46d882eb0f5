import { FIX_TITLES } from '../../shared/fix-titles.js';
import type { Controller } from '../controller.js';
import { h, replaceRegion } from '../dom.js';
import { icon } from '../icons.js';

const SEVERITY_WORDS = { high: 'Blocks Claude Code', medium: 'Needs attention', low: 'Minor' } as const;
const SEVERITY_STATUS = { high: 'fail', medium: 'warn', low: 'unknown' } as const;

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
        matches.map((match, i) =>
          h(
            'li',
            { class: `match is-${SEVERITY_STATUS[match.severity]}`, 'data-match': match.id },
            h(
              'div',
              { class: 'match-head' },
              h('h3', { class: 'match-title', id: `match-${i}` }, match.title),
              h('span', { class: `pill is-${SEVERITY_STATUS[match.severity]}` }, SEVERITY_WORDS[match.severity]),
            ),
            h('p', { class: 'match-meaning' }, match.meaning),
            match.fixes.length > 0
              ? h(
                  'div',
                  { class: 'match-fixes' },
                  match.fixes.map((fixId) =>
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'btn btn-secondary btn-fix',
                        'data-key': `match-${i}-${fixId}`,
                        'data-fix': fixId,
                        'aria-describedby': `match-${i}`,
                        onclick: () => controller.jumpToFix(fixId),
                      },
                      icon('wrench'),
                      FIX_TITLES[fixId],
                      icon('next'),
                    ),
                  ),
                )
              : null,
          ),
        ),
      ),
    );
  }

  return { element, update };
}
