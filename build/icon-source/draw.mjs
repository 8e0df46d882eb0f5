// The one source of every tray icon: a shield (sign-in, kept safe) with the state cut out of it, so
// each state has its own shape and reads without colour: ok a check mark, warn an exclamation
// mark, fail a cross (all on a filled shield), unknown a question mark and checking three dots
// (on an outlined shield: no verdict yet). Drawn in a 32-unit design space and rasterised at any
// size with 8×8 supersampling. Deterministic: same inputs, same pixels.
//
// Styles: 'template' (macOS) is pure black plus alpha, which macOS tints for the menu bar (light,
// dark, highlighted); 'light' and 'dark' (Linux, Windows) name the surface the icon sits on: the
// filled states take their state colour, the outlined ones black on light and white on dark.

export const FACES = ['ok', 'warn', 'fail', 'unknown', 'checking'];
export const SURFACES = ['light', 'dark'];

/** Fill colours per state and surface, after Apple's system colours. */
export const FACE_COLOURS = {
  ok: { light: [36, 160, 70], dark: [48, 209, 88] },
  warn: { light: [230, 140, 0], dark: [255, 176, 32] },
  fail: { light: [220, 45, 35], dark: [255, 82, 72] },
};

/** Pure black on light surfaces, pure white on dark: the colours a macOS template image would get. */
export const GLYPH_COLOURS = { light: [0, 0, 0], dark: [255, 255, 255], template: [0, 0, 0] };

const DESIGN = 32;
const SAMPLES = 8;
const OUTLINED = new Set(['unknown', 'checking']);

function quad(p0, c, p1, steps = 16) {
  const out = [];
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    out.push([u * u * p0[0] + 2 * u * t * c[0] + t * t * p1[0], u * u * p0[1] + 2 * u * t * c[1] + t * t * p1[1]]);
  }
  return out;
}

/** Shield outline, clockwise from the top centre. */
export const CX = 16;
function shield(inset) {
  const top = 1.5 + inset;
  const side = 12.5 - inset;
  const shoulder = 5.5 + inset * 0.6;
  const bottom = 30.5 - inset * 1.25;
  return [
    [CX, top],
    ...quad([CX, top], [CX + side * 0.5, shoulder - 1.5], [CX + side, shoulder]),
    [CX + side, 14],
    ...quad([CX + side, 14], [CX + side - 0.5, 25], [CX, bottom]),
    ...quad([CX, bottom], [CX - side + 0.5, 25], [CX - side, 14]),
    [CX - side, shoulder],
    ...quad([CX - side, shoulder], [CX - side * 0.5, shoulder - 1.5], [CX, top]),
  ];
}

function polygon(points) {
  const xs = Float64Array.from(points, (p) => p[0]);
  const ys = Float64Array.from(points, (p) => p[1]);
  return (x, y) => {
    let inside = false;
    for (let i = 0, j = xs.length - 1; i < xs.length; j = i++) {
      if (ys[i] > y !== ys[j] > y && x < ((xs[j] - xs[i]) * (y - ys[i])) / (ys[j] - ys[i]) + xs[i]) inside = !inside;
    }
    return inside;
  };
}

const outer = polygon(shield(0));
const inner = polygon(shield(3));

/** Distance from (x, y) to the segment a–b. */
function segment(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

const STROKE = 1.9; // half the mark's stroke width
const MARKS = {
  ok: (x, y) => segment(x, y, [10, 16.5], [14.2, 20.8]) <= STROKE || segment(x, y, [14.2, 20.8], [22.2, 11]) <= STROKE,
  fail: (x, y) => segment(x, y, [11.2, 10.5], [20.8, 20.5]) <= STROKE || segment(x, y, [20.8, 10.5], [11.2, 20.5]) <= STROKE,
  warn: (x, y) => segment(x, y, [CX, 8.6], [CX, 16.6]) <= STROKE || Math.hypot(x - CX, y - 21.6) <= 2.05,
  // A question mark: an open hook (the top three quarters of a ring), a short stem, a dot.
  unknown: (x, y) => {
    const r = Math.hypot(x - CX, y - 11.6);
    const hook = Math.abs(r - 3.2) <= 1.35 && !(x < CX && y > 11.6);
    return hook || segment(x, y, [CX, 14.8], [CX, 16.6]) <= 1.35 || Math.hypot(x - CX, y - 21) <= 1.6;
  },
  // Three dots on the 16 px grid (2 design units a pixel): each 2 px across, with a clear pixel
  // between them, so they stay three dots at the menu bar's size instead of running into a dash.
  checking: (x, y) => [10, 16, 22].some((cx) => Math.hypot(x - cx, y - 16) <= 2.05),
};

/** What covers a design-space point: 'glyph', 'mark' (drawn in the glyph colour on outlined faces) or null. */
function cover(face, x, y) {
  if (!outer(x, y)) return null;
  const mark = MARKS[face](x, y);
  if (OUTLINED.has(face)) return mark || !inner(x, y) ? 'glyph' : null;
  return mark ? null : 'glyph';
}

function colourOf(face, style) {
  if (style === 'template' || OUTLINED.has(face)) return GLYPH_COLOURS[style];
  return FACE_COLOURS[face][style];
}

const rendered = new Map();

/** → { width, height, rgba } for one face in one style (memoised: the sheet reuses the assets' renders). */
export function renderIcon(size, face, style) {
  const key = `${size}/${face}/${style}`;
  if (!rendered.has(key)) rendered.set(key, render(size, face, style));
  return rendered.get(key);
}

function render(size, face, style) {
  const rgba = new Uint8Array(size * size * 4);
  const scale = DESIGN / size;
  const colour = colourOf(face, style);
  const total = SAMPLES * SAMPLES;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          if (cover(face, (px + (sx + 0.5) / SAMPLES) * scale, (py + (sy + 0.5) / SAMPLES) * scale)) covered++;
        }
      }
      if (covered === 0) continue;
      const i = (py * size + px) * 4;
      rgba.set(colour, i);
      rgba[i + 3] = Math.round((255 * covered) / total);
    }
  }
  return { width: size, height: size, rgba };
}

/** What macOS does with a template image on a dark menu bar: the same alpha, drawn white. */
export function tint(image, rgb) {
  const rgba = new Uint8Array(image.rgba);
  for (let i = 0; i < rgba.length; i += 4) if (rgba[i + 3] > 0) rgba.set(rgb, i);
  return { ...image, rgba };
}

/** Nearest-neighbour blow-up by `factor` (or a stretch to w×h), composited over `background` at (x, y) of `sheet`. */
export function blit(sheet, image, x, y, factor, background, w = image.width * factor, h = image.height * factor) {
  for (let sy = 0; sy < h; sy++) {
    for (let sx = 0; sx < w; sx++) {
      const i =
        (Math.min(image.height - 1, Math.floor(sy / factor)) * image.width + Math.min(image.width - 1, Math.floor(sx / factor))) * 4;
      const o = ((y + sy) * sheet.width + (x + sx)) * 4;
      const a = image.rgba[i + 3] / 255;
      for (let c = 0; c < 3; c++) sheet.rgba[o + c] = Math.round(image.rgba[i + c] * a + background[c] * (1 - a));
      sheet.rgba[o + 3] = 255;
    }
  }
}
