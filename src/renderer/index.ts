// The wizard page's entry point: one skeleton built once (header, tabs, panels, history strip,
// live region), regions re-rendered from the controller's state after every change.
import type { DoctorApi } from '../shared/ipc.js';
import { isFixId } from '../shared/report.js';
import { BridgeUnavailable, connectBridge } from './bridge.js';
import { createController } from './controller.js';
import { focusLater, h, replaceRegion } from './dom.js';
import { createPreferences } from './preferences.js';
import type { View } from './state.js';
import { applyTheme } from './theme.js';
import { createExplainView } from './views/explain-view.js';
import { renderFixView } from './views/fix-view.js';
import { renderHeader } from './views/header.js';
import { AXIS_LABELS_WIDTH, renderHistory } from './views/history-strip.js';
import { createPreferencesView } from './views/preferences-view.js';
import { createServersView } from './views/servers-view.js';

const ALL_TABS: readonly { readonly view: View; readonly label: string }[] = [
  { view: 'fix', label: 'Fix' },
  { view: 'explain', label: 'Explain an error' },
  { view: 'servers', label: 'Servers' },
  { view: 'preferences', label: 'Preferences' },
];

/** Why the page cannot go on, in words: the link expired, the doctor stopped, no link at all. */
function renderFatal(root: HTMLElement, fatal: { readonly title: string; readonly text: string }): void {
  root.replaceChildren(
    h('main', { class: 'fatal', role: 'alert', 'data-fatal': 'true' }, h('h1', {}, fatal.title), h('p', {}, ...withCode(fatal.text))),
  );
}

/** `a command` in a message becomes code the user can select and copy. */
function withCode(text: string): (string | HTMLElement)[] {
  return text.split(/(`[^`]+`)/).map((part) => (/^`[^`]+`$/.test(part) ? h('code', {}, part.slice(1, -1)) : part));
}

/**
 * After a step moved the walk on: the open step comes into view inside the scrolling main (never
 * under the header and tabs above it), its card's title kept on screen when it fits, and focus
 * goes to its first action without a second scroll.
 */
function showStep(main: HTMLElement): void {
  const step = main.querySelector<HTMLElement>('.step');
  if (!step) return;
  const card = step.closest<HTMLElement>('.card') ?? step;
  const view = main.getBoundingClientRect();
  const box = step.getBoundingClientRect();
  const top = card.getBoundingClientRect().top;
  // Keep the card's head (which fix, which step) when the whole step still fits below it.
  const from = box.bottom - top <= view.height ? top : box.top;
  if (from < view.top || box.bottom > view.bottom) main.scrollTop += from - view.top - 4;
  step.querySelector<HTMLElement>('.actions .btn')?.focus({ preventScroll: true });
}

function panel(view: View): HTMLElement {
  return h('div', { class: 'panel', id: `panel-${view}`, role: 'tabpanel', 'aria-labelledby': `tab-${view}`, tabindex: -1, hidden: true });
}

async function mount(root: HTMLElement, win: Window): Promise<void> {
  let bridge: DoctorApi;
  try {
    bridge = await connectBridge(win);
  } catch (error) {
    renderFatal(root, error instanceof BridgeUnavailable ? error.shown() : { title: 'The wizard could not start', text: String(error) });
    return;
  }
  // Preferences only where the host keeps settings (always in the app; not in `wizard --web`).
  const settingsApi = bridge.settings;
  // Servers only in the app, whose tray watches them (not in `wizard --web`).
  const visibleTabs = ALL_TABS.filter(
    (tab) => (tab.view !== 'preferences' || settingsApi !== undefined) && (tab.view !== 'servers' || bridge.servers !== undefined),
  );

  const top = h('div', { class: 'top-region' });
  const announcer = h('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', id: 'announcer' });
  const errorBar = h('p', { class: 'error-bar', role: 'alert', hidden: true });
  const fixPanel = panel('fix');
  const explainPanel = panel('explain');
  const prefsPanel = panel('preferences');
  const serversPanel = panel('servers');
  const main = h('main', { class: 'main', id: 'main' });
  const historyRegion = h('div', { class: 'history-region' });
  const history = h('footer', { class: 'history', 'aria-labelledby': 'history-h' }, historyRegion);
  let problemsExpanded = false;
  let announced = '';
  let lastHistoryKey = '';

  const controller = createController(bridge, {
    render: () => render(),
    announce(text) {
      // The same text twice would not be read again: nudge it so the live region changes.
      announced = announced === text ? `${text}\u00a0` : text;
      announcer.textContent = announced;
    },
    focus: (id) => focusLater(() => document.getElementById(id)),
    reveal: (key) =>
      requestAnimationFrame(() => document.querySelector(`[data-key="${CSS.escape(key)}"]`)?.scrollIntoView({ block: 'nearest' })),
    focusAction: () => requestAnimationFrame(() => showStep(main)),
  });
  const explain = createExplainView(controller);
  explainPanel.append(explain.element);
  const prefs = settingsApi
    ? createPreferences(settingsApi, () => {
        applyTheme(win.document, prefs?.state.shown?.theme ?? 'system');
        prefsView?.update();
      })
    : null;
  const prefsView = prefs ? createPreferencesView(prefs) : null;
  if (prefsView) prefsPanel.append(prefsView.element);
  const servers = bridge.servers ? createServersView(bridge.servers, (text) => (announcer.textContent = text)) : null;
  if (servers) serversPanel.append(servers.element);

  const tabButtons = visibleTabs.map(({ view, label }, i) =>
    h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${view}`,
        class: 'tab',
        'aria-controls': `panel-${view}`,
        onclick: () => controller.show(view),
        onkeydown: (event: Event) => {
          const key = (event as KeyboardEvent).key;
          if (key !== 'ArrowRight' && key !== 'ArrowLeft' && key !== 'Home' && key !== 'End') return;
          event.preventDefault();
          const next =
            key === 'Home'
              ? 0
              : key === 'End'
                ? visibleTabs.length - 1
                : (i + (key === 'ArrowRight' ? 1 : -1) + visibleTabs.length) % visibleTabs.length;
          const target = visibleTabs[next];
          if (!target) return;
          controller.show(target.view);
          tabButtons[next]?.focus();
        },
      },
      label,
    ),
  );
  const tabs = h('nav', { class: 'tabs', role: 'tablist', 'aria-label': 'Wizard sections' }, tabButtons);

  function renderHistoryRegion(force = false): void {
    const width = history.clientWidth - 24 - AXIS_LABELS_WIDTH;
    const key = `${width}|${controller.state.history.length}|${controller.state.history.at(-1)?.at ?? ''}`;
    if (!force && key === lastHistoryKey) return;
    lastHistoryKey = key;
    replaceRegion(historyRegion, renderHistory(controller.state.history, width, Date.now()));
  }

  function render(): void {
    const { state } = controller;
    if (state.fatal) return renderFatal(root, state.fatal);
    replaceRegion(top, renderHeader(controller));
    tabButtons.forEach((button, i) => {
      const selected = visibleTabs[i]?.view === state.view;
      button.setAttribute('aria-selected', selected ? 'true' : 'false');
      button.tabIndex = selected ? 0 : -1;
    });
    fixPanel.hidden = state.view !== 'fix';
    explainPanel.hidden = state.view !== 'explain';
    prefsPanel.hidden = state.view !== 'preferences';
    serversPanel.hidden = state.view !== 'servers';
    // The health strip is about this machine's checks: Preferences and Servers get the whole height,
    // and so does a fix being walked, so its action never hides under the strip at 420×560.
    const walking =
      state.view === 'fix' && state.report !== null && (state.plan.length > 0 || state.finished) && state.report.overall !== 'ok';
    // Explain's results too: the way into the fix matters more than the strip there.
    const explained = state.view === 'explain' && (state.explain.matches?.length ?? 0) > 0;
    history.hidden = state.view === 'preferences' || state.view === 'servers' || walking || explained;
    replaceRegion(
      fixPanel,
      renderFixView(controller, problemsExpanded, () => {
        problemsExpanded = !problemsExpanded;
        render();
      }),
    );
    explain.update();
    errorBar.textContent = state.error ?? '';
    errorBar.hidden = state.error === null;
    renderHistoryRegion();
  }

  main.append(errorBar, fixPanel, explainPanel);
  if (servers) main.append(serversPanel);
  if (prefs) main.append(prefsPanel);
  root.replaceChildren(top, tabs, main, history, announcer);
  new ResizeObserver(() => renderHistoryRegion()).observe(history);
  win.setInterval(() => renderHistoryRegion(true), 60_000);
  // The tray's "Preferences…" opens (or re-targets) the window at index.html#preferences, and a
  // failing check's menu line at index.html#fix=<fix-id>.
  const showFromHash = (): void => {
    const hash = win.location.hash;
    if (prefs && hash === '#preferences') controller.show('preferences');
    const fix = /^#fix=([a-z-]+)$/.exec(hash)?.[1];
    if (fix && isFixId(fix)) controller.jumpToFix(fix);
    // A server's tray line: index.html#server=<name>.
    const server = /^#server=([A-Za-z0-9._-]{1,63})$/.exec(hash)?.[1];
    if (servers && server) {
      controller.show('servers');
      void servers.load().then(() => servers.reveal(server));
    }
  };
  win.addEventListener('hashchange', showFromHash);
  showFromHash();
  void prefs?.load();
  void servers?.load();
  void controller.start();
}

const root = document.getElementById('app');
if (root) void mount(root, window);
