// Generates every tray icon from build/icons/draw.mjs into assets/icons/, and a contact sheet of
// all of them to test-results/tray-icons-contact-sheet.png.
//
//   node build/make-icons.mjs           write the icons and the contact sheet
//   node build/make-icons.mjs --check   compare the committed icons with a fresh render (pixels for
//                                       PNG, bytes for ICO) and write the contact sheet; exit 1 on drift
//
// Names must match src/core/tray/tray-model.ts (ICON_FILE); test/core/tray/icons.test.ts checks both.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { blit, renderIcon, STATES, THEMES } from './icons/draw.mjs';
import { decodePng, encodeIco, encodePng } from './icons/png.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ICONS = join(ROOT, 'assets', 'icons');
const SHEET = join(ROOT, 'test-results', 'tray-icons-contact-sheet.png');

/** Per OS: the file for a state/theme and the pixel sizes in it (PNG: @1x then @2x; ICO: all in one file). */
const TARGETS = [
  { os: 'darwin', kind: 'png', sizes: [16, 32] },
  { os: 'linux', kind: 'png', sizes: [22, 44] },
  { os: 'win32', kind: 'ico', sizes: [16, 32, 48] },
];

function files() {
  const out = [];
  for (const target of TARGETS) {
    for (const theme of THEMES) {
      for (const state of STATES) {
        const base = `${target.os}/tray-${state}-${theme}`;
        const images = target.sizes.map((size) => renderIcon(size, state, theme));
        if (target.kind === 'ico') out.push({ path: `${base}.ico`, bytes: encodeIco(images), images });
        else
          images.forEach((image, i) =>
            out.push({ path: `${base}${i === 0 ? '' : `@${i + 1}x`}.png`, bytes: encodePng(image), images: [image] }),
          );
      }
    }
  }
  return out;
}

function samePixels(path, file) {
  const current = readFileSync(path);
  if (file.path.endsWith('.ico')) return current.equals(file.bytes);
  const decoded = decodePng(current);
  const [image] = file.images;
  return decoded.width === image.width && decoded.height === image.height && Buffer.from(decoded.rgba).equals(Buffer.from(image.rgba));
}

const BACKGROUND = { light: [236, 236, 236], dark: [30, 30, 30] };
const ROW = 104;
const CELL = 168;

/**
 * Rows: each OS × theme × size (darwin 16/32, linux 22/44, win32 16/32/48; light rows on a light
 * surface, dark rows on a dark one); columns: ok, warn, fail, unknown. Each cell shows the icon
 * blown up (nearest neighbour, about 96 px) and, to its right, at its real pixel size.
 */
function contactSheet() {
  const rows = TARGETS.flatMap((t) => THEMES.flatMap((theme) => t.sizes.map((size) => ({ theme, size }))));
  const width = CELL * STATES.length;
  const sheet = { width, height: ROW * rows.length, rgba: new Uint8Array(width * ROW * rows.length * 4) };
  rows.forEach(({ theme, size }, r) => {
    const background = BACKGROUND[theme];
    blit(sheet, { width: 1, height: 1, rgba: new Uint8Array(4) }, 0, r * ROW, 1, background, width, ROW);
    STATES.forEach((state, c) => {
      const image = renderIcon(size, state, theme);
      const factor = Math.max(1, Math.floor(96 / size));
      const top = r * ROW + Math.floor((ROW - size * factor) / 2);
      blit(sheet, image, c * CELL + 8, top, factor, background);
      blit(sheet, image, c * CELL + 8 + 96 + 12, r * ROW + Math.floor((ROW - size) / 2), 1, background);
    });
  });
  mkdirSync(dirname(SHEET), { recursive: true });
  writeFileSync(SHEET, encodePng(sheet));
}

/**
 * The installers' app icon (build/icon.png; electron-builder derives .icns and .ico from it): the
 * same glyph with the healthy dot on a white rounded square, 1024 px.
 */
function appIcon() {
  const size = 1024;
  const radius = 0.22 * size;
  const icon = { width: size, height: size, rgba: new Uint8Array(size * size * 4) };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const dx = Math.max(radius - x - 0.5, x + 0.5 - (size - radius), 0);
      const dy = Math.max(radius - y - 0.5, y + 0.5 - (size - radius), 0);
      const alpha = Math.min(1, Math.max(0, radius - Math.hypot(dx, dy) + 0.5));
      const o = (y * size + x) * 4;
      icon.rgba.set([255, 255, 255, Math.round(alpha * 255)], o);
    }
  }
  const glyph = renderIcon(720, 'ok', 'light');
  const offset = (size - glyph.width) / 2;
  for (let y = 0; y < glyph.height; y++) {
    for (let x = 0; x < glyph.width; x++) {
      const i = (y * glyph.width + x) * 4;
      const a = glyph.rgba[i + 3] / 255;
      if (a === 0) continue;
      const o = ((y + offset) * size + (x + offset)) * 4;
      for (let c = 0; c < 3; c++) icon.rgba[o + c] = Math.round(glyph.rgba[i + c] * a + icon.rgba[o + c] * (1 - a));
    }
  }
  writeFileSync(join(ROOT, 'build', 'icon.png'), encodePng(icon));
}

const check = process.argv.includes('--check');
const drift = [];
const all = files();
for (const file of all) {
  const path = join(ICONS, file.path);
  if (check) {
    if (!existsSync(path) || !samePixels(path, file)) drift.push(file.path);
    continue;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file.bytes);
}
if (!check) appIcon();
contactSheet();
if (drift.length > 0) {
  console.error(`Icons differ from build/icons/draw.mjs (run "node build/make-icons.mjs"):\n  ${drift.join('\n  ')}`);
  process.exit(1);
}
console.log(check ? `icons up to date; contact sheet: ${SHEET}` : `wrote ${all.length} icons to ${ICONS}; contact sheet: ${SHEET}`);
