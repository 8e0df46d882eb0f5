import type { FixStepView } from '../../shared/ipc.js';
import { isAllowedExternalUrl } from '../../shared/external-links.js';
import type { Controller } from '../controller.js';
import { copyShortcut, copyText } from '../copy.js';
import { h, type Child } from '../dom.js';
import { foldedText } from './fold.js';
import { icon, statusBadge } from '../icons.js';
import type { FixWalk, StepRecord } from '../state.js';
import { isOneShot, middleBefore, middleLine } from '../verification.js';
import { PASSING, STATUS_WORDS } from '../words.js';

type StepMode = 'read' | 'auto' | 'manual' | 'link';

function modeOf(step: FixStepView): StepMode {
  // A run step the app performs (a backed-up edit, a move aside): the click is the user's consent.
  // `automatable: false` only keeps it out of unattended `fix --yes`.
  if (step.kind === 'run') return 'auto';
  if (step.kind === 'user-action') return 'manual';
  if (step.kind === 'link') return 'link';
  return 'read';
}

const MODE_LABEL: Readonly<Record<StepMode, string>> = {
  read: 'Good to know',
  auto: 'The app does this',
  manual: 'You do this',
  link: 'Open in your browser',
};

function button(
  key: string,
  label: Child,
  onClick: () => void,
  variant: 'primary' | 'secondary' | 'quiet' = 'secondary',
  busy = false,
): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: `btn btn-${variant}`,
      'data-key': key,
      'aria-disabled': busy ? 'true' : 'false',
      'aria-busy': busy ? 'true' : 'false',
      onclick: () => {
        if (!busy) onClick();
      },
    },
    label,
  );
}

/** What an automated step changes, minus the line that only repeats the command shown below. */
function effectsList(step: FixStepView): HTMLElement | null {
  if (step.kind !== 'run' || !step.changes || !step.effects) return null;
  const effects = step.effects.filter((e) => !(step.command && e.includes(step.command)));
  return effects.length > 0
    ? h(
        'ul',
        { class: 'effects', 'aria-label': 'What it changes' },
        effects.map((e) => h('li', {}, e)),
      )
    : null;
}

function commandBox(text: string, prompt: boolean): HTMLElement {
  return h('pre', { class: `cmd${prompt ? ' has-prompt' : ''}`, 'aria-label': 'Command' }, h('code', {}, text));
}

function copyButton(key: string, text: string, box: HTMLElement, note: HTMLElement): HTMLButtonElement {
  return button(key, [icon('copy'), 'Copy'], () => {
    void copyText(text, box).then((how) => {
      note.textContent = how === 'copied' ? 'Copied. Paste it into a terminal.' : `Selected: press ${copyShortcut()} to copy.`;
    });
  });
}

function verificationList(record: StepRecord): HTMLElement | null {
  if (record.verification.length === 0) return null;
  return h(
    'div',
    { class: 'verify' },
    h('p', { class: 'sr-only' }, 'Verification after this step:'),
    h(
      'ul',
      { class: 'verify-list' },
      record.verification.map((v) =>
        h(
          'li',
          { class: `verify-item is-${v.status}`, 'data-check': v.id, 'data-status': v.status },
          statusBadge(v.status),
          h('span', { class: 'verify-title' }, v.title),
          h('span', { class: 'verify-word' }, STATUS_WORDS[v.status]),
          h('span', { class: 'sr-only' }, `: ${v.summary}`),
        ),
      ),
    ),
  );
}

function verdict(record: StepRecord, lastStep: boolean): string | null {
  if (record.phase !== 'done' || record.ok === false || record.verification.length === 0) return null;
  if (record.verification.every((v) => PASSING.has(v.status))) return 'Fixed: every check this fix answers passes.';
  return lastStep
    ? 'Not fixed yet: check again once you have done the steps, or try the next fix.'
    : 'Not fixed yet: the next steps finish the job.';
}

/**
 * A step's result: its message, the checks it answers and the verdict. In the expected middle of a
 * walk ("Signed out: now sign in") the checks still failing are no regression: the result is
 * neutral, with no red rows.
 */
function resultBlock(record: StepRecord, lastStep: boolean, middle: string | null): HTMLElement {
  const tone =
    record.phase === 'busy'
      ? 'busy'
      : record.ok === false
        ? 'fail'
        : middle
          ? 'middle'
          : record.verification.some((v) => !PASSING.has(v.status))
            ? 'warn'
            : 'ok';
  const undo = record.undo;
  if (middle && record.phase === 'done' && undo?.phase !== 'busy') {
    return h(
      'div',
      { class: 'result is-middle', 'data-phase': 'done', 'data-middle': 'true' },
      h('p', { class: 'verdict' }, `${middle}.`),
      h('p', { class: 'result-line' }, record.message),
      undo?.phase === 'done' ? h('p', { class: 'undo-line is-fail' }, undo.message) : null,
    );
  }
  const summary = verdict(record, lastStep);
  return h(
    'div',
    { class: `result is-${tone}`, 'data-phase': record.phase },
    h(
      'p',
      { class: 'result-line' },
      record.phase === 'busy' ? h('span', { class: 'spinner', 'aria-hidden': 'true' }) : null,
      record.message,
    ),
    record.phase === 'done' ? verificationList(record) : null,
    summary ? h('p', { class: 'verdict' }, summary) : null,
    undo?.phase === 'done' ? h('p', { class: `undo-line is-${undo.ok ? 'ok' : 'fail'}` }, undo.message) : null,
  );
}

/**
 * On the step a one-shot step led into: what it did, neutral ("Moved aside: now sign in"), with its
 * Undo, until this step has a result of its own.
 */
function carried(controller: Controller, walk: FixWalk, index: number): HTMLElement | null {
  const from = middleBefore(walk, index);
  const before = walk.records.get(from);
  const line = from >= 0 ? middleLine(walk, from) : null;
  if (!before || !line) return null;
  return h(
    'div',
    { class: 'carried is-middle', 'data-middle': 'true', 'data-from': from },
    // The headline says where the walk stands; here what was done, and the way back.
    h('p', { class: 'result-line' }, h('span', { class: 'sr-only' }, `${line}. `), before.message),
    before.backupId
      ? button(
          `undo-${from}`,
          [icon('undo'), before.undo?.phase === 'busy' ? 'Restoring…' : 'Undo'],
          () => void controller.undo(from),
          'quiet',
          before.undo?.phase === 'busy',
        )
      : null,
  );
}

/** The open step of the active fix: what will happen, the one action it needs, then its proof. */
export function renderStep(controller: Controller, walk: FixWalk, step: FixStepView, index: number): HTMLElement {
  const lastStep = index >= (walk.run?.steps.length ?? 0) - 1;
  const mode = modeOf(step);
  const record = walk.records.get(index);
  const busy = record?.phase === 'busy';
  const note = h('p', { class: 'copy-note', 'aria-live': 'polite' });
  const actions: Child[] = [];
  let box: HTMLElement | null = null;

  if (mode === 'auto') {
    box = step.command ? commandBox(step.command, true) : null;
    const undone = record?.undo?.phase === 'done' && record.undo.ok;
    const again = record?.phase === 'done' && record.ok === true && !undone;
    // A one-shot step that worked is not offered again: Undo is its way back.
    if (!(again && isOneShot(step)))
      actions.push(
        button(
          'run',
          [icon('play'), busy ? 'Running…' : again ? 'Run again' : record?.ok === false ? 'Try again' : 'Run'],
          () => void controller.runStep(),
          again ? 'quiet' : 'primary',
          busy,
        ),
      );
  } else if (mode === 'manual') {
    const text = step.copy;
    if (text) {
      box = commandBox(text, true);
      actions.push(copyButton('copy', text, box, note));
    }
    actions.push(
      button(
        'check-again',
        [icon('refresh', busy ? 'spin' : ''), busy ? 'Checking…' : 'I did it — check again'],
        () => void controller.checkAgain(),
        'secondary',
        busy,
      ),
    );
  } else if (mode === 'link' && step.url && isAllowedExternalUrl(step.url)) {
    const url = step.url;
    actions.push(
      h(
        'a',
        {
          class: 'btn btn-secondary',
          href: url,
          target: '_blank',
          rel: 'noopener noreferrer',
          'data-key': 'link',
          onclick: (event: Event) => {
            event.preventDefault();
            controller.openLink(url);
          },
        },
        icon('external'),
        `Open ${new URL(url).hostname}`,
        h('span', { class: 'sr-only' }, ' (opens outside the wizard)'),
      ),
    );
  }

  const undo = record?.undo;
  if (record?.backupId && !(undo?.phase === 'done' && undo.ok)) {
    actions.unshift(
      button(
        `undo-${index}`,
        [icon('undo'), undo?.phase === 'busy' ? 'Restoring…' : 'Undo this change'],
        () => void controller.undo(index),
        'secondary',
        undo?.phase === 'busy',
      ),
    );
  }

  return h(
    'section',
    { class: `step is-${mode}`, 'aria-labelledby': 'step-title', 'data-step': index, 'data-mode': mode },
    h(
      'div',
      { class: 'step-head' },
      h('h4', { id: 'step-title', class: 'step-title', tabindex: -1 }, step.title),
      h('p', { class: 'step-kind' }, MODE_LABEL[mode]),
    ),
    step.detail ? foldedText(`${walk.fixId}-${index}`, step.detail, 'step-detail') : null,
    effectsList(step),
    box,
    record ? resultBlock(record, lastStep, middleLine(walk, index)) : carried(controller, walk, index),
    actions.length > 0 ? h('div', { class: 'actions' }, actions) : null,
    note,
  );
}
