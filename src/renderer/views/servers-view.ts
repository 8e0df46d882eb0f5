// The Servers view: the hosts the tray watches over ssh (the list `claude-auth-doctor remote add`
// keeps), each with its state, the one thing that matters, and its plan written for that host:
// commands typed on this machine that reach the host themselves, copyable.
import type { ServersApi } from '../../shared/ipc.js';
import { remoteHeadline, type HostStep, type ServersPayload } from '../../shared/remote.js';
import { copyShortcut, copyText } from '../copy.js';
import { h, replaceRegion, type Child } from '../dom.js';
import { clockTime } from '../words.js';

function stepRow(step: HostStep, announce: (text: string) => void): HTMLElement {
  const code = h('code', {}, step.command);
  const note = h('span', { class: 'copy-note', role: 'status' });
  const pre = h('pre', { class: 'cmd has-prompt', tabindex: 0 }, code);
  return h(
    'li',
    { class: 'server-step' },
    h('div', { class: 'step-title' }, step.title),
    pre,
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn-quiet',
          onclick: async () => {
            const how = await copyText(step.command, code);
            note.textContent = how === 'copied' ? 'Copied' : `Selected: press ${copyShortcut()}`;
            announce(note.textContent);
          },
        },
        'Copy',
      ),
      note,
    ),
  );
}

function hostItem(entry: ServersPayload['hosts'][number], now: number, announce: (text: string) => void): HTMLElement {
  const { host, result } = entry;
  const state = result?.overall ?? 'unknown';
  const headline = result ? remoteHeadline(result, now) : 'not checked yet';
  const when = result ? `checked ${clockTime(result.checkedAt)}${result.via ? ` via ${result.via}` : ''}` : '';
  const checks = result?.report?.checks.filter((c) => c.status !== 'ok' && c.status !== 'skip') ?? [];
  return h(
    'li',
    { class: 'problem server', id: `server-${host.name}`, 'data-state': state },
    h(
      'div',
      { class: 'problem-row' },
      h('span', { class: `badge is-${state}`, 'aria-hidden': 'true' }),
      h(
        'div',
        { class: 'problem-text' },
        h('div', { class: 'problem-title' }, `${host.name}: ${headline}`),
        h('div', { class: 'problem-summary muted' }, [host.destination, when].filter(Boolean).join(' · ')),
      ),
    ),
    checks.length > 0
      ? h(
          'ul',
          { class: 'server-checks muted' },
          checks.map((c) => h('li', {}, `${c.title}: ${c.summary}`)),
        )
      : null,
    entry.steps.length > 0
      ? h(
          'ol',
          { class: 'server-steps' },
          entry.steps.map((s) => stepRow(s, announce)),
        )
      : null,
  );
}

/** The view, and `load()` / `check()` that fill it from the host. */
export function createServersView(api: ServersApi, announce: (text: string) => void) {
  const list = h('div', { class: 'servers-region' });
  let busy = false;
  const button = h('button', { type: 'button', class: 'btn btn-primary', onclick: () => void check() }, 'Check servers now');
  const element = h(
    'section',
    { class: 'servers', 'aria-labelledby': 'servers-h' },
    h('div', { class: 'plan-head' }, h('h2', { id: 'servers-h' }, 'Servers'), button),
    h(
      'p',
      { class: 'muted' },
      'Claude Code’s login on the hosts you added with “claude-auth-doctor remote add”, checked over your own ssh every 15 minutes, on wake and when the network changes.',
    ),
    list,
  );

  function show(payload: ServersPayload): void {
    const now = Date.now();
    const body: Child =
      payload.hosts.length === 0
        ? h('p', { class: 'muted' }, 'No servers yet. In a terminal: claude-auth-doctor remote add user@host')
        : h(
            'ul',
            { class: 'problem-list' },
            payload.hosts.map((entry) => hostItem(entry, now, announce)),
          );
    replaceRegion(list, [payload.offline ? h('p', { class: 'muted' }, 'Offline: the servers were not checked.') : null, body]);
    button.textContent = payload.checking || busy ? 'Checking…' : 'Check servers now';
    button.setAttribute('aria-disabled', busy ? 'true' : 'false');
  }

  async function load(): Promise<void> {
    try {
      show(await api.get());
    } catch (error) {
      replaceRegion(list, h('p', { class: 'error-bar', role: 'alert' }, `The servers could not be read: ${String(error)}`));
    }
  }

  async function check(): Promise<void> {
    if (busy) return;
    busy = true;
    button.textContent = 'Checking…';
    announce('Checking the servers');
    try {
      const payload = await api.check();
      busy = false;
      show(payload);
      announce('Servers checked');
    } catch (error) {
      busy = false;
      replaceRegion(list, h('p', { class: 'error-bar', role: 'alert' }, `The check failed: ${String(error)}`));
    }
  }

  /** Scrolls to a host (the tray's line for it opens index.html#server=<name>). */
  function reveal(name: string): void {
    document.getElementById(`server-${name}`)?.scrollIntoView({ block: 'nearest' });
  }

  return { element, load, check, reveal };
}
