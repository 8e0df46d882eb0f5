import type { HistoryEvent, HistoryPoint } from '../../shared/ipc.js';
import type { Overall } from '../../shared/report.js';
import { h, svg } from '../dom.js';
import { clockTime } from '../words.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const HEIGHT = 28;
const BAR_Y = 13;
const BAR_H = 10;
/** Room the axis labels take beside the strip ("24 h ago" … "now"), gaps included. */
export const AXIS_LABELS_WIDTH = 92;

/** Events worth a marker on the strip; the rest (timer, manual, start) only change colours. */
const MARKERS: Partial<Record<HistoryEvent, { readonly shape: 'circle' | 'diamond' | 'triangle' | 'square'; readonly word: string }>> = {
  wake: { shape: 'circle', word: 'wake' },
  'unlock-screen': { shape: 'circle', word: 'unlock' },
  network: { shape: 'diamond', word: 'network' },
  expiry: { shape: 'square', word: 'expiry' },
  incident: { shape: 'triangle', word: 'incident' },
  fix: { shape: 'diamond', word: 'fix' },
};

const OVERALL_WORDS: Readonly<Record<Overall, string>> = { ok: 'OK', warn: 'warnings', fail: 'failing', unknown: 'not confirmed' };

interface Segment {
  readonly from: number;
  readonly to: number;
  readonly overall: Overall;
}

function segments(points: readonly HistoryPoint[], start: number, now: number): Segment[] {
  const out: Segment[] = [];
  const sorted = points
    .map((p) => ({ ...p, t: Date.parse(p.at) }))
    .filter((p) => Number.isFinite(p.t) && p.t <= now)
    .sort((a, b) => a.t - b.t);
  sorted.forEach((point, i) => {
    const from = Math.max(start, point.t);
    const to = Math.min(now, sorted[i + 1]?.t ?? now);
    if (to <= from && i < sorted.length - 1) return;
    const last = out[out.length - 1];
    if (last && last.overall === point.overall) out[out.length - 1] = { ...last, to };
    else out.push({ from, to: Math.max(to, from), overall: point.overall });
  });
  return out;
}

function marker(shape: 'circle' | 'diamond' | 'triangle' | 'square', x: number, y: number, cls: string): SVGElement {
  if (shape === 'circle') return svg('circle', { cx: x, cy: y, r: 3.5, class: cls });
  if (shape === 'square') return svg('rect', { x: x - 3, y: y - 3, width: 6, height: 6, class: cls });
  if (shape === 'triangle') return svg('path', { d: `M${x} ${y - 4}L${x + 4} ${y + 3}H${x - 4}Z`, class: cls });
  return svg('path', { d: `M${x} ${y - 4}L${x + 4} ${y}L${x} ${y + 4}L${x - 4} ${y}Z`, class: cls });
}

/** The same picture in words, for screen readers (the drawing itself is one labelled image). */
export function describeHistory(points: readonly HistoryPoint[], now: number): string {
  const start = now - DAY_MS;
  const parts = segments(points, start, now);
  if (parts.length === 0) return 'No checks recorded in the last 24 hours yet.';
  const spans = parts.map((s, i) =>
    i === parts.length - 1
      ? `${OVERALL_WORDS[s.overall]} since ${clockTime(new Date(s.from).toISOString())}`
      : `${OVERALL_WORDS[s.overall]} from ${clockTime(new Date(s.from).toISOString())} to ${clockTime(new Date(s.to).toISOString())}`,
  );
  const events = points.filter((p) => MARKERS[p.event] && Date.parse(p.at) >= start).map((p) => `${p.note} at ${clockTime(p.at)}`);
  return `Health over the last 24 hours: ${spans.join('; ')}.${events.length > 0 ? ` Events: ${events.join('; ')}.` : ''}`;
}

/** The 24 h strip: coloured spans of overall health on a time axis, with event markers above. */
export function renderHistory(points: readonly HistoryPoint[], width: number, now: number): HTMLElement {
  const start = now - DAY_MS;
  const w = Math.max(120, Math.round(width));
  const x = (t: number): number => ((Math.min(now, Math.max(start, t)) - start) / DAY_MS) * (w - 8) + 4;
  const drawn = segments(points, start, now).map((s) =>
    svg(
      'rect',
      { x: x(s.from), y: BAR_Y, width: Math.max(2, x(s.to) - x(s.from)), height: BAR_H, class: `seg is-${s.overall}` },
      svg(
        'title',
        {},
        `${OVERALL_WORDS[s.overall]}: ${clockTime(new Date(s.from).toISOString())}–${clockTime(new Date(s.to).toISOString())}`,
      ),
    ),
  );
  const marks = points.flatMap((p) => {
    const kind = MARKERS[p.event];
    const t = Date.parse(p.at);
    if (!kind || !Number.isFinite(t) || t < start || t > now) return [];
    const cx = x(t);
    return [
      svg(
        'g',
        { class: `mark mark-${p.event}`, 'data-event': p.event },
        svg('title', {}, `${p.note} · ${clockTime(p.at)}`),
        svg('line', { x1: cx, x2: cx, y1: 7, y2: BAR_Y + BAR_H, class: 'mark-stem' }),
        marker(kind.shape, cx, 5, 'mark-head'),
      ),
    ];
  });
  const ticks = [6, 12, 18].map((hour) =>
    svg('line', {
      x1: x(start + hour * 3600_000),
      x2: x(start + hour * 3600_000),
      y1: BAR_Y + BAR_H + 1,
      y2: BAR_Y + BAR_H + 4,
      class: 'tick',
    }),
  );
  const present = [...new Set(points.filter((p) => MARKERS[p.event]).map((p) => p.event))];

  const legend = h(
    'span',
    { class: 'legend', 'aria-hidden': 'true' },
    present.map((event) => {
      const kind = MARKERS[event];
      return kind
        ? h(
            'span',
            { class: `legend-item mark-${event}` },
            svg('svg', { width: 10, height: 10, viewBox: '0 0 10 10', class: 'legend-glyph' }, marker(kind.shape, 5, 5, 'mark-head')),
            kind.word,
          )
        : null;
    }),
  );

  return h(
    'div',
    { class: 'history-body' },
    h('div', { class: 'history-head' }, h('h2', { id: 'history-h', class: 'eyebrow' }, 'Last 24 hours'), legend),
    h(
      'div',
      { class: 'history-row' },
      h('span', { class: 'axis-label', 'aria-hidden': 'true' }, '24 h ago'),
      svg(
        'svg',
        {
          class: 'strip',
          width: w,
          height: HEIGHT,
          viewBox: `0 0 ${w} ${HEIGHT}`,
          role: 'img',
          'aria-labelledby': 'history-h history-desc',
        },
        svg('rect', { x: 4, y: BAR_Y, width: w - 8, height: BAR_H, rx: 2, class: 'track' }),
        drawn,
        ticks,
        marks,
      ),
      h('span', { class: 'axis-label is-end', 'aria-hidden': 'true' }, 'now'),
    ),
    h('p', { id: 'history-desc', class: 'sr-only' }, describeHistory(points, now)),
  );
}
