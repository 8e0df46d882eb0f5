import { FIX_TITLES } from '../../shared/fix-titles.js';
import type { FixId, HealthReport } from '../../shared/report.js';
import type { Controller } from '../controller.js';
import { walkResolved } from '../verification.js';
import { h, type Child } from '../dom.js';
import { icon, statusBadge } from '../icons.js';
import type { FixWalk } from '../state.js';
import { causeTone, shownCauses } from '../../shared/causes.js';
import { needsAttention, STATUS_WORDS } from '../words.js';
import { renderEnding } from './ending.js';
import { moreBlock } from './fold.js';
import { checkRow, renderProgress, unconfirmedBesideLogin } from './progress-view.js';
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
      h('ul', { class: 'problem-list is-passing' }, report.checks.map(checkRow)),
    );
  }
  // One row per cause, however many checks show it; the leading one is the headline already, so
  // its row says what was found here. A cause's checks open under it.
  const causes = shownCauses(report);
  const shown = expanded ? causes : causes.slice(0, SHOWN_PROBLEMS);
  // The login verified and only unanswered checks left: the headline says "signed in", so every row names itself.
  const unconfirmed = unconfirmedBesideLogin(report) !== null;
  const leadInHeadline = !unconfirmed;
  const byId = new Map(report.checks.map((c) => [c.id, c] as const));
  return h(
    'section',
    { class: 'problems', 'aria-labelledby': 'problems-h' },
    h(
      'h2',
      { id: 'problems-h', class: 'eyebrow' },
      unconfirmed ? 'Not confirmed · your login works' : causes.length > 1 ? 'What’s wrong' : 'What was found',
    ),
    h(
      'ul',
      { class: 'problem-list' },
      shown.map((finding, i) => {
        const status = causeTone(finding);
        const checks = finding.checks.map((id) => byId.get(id)).filter((c) => c !== undefined);
        return h(
          'li',
          { class: `problem is-${status}`, 'data-cause': finding.code, 'data-check': finding.checks[0] ?? '', 'data-status': status },
          h(
            'details',
            {},
            h(
              'summary',
              { 'data-key': `problem-${finding.checks[0] ?? finding.code}` },
              statusBadge(status),
              h('span', { class: 'sr-only' }, `${STATUS_WORDS[status]}: `),
              h(
                'span',
                { class: 'problem-text' },
                i === 0 && leadInHeadline ? null : h('span', { class: 'problem-title' }, finding.title),
                i === 0 && leadInHeadline ? null : ' ',
                h('span', { class: i === 0 && leadInHeadline ? 'problem-title' : 'problem-summary' }, finding.detail),
              ),
            ),
            checks.map((check) =>
              h('p', { class: 'problem-cause', 'data-check': check.id }, h('strong', {}, `${check.title}: `), check.cause ?? check.summary),
            ),
          ),
        );
      }),
    ),
    causes.length > SHOWN_PROBLEMS
      ? h(
          'button',
          { type: 'button', class: 'btn-link', 'data-key': 'more-problems', 'aria-expanded': expanded ? 'true' : 'false', onclick: toggle },
          expanded ? 'Show fewer' : `Show all ${causes.length}`,
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

  // What was found on this machine leads; the background (why, the reading steps) is behind More.
  const atFirst = walk.step === walk.first;
  const found = controller.state.report ? shownCauses(controller.state.report).find((f) => f.fixes.includes(walk.fixId)) : undefined;
  const background = run
    ? [
        ...(run.why ? [{ title: null, text: run.why }] : []),
        ...run.steps.slice(0, walk.first).map((s) => ({ title: s.title, text: s.detail })),
      ]
    : [];
  const actions = steps - walk.first;
  return h(
    'article',
    { class: 'card', 'aria-labelledby': 'fix-title', 'data-fix': walk.fixId },
    h(
      'header',
      { class: 'card-head' },
      h(
        'p',
        { class: 'eyebrow' },
        total > 1 ? `Fix ${position + 1} of ${total}` : 'The fix',
        actions > 1 ? ` · step ${walk.step - walk.first + 1} of ${actions}` : '',
      ),
      h('h3', { id: 'fix-title', class: 'card-title', tabindex: -1 }, title),
      atFirst && found ? h('p', { class: 'found', 'data-cause': found.code }, h('strong', {}, 'Found here: '), found.detail) : null,
      atFirst ? moreBlock(`${walk.fixId}-why`, background) : null,
    ),
    body,
    run
      ? h(
          'footer',
          { class: 'card-foot' },
          walk.step > walk.first || position > 0
            ? navButton('back', [icon('back'), 'Back'], () => controller.goStep(-1), false)
            : h('span'),
          navButton(
            'next',
            [nextLabel, icon('next')],
            () => (lastStep && lastFix ? void controller.finish() : controller.goStep(1)),
            nextPrimary,
          ),
        )
      : null,
  );
}

/** The Fix tab: what is wrong, the plan as a stepper, and the open fix's card. */
export function renderFixView(controller: Controller, expanded: boolean, toggle: () => void): Child[] {
  const { report, plan, activeFix } = controller.state;
  if (!report) {
    const { progress } = controller.state;
    return progress
      ? [renderProgress(progress)]
      : [h('p', { class: 'muted loading' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Running the checks…')];
  }
  const ending = renderEnding(controller);
  if (ending?.dataset['ending'] === 'success') return [ending];
  // One cause with its fix open: the headline and the card's "Found here" already say it all.
  const single = shownCauses(report).length === 1 && plan.length > 0 && activeFix !== null && !ending;
  const parts: Child[] = single ? [] : [renderProblems(report, expanded, toggle, plan.length > 0)];
  if (ending) parts.unshift(ending);
  else if (plan.length > 0 && activeFix) {
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
