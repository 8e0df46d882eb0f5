import { THEMES, type Theme } from '../../shared/settings.js';
import { h } from '../dom.js';
import { icon } from '../icons.js';
import { schemaNode, valueAt, type PrefField, type Preferences } from '../preferences.js';

/** Number fields save this long after the last keystroke (at once on Enter or leaving the field). */
const TYPING_PAUSE_MS = 700;

type NotifyKey = 'keychainOnWake' | 'failures' | 'incidents' | 'expiringToken';

/** Where the schema's description is too long for one line at 420 px. */
const NOTIFY_LABELS: Partial<Record<NotifyKey, string>> = { expiringToken: 'Sign-in about to end' };
const NOTIFY_HINTS: Partial<Record<NotifyKey, string>> = { failures: 'Once per problem, not on every check.' };

/** Shown until the first change; the live region only speaks when a save ends. */
const IDLE_STATUS = 'Changes save as you make them';

const THEME_WORDS: Readonly<Record<Theme, string>> = { system: 'System', light: 'Light', dark: 'Dark' };

/** The schema's description as a label: its first clause, without the closing full stop. */
function described(field: PrefField): string {
  const text = schemaNode(field)?.description ?? field;
  return text.replace(/\s*\(.*\)\.?$/, '').replace(/\.$/, '');
}

interface Control {
  readonly field: PrefField;
  readonly input: HTMLInputElement;
  readonly error: HTMLElement;
  sync(value: unknown): void;
}

function idFor(field: PrefField): string {
  return `pref-${field.replace(/[A-Z.]/g, (c) => (c === '.' ? '-' : `-${c.toLowerCase()}`))}`;
}

function fieldError(id: string): HTMLElement {
  return h('p', { class: 'field-error', id: `${id}-error`, 'aria-live': 'polite' });
}

function textBlock(id: string, label: string, hint: string | null): HTMLElement {
  return h(
    'div',
    { class: 'pref-text' },
    h('label', { for: id, class: 'pref-label' }, label),
    hint ? h('p', { class: 'pref-hint', id: `${id}-hint` }, hint) : null,
  );
}

function describedBy(id: string, hint: string | null): string {
  return hint ? `${id}-hint ${id}-error` : `${id}-error`;
}

/** A setting that is on or off: a checkbox with the switch role, its label, the inline error. */
function switchControl(prefs: Preferences, field: PrefField, label: string, hint: string | null = null): [HTMLElement, Control] {
  const id = idFor(field);
  const input = h('input', {
    type: 'checkbox',
    role: 'switch',
    class: 'switch',
    id,
    'data-key': id,
    'aria-describedby': describedBy(id, hint),
    onchange: () => prefs.change(field, input.checked),
  });
  const error = fieldError(id);
  const row = h('div', { class: 'pref-item' }, h('div', { class: 'pref-row' }, textBlock(id, label, hint), input), error);
  return [row, { field, input, error, sync: (value) => (input.checked = value === true) }];
}

/** A number of minutes: saved after a pause in typing, refused values shown inline and never sent. */
function numberControl(prefs: Preferences, field: PrefField, label: string, hint: string | null): [HTMLElement, Control] {
  const id = idFor(field);
  const node = schemaNode(field);
  let timer: number | undefined;
  const commit = (): void => {
    window.clearTimeout(timer);
    timer = undefined;
    const raw = input.value.trim();
    prefs.change(field, raw === '' ? raw : Number(raw));
  };
  const input = h('input', {
    type: 'number',
    inputmode: 'numeric',
    class: 'pref-number',
    id,
    'data-key': id,
    min: node?.type === 'integer' ? node.minimum : null,
    max: node?.type === 'integer' ? node.maximum : null,
    step: 1,
    'aria-describedby': describedBy(id, hint),
    oninput: () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(commit, TYPING_PAUSE_MS);
    },
    onchange: commit,
    onkeydown: (event: Event) => {
      if ((event as KeyboardEvent).key === 'Enter') commit();
    },
  });
  const error = fieldError(id);
  const row = h('div', { class: 'pref-item' }, h('div', { class: 'pref-row' }, textBlock(id, label, hint), input), error);
  const sync = (value: unknown): void => {
    // Never overwrite what the user is typing, or a refused value they still have to correct.
    if (timer !== undefined || document.activeElement === input || prefs.state.errors.has(field)) return;
    input.value = String(value);
  };
  return [row, { field, input, error, sync }];
}

/** System / Light / Dark as radio buttons (arrow keys move between them), drawn as a segmented control. */
function themeControl(prefs: Preferences): [HTMLElement, Control[]] {
  const controls: Control[] = [];
  const error = fieldError('pref-theme');
  const choices = THEMES.map((theme) => {
    const id = `pref-theme-${theme}`;
    const input = h('input', {
      type: 'radio',
      name: 'pref-theme',
      value: theme,
      class: 'seg-input',
      id,
      'data-key': id,
      'aria-describedby': 'pref-theme-error',
      onchange: () => {
        if (input.checked) prefs.change('theme', theme);
      },
    });
    controls.push({ field: 'theme', input, error, sync: (value) => (input.checked = value === theme) });
    return [input, h('label', { for: id, class: 'seg' }, THEME_WORDS[theme])];
  });
  // The legend stays the fieldset's first child: it names the group for screen readers.
  const group = h(
    'fieldset',
    { class: 'pref-item pref-choice' },
    h('legend', { class: 'pref-label' }, 'Theme'),
    h('div', { class: 'segmented' }, choices),
    error,
  );
  return [group, controls];
}

function group(title: string, ...rows: HTMLElement[]): HTMLElement {
  return h('fieldset', { class: 'pref-group' }, h('legend', { class: 'eyebrow' }, title), h('div', { class: 'pref-card' }, rows));
}

/**
 * The Preferences tab. Built once (inputs keep focus and what is being typed); update() copies
 * the state into the controls. Every change saves itself; the status line is a live region that
 * says "Saved", and errors sit under the field they belong to.
 */
export function createPreferencesView(prefs: Preferences): { readonly element: HTMLElement; update(): void } {
  const [checkRow, checkInterval] = numberControl(
    prefs,
    'checkIntervalMinutes',
    described('checkIntervalMinutes'),
    'Waking up and network changes also start checks.',
  );
  const notify = (['keychainOnWake', 'failures', 'incidents', 'expiringToken'] as const).map((key) =>
    switchControl(prefs, `notifications.${key}`, NOTIFY_LABELS[key] ?? described(`notifications.${key}`), NOTIFY_HINTS[key] ?? null),
  );
  const [pollRow, polling] = switchControl(prefs, 'statusPolling.enabled', 'Watch Anthropic’s status page');
  const [pollIntervalRow, pollInterval] = numberControl(
    prefs,
    'statusPolling.intervalMinutes',
    described('statusPolling.intervalMinutes'),
    null,
  );
  const [loginRow, login] = switchControl(prefs, 'launchAtLogin', 'Launch at login');
  const [themeRow, themes] = themeControl(prefs);
  const controls: Control[] = [checkInterval, ...notify.map(([, c]) => c), polling, pollInterval, login, ...themes];

  const status = h('p', { class: 'pref-status', role: 'status', id: 'pref-status' }, IDLE_STATUS);
  const note = h('p', { class: 'loading muted' }, 'Loading preferences…');
  const form = h(
    'div',
    { class: 'prefs', hidden: true },
    status,
    group('Checks', checkRow),
    group('Notifications', ...notify.map(([row]) => row)),
    group('Anthropic status', pollRow, pollIntervalRow),
    group('App', loginRow, themeRow),
  );
  const element = h('div', { class: 'preferences' }, note, form);

  function update(): void {
    const { shown, loadError, errors } = prefs.state;
    note.hidden = shown !== null;
    note.textContent = loadError ?? 'Loading preferences…';
    note.classList.toggle('error-bar', loadError !== null);
    form.hidden = shown === null;
    if (shown === null) return;
    for (const control of controls) {
      control.sync(valueAt(shown, control.field));
      const error = errors.get(control.field);
      control.error.textContent = error ?? '';
      if (error) control.input.setAttribute('aria-invalid', 'true');
      else control.input.removeAttribute('aria-invalid');
    }
    pollInterval.input.disabled = !shown.statusPolling.enabled;
    pollIntervalRow.classList.toggle('is-off', !shown.statusPolling.enabled);
    const said = prefs.state.status;
    if (said === null) {
      // While saving, and before the first change: nothing new to announce.
      if (status.classList.contains('is-ok') || status.classList.contains('is-fail')) status.replaceChildren();
      status.className = 'pref-status';
    } else {
      status.replaceChildren(...(said.ok ? [icon('check'), said.text] : [said.text]));
      status.className = `pref-status ${said.ok ? 'is-ok' : 'is-fail'}`;
    }
  }

  return { element, update };
}
