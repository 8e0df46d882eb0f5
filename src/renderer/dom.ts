// A few lines instead of a framework: elements are built with text nodes only (never innerHTML),
// so nothing from a report can become markup; no inline styles, so the strict CSP holds.

export type Child = Node | string | null | undefined | false | readonly Child[];
type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Record<string, AttrValue | ((event: Event) => void)>;

function apply(el: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      if (name === 'style') throw new Error('inline styles are blocked by the CSP; use a class');
      el.setAttribute(name, String(value));
    }
  }
}

function append(el: Element, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child as readonly Child[]);
    else el.append(child as Node | string);
  }
}

/** h('button', { class: 'primary', onclick: run }, 'Run') */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  apply(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, attrs);
  append(el, children);
  return el;
}

/**
 * Replaces a region's content and puts keyboard focus back where it was: the element carrying the
 * same `data-key` gets it, so re-rendering after a click never throws a keyboard user to the top.
 */
export function replaceRegion(region: Element, ...children: Child[]): void {
  const active = document.activeElement;
  const key = active instanceof HTMLElement && region.contains(active) ? active.dataset['key'] : undefined;
  region.replaceChildren();
  append(region, children);
  if (key === undefined) return;
  const again = region.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
  again?.focus();
}

/** Moves focus to an element after the current render (headings get tabindex=-1 for this). */
export function focusLater(find: () => HTMLElement | null): void {
  requestAnimationFrame(() => find()?.focus());
}
