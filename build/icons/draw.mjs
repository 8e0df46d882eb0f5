// The one source of every tray icon: a shield with a keyhole (sign-in, kept safe) and a status dot
// in the bottom-right corner, drawn in a 32-unit design space and rasterised at any size with 8×8
// supersampling for anti-aliased edges. Deterministic: same inputs, same pixels.

export const STATES = ['ok', 'warn', 'fail', 'unknown'];
export const THEMES = ['light', 'dark'];

/** Dot colours per state and theme (the surface behind the icon), after Apple's system colours. */
export const DOT_COLOURS = {
  ok: { light: [40, 180, 80], dark: [48, 209, 88] },
  warn: { light: [245, 150, 0], dark: [255, 170, 20] },
  fail: { light: [235, 50, 40], dark: [255, 69, 58] },
  unknown: { light: [142, 142, 147], dark: [152, 152, 157] },
};

/** Pure black on light surfaces, pure white on dark: the colours a macOS template image would get. */
export const GLYPH_COLOURS = { light: [0, 0, 0], dark: [255, 255, 255] };

const DESIGN = 32;
const SAMPLES = 8;
export const DOT = { cx: 25, cy: 25, r: 6.5, gap: 1.8 };

function quad(p0, c, p1, steps = 12) {
  const out = [];
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    out.push([u * u * p0[0] + 2 * u * t * c[0] + t * t * p1[0], u * u * p0[1] + 2 * u * t * c[1] + t * t * p1[1]]);
  }
  return out;
}

/** Shield outline, clockwise from the top centre; it sits left of centre to leave the corner to the dot. */
const CX = 14.5;
const SHIELD = [
  [CX, 2],
  ...quad([CX, 2], [CX + 5.5, 5], [CX + 11.5, 5.5]),
  [CX + 11.5, 14],
  ...quad([CX + 11.5, 14], [CX + 11, 24.5], [CX, 29.5]),
  ...quad([CX, 29.5], [CX - 11, 24.5], [CX - 11.5, 14]),
  [CX - 11.5, 5.5],
  ...quad([CX - 11.5, 5.5], [CX - 5.5, 5], [CX, 2]),
];

const XS = Float64Array.from(SHIELD, (p) => p[0]);
const YS = Float64Array.from(SHIELD, (p) => p[1]);

function inPolygon(x, y) {
  let inside = false;
  for (let i = 0, j = XS.length - 1; i < XS.length; j = i++) {
    const yi = YS[i];
    const yj = YS[j];
    if (yi > y !== yj > y && x < ((XS[j] - XS[i]) * (y - yi)) / (yj - yi) + XS[i]) inside = !inside;
  }
  return inside;
}

function keyhole(x, y) {
  if (Math.hypot(x - CX, y - 11.5) <= 3.4) return true;
  if (y < 12 || y > 19.5) return false;
  const half = 1.4 + ((y - 12) / 7.5) * 0.8;
  return Math.abs(x - CX) <= half;
}

function dotDistance(x, y) {
  return Math.hypot(x - DOT.cx, y - DOT.cy);
}

const BOUNDS = { left: CX - 11.5, right: CX + 11.5, top: 2, bottom: 29.5 };

function glyphAt(x, y) {
  if (x < BOUNDS.left || x > BOUNDS.right || y < BOUNDS.top || y > BOUNDS.bottom) return false;
  return !keyhole(x, y) && dotDistance(x, y) > DOT.r + DOT.gap && inPolygon(x, y);
}

/** Unknown/checking is a ring, so it reads as "no verdict" even without colour. */
function dotAt(x, y, state) {
  const d = dotDistance(x, y);
  return state === 'unknown' ? d <= DOT.r && d >= DOT.r - 2.6 : d <= DOT.r;
}

const rendered = new Map();

/** → { width, height, rgba } for one state on one surface theme (memoised: the sheet reuses the assets' renders). */
export function renderIcon(size, state, theme) {
  const key = `${size}/${state}/${theme}`;
  if (!rendered.has(key)) rendered.set(key, render(size, state, theme));
  return rendered.get(key);
}

function render(size, state, theme) {
  const rgba = new Uint8Array(size * size * 4);
  const scale = DESIGN / size;
  const glyph = GLYPH_COLOURS[theme];
  const dot = DOT_COLOURS[state][theme];
  const total = SAMPLES * SAMPLES;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let g = 0;
      let d = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) * scale;
          const y = (py + (sy + 0.5) / SAMPLES) * scale;
          if (dotAt(x, y, state)) d++;
          else if (glyphAt(x, y)) g++;
        }
      }
      const covered = g + d;
      if (covered === 0) continue;
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round((glyph[c] * g + dot[c] * d) / covered);
      rgba[i + 3] = Math.round((255 * covered) / total);
    }
  }
  return { width: size, height: size, rgba };
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
