// Small stroke icons drawn in SVG (no icon font, no remote content). Always aria-hidden: the text
// next to them carries the meaning.
import type { Status } from '../shared/report.js';
import { svg } from './dom.js';

const PATHS = {
  check: 'M4 8.5l2.5 2.5L12 5.5',
  cross: 'M5 5l6 6M11 5l-6 6',
  bang: 'M8 4.5v4.5M8 11.5v.01',
  question: 'M6.2 6.2a1.9 1.9 0 1 1 2.6 1.8c-.5.2-.8.6-.8 1.1v.4M8 11.6v.01',
  dash: 'M5 8h6',
  refresh: 'M12.5 8a4.5 4.5 0 1 1-1.3-3.2M12.5 3.5v2.5H10',
  play: 'M5.5 4v8l6.5-4z',
  copy: 'M6 5.5V4a1 1 0 0 1 1-1h5a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1h-1.5M3 6a1 1 0 0 1 1-1h5a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1z',
  undo: 'M5.5 6.5H10a3 3 0 0 1 0 6H7M5.5 6.5L8 4M5.5 6.5L8 9',
  external: 'M9 3h4v4M13 3L7.5 8.5M11.5 9.5V12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5.5a1 1 0 0 1 1-1h2.5',
  next: 'M6 4l4 4-4 4',
  back: 'M10 4L6 8l4 4',
  search: 'M7 11.5a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9zM10.3 10.3L13.5 13.5',
  wrench: 'M10.5 2.8a3 3 0 0 0-3.6 3.9L3 10.6 5.4 13l3.9-3.9a3 3 0 0 0 3.9-3.6l-1.8 1.8-1.8-.5-.5-1.8z',
} as const;

export type IconName = keyof typeof PATHS;

export function icon(name: IconName, extraClass = ''): SVGSVGElement {
  const filled = name === 'play';
  return svg(
    'svg',
    { class: `icon ${extraClass}`.trim(), viewBox: '0 0 16 16', width: 16, height: 16, 'aria-hidden': 'true', focusable: 'false' },
    svg('path', { d: PATHS[name], class: filled ? 'icon-fill' : 'icon-stroke' }),
  );
}

const STATUS_ICON: Readonly<Record<Status, IconName>> = { ok: 'check', warn: 'bang', fail: 'cross', unknown: 'question', skip: 'dash' };

/** A coloured round badge with the status glyph, the same colours as the tray. */
export function statusBadge(status: Status, size: 'sm' | 'lg' = 'sm'): HTMLSpanElement {
  const el = document.createElement('span');
  el.className = `badge badge-${size} is-${status}`;
  el.setAttribute('aria-hidden', 'true');
  el.append(icon(STATUS_ICON[status]));
  return el;
}
