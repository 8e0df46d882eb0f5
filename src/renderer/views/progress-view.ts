// A check run in flight, shown as its checks finish: the login verified first is said at once, and
// what is still running says "still checking", never "couldn't confirm" (that is only for a check
// that ended without an answer).
import type { CheckProgress, ProgressItem } from '../../shared/ipc.js';
import type { CheckId, HealthReport } from '../../shared/report.js';
import { h } from '../dom.js';
import { statusBadge } from '../icons.js';
import { STATUS_WORDS } from '../words.js';

/** The checks that together say "Claude Code is signed in". */
const LOGIN_CHECKS: readonly CheckId[] = ['auth.method', 'auth.credentials', 'auth.token'];

/** A check's title inside a sentence: "clock", but "Anthropic status" and "TLS to the API" keep their capitals. */
function inSentence(title: string): string {
  if (/^(Anthropic|Claude)\b/.test(title) || /^.[A-Z]/.test(title)) return title;
  return title.charAt(0).toLowerCase() + title.slice(1);
}

function listWords(titles: readonly string[]): string {
  if (titles.length <= 1) return titles.join('');
  return `${titles.slice(0, -1).join(', ')} and ${titles.at(-1)}`;
}

/** The login checks have all finished and pass. */
export function loginVerifiedSoFar(progress: CheckProgress): boolean {
  const login = progress.checks.filter((c) => LOGIN_CHECKS.includes(c.id));
  return login.length === LOGIN_CHECKS.length && login.every((c) => c.status === 'ok');
}

/** The header while the first report is on its way: what is known already, and what is left. */
export function progressHeader(progress: CheckProgress): { headline: string; details: string } {
  const running = progress.checks.filter((c) => c.status === 'running');
  const done = progress.checks.length - running.length;
  const left = running.length > 0 ? `still checking ${listWords(running.map((c) => inSentence(c.title)))}` : 'putting it together';
  if (loginVerifiedSoFar(progress)) return { headline: 'Claude Code is signed in', details: `Your login works · ${left}…` };
  return { headline: 'Checking Claude Code’s sign-in…', details: `${done} of ${progress.checks.length} checks done · ${left}…` };
}

/** One check on one line: its badge (a spinner while it runs), title and summary. */
export function checkRow(check: ProgressItem): HTMLElement {
  const running = check.status === 'running';
  return h(
    'li',
    { class: `problem is-${check.status}`, 'data-check': check.id, 'data-status': check.status },
    h(
      'div',
      { class: 'problem-row' },
      check.status === 'running' ? h('span', { class: 'badge is-running spinner', 'aria-hidden': 'true' }) : statusBadge(check.status),
      h('span', { class: 'sr-only' }, `${check.status === 'running' ? 'still checking' : STATUS_WORDS[check.status]}: `),
      h(
        'span',
        { class: 'problem-text is-one-line' },
        h('span', { class: 'problem-title' }, check.title),
        ' ',
        h('span', { class: 'problem-summary' }, running ? 'still checking…' : check.summary),
      ),
    ),
  );
}

/** Every check of the run: a finished one with its status and summary, a running one "still checking". */
export function renderProgress(progress: CheckProgress): HTMLElement {
  const running = progress.checks.filter((c) => c.status === 'running').length;
  return h(
    'section',
    { class: 'problems progress', 'aria-labelledby': 'progress-h', 'aria-busy': 'false', 'data-progress': 'true' },
    h('h2', { id: 'progress-h', class: 'eyebrow' }, `Checks · ${progress.checks.length - running} of ${progress.checks.length} done`),
    h('ul', { class: 'problem-list is-progress' }, progress.checks.map(checkRow)),
  );
}

/**
 * A report whose only open questions are checks that could not be confirmed (a status page that
 * did not answer), with the login itself verified: the header says "signed in" and names what
 * could not be confirmed, instead of hiding the login behind "couldn't confirm".
 */
export function unconfirmedBesideLogin(report: HealthReport): string[] | null {
  if (report.overall !== 'unknown') return null;
  const byId = new Map(report.checks.map((c) => [c.id, c] as const));
  if (!LOGIN_CHECKS.every((id) => byId.get(id)?.status === 'ok')) return null;
  const open = report.checks.filter((c) => c.status !== 'ok' && c.status !== 'skip');
  return open.every((c) => c.status === 'unknown') ? open.map((c) => c.title) : null;
}

export function unconfirmedLine(titles: readonly string[]): string {
  return `Couldn’t confirm ${listWords(titles.map(inSentence))} (no answer in time); the app checks again on its own`;
}
