import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { ICON_THEMES, iconAsset, TRAY_FACES, type TrayFace } from '../../../src/core/tray/tray-model.js';
import type { Os } from '../../../src/core/io/os.js';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
const ROOT = repoRoot();
const ICONS = join(ROOT, 'assets', 'icons');

interface Image {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

/** Just enough PNG reading for our own encoder's output: RGBA, filter 0 on every row. */
function readPng(path: string): Image {
  const bytes = readFileSync(path);
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  assert.deepEqual([...bytes.subarray(24, 29)], [8, 6, 0, 0, 0], `${path}: 8-bit RGBA, non-interlaced`);
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    assert.equal(raw[y * (width * 4 + 1)], 0, 'filter 0');
    rgba.set(raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return { width, height, rgba };
}

/** The pixel at a point of the 32-unit design space. */
function at(image: Image, x: number, y: number): [number, number, number, number] {
  const px = Math.floor((x / 32) * image.width);
  const py = Math.floor((y / 32) * image.height);
  const i = (py * image.width + px) * 4;
  return [image.rgba[i] ?? -1, image.rgba[i + 1] ?? -1, image.rgba[i + 2] ?? -1, image.rgba[i + 3] ?? -1];
}

/**
 * Each face has its own shape: sample points of the 32-unit design space that are inside the mark
 * (cut out of a filled shield, or drawn inside an outlined one) for that face and outside it for
 * the others. A colour-blind user, or macOS's tinting, keeps exactly this.
 */
const MARK_POINTS: Record<TrayFace, [number, number][]> = {
  ok: [
    [10.6, 16.9],
    [14.2, 20.6],
  ],
  warn: [
    [16, 11],
    [16, 21.6],
  ],
  fail: [
    [13, 12.4],
    [19, 18.6],
  ],
  unknown: [
    [19.2, 11.6],
    [16, 21],
  ],
  checking: [
    [10.8, 16.5],
    [21.2, 16.5],
  ],
};
const FILLED: ReadonlySet<TrayFace> = new Set(['ok', 'warn', 'fail']);

/** True where the pixel is the mark: transparent on a filled shield, opaque inside an outlined one. */
function markAt(image: Image, face: TrayFace, x: number, y: number): boolean {
  const alpha = at(image, x, y)[3];
  return FILLED.has(face) ? alpha < 100 : alpha > 150;
}

const FILL: Record<'ok' | 'warn' | 'fail', (rgb: [number, number, number, number]) => boolean> = {
  ok: ([r, g, b]) => g > 150 && g > r + 60 && g > b + 60,
  warn: ([r, g, b]) => r > 200 && g > 120 && g < r && b < 60,
  fail: ([r, g, b]) => r > 200 && g < 90 && b < 90,
};

const PNG_SIZES: Record<Exclude<Os, 'win32'>, [number, number]> = { darwin: [16, 32], linux: [22, 44] };

describe('tray icons', () => {
  test('the committed icons and build/icon.png match a fresh render, and the contact sheet is written', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'build', 'make-icons.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    assert.match(out, /icons up to date/);
    const sheet = readPng(join(ROOT, 'test-results', 'tray-icons-contact-sheet.png'));
    assert.deepEqual([sheet.width, sheet.height], [168 * 5, 104 * 16]);
  });

  test('the drawing scripts are not where electron-builder looks for an app icon (build/icons, build/icon)', () => {
    assert.equal(existsSync(join(ROOT, 'build', 'icons')), false);
    assert.equal(existsSync(join(ROOT, 'build', 'icon')), false);
    assert.equal(readPng(join(ROOT, 'build', 'icon.png')).width, 1024);
  });

  for (const os of ['darwin', 'linux'] as const) {
    for (const theme of os === 'darwin' ? (['light'] as const) : ICON_THEMES) {
      for (const face of TRAY_FACES) {
        test(`${os} ${face}${os === 'darwin' ? ' (template)' : ` on ${theme}`}: both scales, its own mark, the right colours`, () => {
          const file = join(ICONS, iconAsset(os, face, theme));
          if (os === 'darwin') assert.match(file, /Template\.png$/, 'macOS marks template images by name');
          const images = [readPng(file), readPng(file.replace(/\.png$/, '@2x.png'))];
          assert.deepEqual(
            images.map((i) => i.width),
            PNG_SIZES[os],
          );
          // The mark's points are checked at @2x, where every stroke is several pixels wide.
          const big = images[1] as Image;
          for (const other of TRAY_FACES) {
            const hits = MARK_POINTS[other].map(([x, y]) => markAt(big, face, x, y));
            if (other === face) assert.deepEqual(hits, [true, true], `${face}: its own mark is drawn`);
            else assert.ok(hits.includes(false), `${face} does not carry the ${other} mark`);
          }
          for (const image of images) {
            assert.equal(at(image, 0.5, 0.5)[3], 0, 'corner is transparent');
            const [r, g, b, a] = at(image, FILLED.has(face) ? 7 : 4.5, 12);
            assert.ok(a > 200, `shield body is opaque (alpha ${a})`);
            if (os === 'darwin') assert.deepEqual([r, g, b], [0, 0, 0], 'template images are black plus alpha');
            else if (face === 'ok' || face === 'warn' || face === 'fail')
              assert.ok(FILL[face]([r, g, b, a]), `fill ${[r, g, b].join(',')}`);
            else assert.deepEqual([r, g, b], theme === 'light' ? [0, 0, 0] : [255, 255, 255]);
          }
        });
      }
    }
  }

  test('16 px "checking" (the macOS menu bar): three dots with a clear pixel between them, not one dash', () => {
    const image = readPng(join(ICONS, iconAsset('darwin', 'checking')));
    // The middle row of the dots, left to right across the shield's inside (design units 8 to 24).
    const row = [8, 10, 12, 14, 16, 18, 20, 22].map((x) => at(image, x + 1, 16)[3]);
    assert.deepEqual(
      row.map((a) => (a > 200 ? 'dot' : a < 60 ? 'gap' : 'blur')),
      ['dot', 'dot', 'gap', 'dot', 'dot', 'gap', 'dot', 'dot'],
      `alpha ${row.join(' ')}`,
    );
  });

  for (const theme of ICON_THEMES) {
    for (const face of TRAY_FACES) {
      test(`win32 ${face} on ${theme}: one .ico with 16, 32 and 48 px 32-bit images`, () => {
        const ico = readFileSync(join(ICONS, iconAsset('win32', face, theme)));
        assert.deepEqual([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)], [0, 1, 3]);
        const entries = [0, 1, 2].map((i) => ({
          size: ico[6 + 16 * i],
          bits: ico.readUInt16LE(6 + 16 * i + 6),
          offset: ico.readUInt32LE(6 + 16 * i + 12),
        }));
        assert.deepEqual(
          entries.map((e) => [e.size, e.bits]),
          [
            [16, 32],
            [32, 32],
            [48, 32],
          ],
        );
        for (const e of entries) assert.equal(ico.readUInt32LE(e.offset), 40, 'BITMAPINFOHEADER');
      });
    }
  }
});
