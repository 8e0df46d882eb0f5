import { h, type Child } from '../dom.js';

/** Disclosures the user opened, kept across re-renders (keyed by fix, step and part). */
const opened = new Set<string>();

/** Where to fold a long text: after its first sentence, else at a word boundary. */
function splitLead(text: string): [string, string] | null {
  if (text.length <= 170) return null;
  const sentence = /^(.{30,200}?[.!?])\s+(\S[\s\S]*)$/.exec(text);
  if (sentence?.[1] && sentence[2]) return [sentence[1], sentence[2]];
  const cut = text.lastIndexOf(' ', 150);
  return cut < 60 ? null : [`${text.slice(0, cut)}…`, `…${text.slice(cut + 1)}`];
}

/**
 * Long explanations show their first sentence and fold the rest under "More", so a step card
 * fits the small window; the whole text stays one keypress away.
 */
export function foldedText(key: string, text: string, className: string): Child {
  const split = splitLead(text);
  if (!split) return h('p', { class: className }, text);
  const details = h(
    'details',
    { class: 'more', ...(opened.has(key) ? { open: true } : {}) },
    h('summary', { 'data-key': `more-${key}` }, 'More'),
    h('p', { class: className }, split[1]),
  );
  details.addEventListener('toggle', () => (details.open ? opened.add(key) : opened.delete(key)));
  return [h('p', { class: className }, split[0]), details];
}

/** Background the user may want but need not read: one "More" that opens all of it. */
export function moreBlock(key: string, parts: readonly { readonly title: string | null; readonly text: string }[]): Child {
  if (parts.length === 0) return null;
  const details = h(
    'details',
    { class: 'more', ...(opened.has(key) ? { open: true } : {}) },
    h('summary', { 'data-key': `more-${key}` }, 'More'),
    parts.map((part) => h('p', { class: 'why' }, part.title ? h('strong', {}, `${part.title}: `) : null, part.text)),
  );
  details.addEventListener('toggle', () => (details.open ? opened.add(key) : opened.delete(key)));
  return details;
}
