// Generates every tray icon from build/icon-source/draw.mjs into assets/icons/, the installers'
// app icon (build/icon.png), and a contact sheet of all of them to
// test-results/tray-icons-contact-sheet.png.
//
//   node build/make-icons.mjs           write the icons and the contact sheet
//   node build/make-icons.mjs --check   compare the committed icons with a fresh render (pixels for
//                                       PNG, bytes for ICO) and write the contact sheet; exit 1 on drift
//
// The drawing lives in build/icon-source/, not build/icons/: electron-builder looks for an app icon
// in a build/icons/ (or build/icon/) folder before build/icon.png.
// Names must match src/core/tray/tray-model.ts (iconAsset); test/core/tray/icons.test.ts checks both.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { blit, FACES, renderIcon, SURFACES, tint } from './icon-source/draw.mjs';
import { decodePng, encodeIco, encodePng } from './icon-source/png.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ICONS = join(ROOT, 'assets', 'icons');
const SHEET = join(ROOT, 'test-results', 'tray-icons-contact-sheet.png');

/**
 * Per OS: the styles drawn, the file for a face/style and the pixel sizes in it (PNG: @1x then
 * @2x; ICO: all in one file). macOS gets template images (the name must end in "Template").
 */
const TARGETS = [
  { os: 'darwin', kind: 'png', styles: ['template'], sizes: [16, 32], name: (face) => `tray-${face}Template` },
  { os: 'linux', kind: 'png', styles: SURFACES, sizes: [22, 44], name: (face, style) => `tray-${face}-${style}` },
  { os: 'win32', kind: 'ico', styles: SURFACES, sizes: [16, 32, 48], name: (face, style) => `tray-${face}-${style}` },
];

function files() {
  const out = [];
  for (const target of TARGETS) {
    for (const style of target.styles) {
      for (const face of FACES) {
        const base = `${target.os}/${target.name(face, style)}`;
        const images = target.sizes.map((size) => renderIcon(size, face, style));
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

function greyscale(image) {
  const rgba = new Uint8Array(image.rgba);
  for (let i = 0; i < rgba.length; i += 4) {
    const y = Math.round(0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2]);
    rgba.set([y, y, y], i);
  }
  return { ...image, rgba };
}

/**
 * The rows a person checks: each OS × surface × size as the icon will look there (macOS template
 * images as macOS tints them: black on a light menu bar, white on a dark one), then the Linux icons
 * in greyscale (the states must differ by shape alone). Columns: ok, warn, fail, unknown, checking.
 * Each cell shows the icon blown up (nearest neighbour, about 96 px) and, to its right, at its real
 * pixel size.
 */
export const SHEET_ROWS = [
  ...[16, 32].flatMap((size) => SURFACES.map((surface) => ({ os: 'darwin', style: 'template', surface, size }))),
  ...SURFACES.flatMap((surface) => [22, 44].map((size) => ({ os: 'linux', style: surface, surface, size }))),
  ...SURFACES.flatMap((surface) => [16, 32, 48].map((size) => ({ os: 'win32', style: surface, surface, size }))),
  ...SURFACES.map((surface) => ({ os: 'linux', style: surface, surface, size: 22, grey: true })),
];

function contactSheet() {
  const width = CELL * FACES.length;
  const sheet = { width, height: ROW * SHEET_ROWS.length, rgba: new Uint8Array(width * ROW * SHEET_ROWS.length * 4) };
  SHEET_ROWS.forEach(({ style, surface, size, grey }, r) => {
    const background = BACKGROUND[surface];
    blit(sheet, { width: 1, height: 1, rgba: new Uint8Array(4) }, 0, r * ROW, 1, background, width, ROW);
    FACES.forEach((face, c) => {
      let image = renderIcon(size, face, style);
      if (style === 'template' && surface === 'dark') image = tint(image, [255, 255, 255]);
      if (grey) image = greyscale(image);
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
 * The installers' app icon (build/icon.png, set explicitly in electron-builder.yml; it derives .icns
 * and .ico from it): the healthy shield on a white rounded square, 1024 px.
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
      icon.rgba.set([255, 255, 255, Math.round(alpha * 255)], (y * size + x) * 4);
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
  return encodePng(icon);
}

const check = process.argv.includes('--check');
const drift = [];
const all = [...files(), { path: '../../build/icon.png', bytes: appIcon(), images: null }];
for (const file of all) {
  const path = join(ICONS, file.path);
  if (check) {
    const same = existsSync(path) && (file.images ? samePixels(path, file) : readFileSync(path).equals(file.bytes));
    if (!same) drift.push(file.path.replace('../../', ''));
    continue;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file.bytes);
}
contactSheet();
if (drift.length > 0) {
  console.error(`Icons differ from build/icon-source/draw.mjs (run "npm run icons"):\n  ${drift.join('\n  ')}`);
  process.exit(1);
}
console.log(check ? `icons up to date; contact sheet: ${SHEET}` : `wrote ${all.length} icons to ${ICONS}; contact sheet: ${SHEET}`);
