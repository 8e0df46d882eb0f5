import { FIX_TITLES } from '../../shared/fix-titles.js';
import type { FixId, HealthReport } from '../../shared/report.js';
import type { Controller } from '../controller.js';
import { walkResolved } from '../verification.js';
import { h, type Child } from '../dom.js';
import { icon, statusBadge } from '../icons.js';
import type { FixWalk } from '../state.js';
import { needsAttention } from '../words.js';
import { foldedText } from './fold.js';
import { renderStep } from './step-card.js';

const SHOWN_PROBLEMS = 3;

function renderProblems(report: HealthReport, expanded: boolean, toggle: () => void, walking: boolean): HTMLElement | null {
  const list = needsAttention(report);
  if (list.length === 0 && walking) return null;
  if (list.length === 0) {
    const ran = report.checks.filter((c) => c.status !== 'skip').length;
    return h(
      'section',
      { class: 'problems', 'aria-labelledby': 'problems-h' },
      h('h2', { id: 'problems-h', class: 'eyebrow' }, `All ${ran} checks pass · nothing to fix`),
      h(
        'ul',
        { class: 'problem-list is-passing' },
        report.checks.map((check) =>
          h(
            'li',
            { class: `problem is-${check.status}`, 'data-check': check.id, 'data-status': check.status },
            h(
              'div',
              { class: 'problem-row' },
              statusBadge(check.status),
              h('span', { class: 'sr-only' }, `${check.status}: `),
              h(
                'span',
                { class: 'problem-text is-one-line' },
                h('span', { class: 'problem-title' }, check.title),
                ' ',
                h('span', { class: 'problem-summary' }, check.summary),
              ),
            ),
          ),
        ),
      ),
    );
  }
  const shown = expanded ? list : list.slice(0, SHOWN_PROBLEMS);
  return h(
    'section',
    { class: 'problems', 'aria-labelledby': 'problems-h' },
    h('h2', { id: 'problems-h', class: 'eyebrow' }, 'What’s wrong'),
    h(
      'ul',
      { class: 'problem-list' },
      shown.map((check) =>
        h(
          'li',
          { class: `problem is-${check.status}`, 'data-check': check.id, 'data-status': check.status },
          h(
            'details',
            {},
            h(
              'summary',
              { 'data-key': `problem-${check.id}` },
              statusBadge(check.status),
              h('span', { class: 'sr-only' }, `${check.status}: `),
              h(
                'span',
                { class: 'problem-text' },
                h('span', { class: 'problem-title' }, check.title),
                ' ',
                h('span', { class: 'problem-summary' }, check.summary),
              ),
            ),
            h('p', { class: 'problem-cause' }, check.cause ?? check.summary),
          ),
        ),
      ),
    ),
    list.length > SHOWN_PROBLEMS
      ? h(
          'button',
          { type: 'button', class: 'btn-link', 'data-key': 'more-problems', 'aria-expanded': expanded ? 'true' : 'false', onclick: toggle },
          expanded ? 'Show fewer' : `Show all ${list.length}`,
        )
      : null,
  );
}

function dotState(controller: Controller, fixId: FixId): 'done' | 'tried' | 'todo' {
  const walk = controller.state.walks.get(fixId);
  if (walkResolved(walk, controller.state.report)) return 'done';
  return walk && walk.records.size > 0 ? 'tried' : 'todo';
}

const DOT_WORDS = { done: 'fixed', tried: 'tried', todo: 'not started' } as const;

function renderStepper(controller: Controller): HTMLElement {
  const { plan, activeFix } = controller.state;
  return h(
    'ol',
    { class: 'stepper', 'aria-label': 'Plan' },
    plan.map((fixId, i) => {
      const state = dotState(controller, fixId);
      const current = fixId === activeFix;
      return h(
        'li',
        { class: `stepper-item is-${state}${current ? ' is-current' : ''}` },
        h(
          'button',
          {
            type: 'button',
            class: 'dot',
            'data-key': `plan-${fixId}`,
            'data-fix': fixId,
            'aria-current': current ? 'step' : false,
            'aria-label': `Fix ${i + 1} of ${plan.length}: ${FIX_TITLES[fixId]} (${DOT_WORDS[state]})`,
            title: FIX_TITLES[fixId],
            onclick: () => controller.select(i),
          },
          state === 'done' ? icon('check') : String(i + 1),
        ),
      );
    }),
  );
}

function navButton(key: string, label: Child, onClick: () => void, primary: boolean): HTMLButtonElement {
  return h('button', { type: 'button', class: `btn ${primary ? 'btn-primary' : 'btn-quiet'}`, 'data-key': key, onclick: onClick }, label);
}

function renderCard(controller: Controller, walk: FixWalk, position: number, total: number): HTMLElement {
  const run = walk.run;
  const title = run?.title ?? FIX_TITLES[walk.fixId];
  let body: Child;
  if (walk.loading || (!run && !walk.error))
    body = h('p', { class: 'muted loading' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Preparing the steps…');
  else if (!run)
    body = h(
      'div',
      { class: 'result is-fail' },
      h('p', { class: 'result-line' }, walk.error ?? 'This fix could not be opened.'),
      navButton('retry', 'Try again', () => controller.select(position), false),
    );
  else {
    const step = run.steps[walk.step];
    body = step ? renderStep(controller, walk, step, walk.step) : h('p', { class: 'muted' }, 'This fix has no steps.');
  }

  const steps = run?.steps.length ?? 0;
  const lastStep = walk.step >= steps - 1;
  const lastFix = position >= total - 1;
  const record = walk.records.get(walk.step);
  const step = run?.steps[walk.step];
  const actionable = step !== undefined && step.kind !== 'info' && step.kind !== 'link';
  const nextPrimary = !actionable || record?.phase === 'done';
  const nextLabel = !lastStep ? 'Next step' : lastFix ? 'Finish and check' : 'Next fix';

  return h(
    'article',
    { class: 'card', 'aria-labelledby': 'fix-title', 'data-fix': walk.fixId },
    h(
      'header',
      { class: 'card-head' },
      h('p', { class: 'eyebrow' }, `Fix ${position + 1} of ${total}`, steps > 1 ? ` · step ${walk.step + 1} of ${steps}` : ''),
      h('h3', { id: 'fix-title', class: 'card-title', tabindex: -1 }, title),
      run?.why && walk.step === 0 ? foldedText(`${walk.fixId}-why`, run.why, 'why') : null,
    ),
    body,
    run
      ? h(
          'footer',
          { class: 'card-foot' },
          walk.step > 0 || position > 0 ? navButton('back', [icon('back'), 'Back'], () => controller.goStep(-1), false) : h('span'),
          navButton(
            'next',
            [nextLabel, icon('next')],
            () => (lastStep && lastFix ? void controller.recheck() : controller.goStep(1)),
            nextPrimary,
          ),
        )
      : null,
  );
}

/** The Fix tab: what is wrong, the plan as a stepper, and the open fix's card. */
export function renderFixView(controller: Controller, expanded: boolean, toggle: () => void): Child[] {
  const { report, plan, activeFix } = controller.state;
  if (!report) return [h('p', { class: 'muted loading' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Running the checks…')];
  const parts: Child[] = [renderProblems(report, expanded, toggle, plan.length > 0)];
  if (plan.length > 0 && activeFix) {
    const walk = controller.state.walks.get(activeFix);
    parts.push(
      h(
        'section',
        { class: 'plan', 'aria-labelledby': 'plan-h' },
        h(
          'div',
          { class: 'plan-head' },
          h('h2', { id: 'plan-h', class: plan.length > 1 ? 'eyebrow' : 'sr-only' }, 'Plan'),
          plan.length > 1 ? renderStepper(controller) : null,
        ),
        walk ? renderCard(controller, walk, plan.indexOf(activeFix), plan.length) : null,
      ),
    );
  }
  return parts;
}
