/**
 * The layout stays true: the design's folders import only what is below them, nothing imports in a
 * circle, and no file grows into two jobs. Read from the sources, so it fails the moment a change
 * breaks the rule, whatever tsc thinks of it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cycles, readSourceGraph } from './imports.js';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

const root = repoRoot();
const graph = readSourceGraph(root);

/** Which roots of src/ each root may import (itself always). Only the renderer gets the DOM; only main and preload see Electron. */
const ROOTS: Readonly<Record<string, readonly string[]>> = {
  shared: [],
  core: ['shared'],
  cli: ['core', 'shared'],
  main: ['core', 'shared'],
  preload: ['shared'],
  renderer: ['shared'],
};

/** The engine's folders in pipeline order: each imports only folders before it (and itself). */
export const CORE_ORDER = [
  'redact',
  'io',
  'log',
  'keychain',
  'platform',
  'claude-code',
  'network',
  'probes',
  'diagnosis',
  'explain',
  'monitor',
  'metrics',
  'tray',
  'notify',
  'settings',
  'fixes',
  'remote',
  'doctor',
] as const;

/** Files allowed past the size limit: data, not logic. */
const DATA_TABLES = new Set(['src/core/explain/catalogue.ts']);
const MAX_LINES = 300;

const rootOf = (file: string): string => file.split('/')[1] ?? '';
const coreFolderOf = (file: string): string | null => {
  const parts = file.split('/');
  return parts[1] === 'core' && parts.length > 3 ? (parts[2] ?? null) : null;
};

test('nothing in src/ imports in a circle (type-only imports included)', () => {
  assert.deepEqual(cycles(graph), []);
});

test('each root of src/ imports only the roots below it', () => {
  const wrong: string[] = [];
  for (const [file, targets] of graph.edges) {
    const from = rootOf(file);
    for (const target of targets) {
      const to = rootOf(target);
      if (to !== from && !(ROOTS[from] ?? []).includes(to)) wrong.push(`${file} → ${target}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('each folder of src/core imports only the folders before it in the pipeline', () => {
  const rank = new Map<string, number>(CORE_ORDER.map((name, i) => [name, i]));
  const wrong: string[] = [];
  for (const [file, targets] of graph.edges) {
    const from = coreFolderOf(file);
    if (from === null) continue;
    for (const target of targets) {
      const to = coreFolderOf(target);
      if (to === null || to === from) continue;
      if ((rank.get(to) ?? Infinity) >= (rank.get(from) ?? -1)) wrong.push(`${file} → ${target}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('every folder of src/core has its place in the pipeline, and at most two files sit loose at its top', () => {
  const entries = readdirSync(join(root, 'src/core'), { withFileTypes: true });
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  assert.deepEqual(
    folders.filter((f) => !(CORE_ORDER as readonly string[]).includes(f)),
    [],
    'a new folder needs a place in CORE_ORDER',
  );
  const loose = entries.filter((e) => e.isFile() && e.name.endsWith('.ts'));
  assert.ok(loose.length <= 2, `loose files: ${loose.map((e) => e.name).join(', ')}`);
});

test(`no source file is over ${MAX_LINES} lines, except data tables`, () => {
  const long = graph.files
    .filter((file) => !DATA_TABLES.has(file))
    .map((file) => ({ file, lines: readFileSync(join(root, file), 'utf8').split('\n').length }))
    .filter((f) => f.lines > MAX_LINES)
    .map((f) => `${f.file} (${f.lines})`);
  assert.deepEqual(long, []);
});

test('no exported function, class or value is defined in two files', () => {
  const where = new Map<string, string[]>();
  for (const file of graph.files) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const match of text.matchAll(/^export (?:async )?(?:function\*?|class|const|let) (\w+)/gm)) {
      const name = match[1] ?? '';
      where.set(name, [...(where.get(name) ?? []), file]);
    }
  }
  const twice = [...where].filter(([, files]) => files.length > 1).map(([name, files]) => `${name}: ${files.join(', ')}`);
  assert.deepEqual(twice, []);
});

test('only main and preload import electron', () => {
  const electron = /(?:from|import\()\s*['"]electron['"]/;
  const wrong = graph.files.filter(
    (file) => !['main', 'preload'].includes(rootOf(file)) && electron.test(readFileSync(join(root, file), 'utf8')),
  );
  assert.deepEqual(wrong, []);
});

test('the import reader sees static, type-only, re-exported and dynamic imports', async () => {
  const { importsOf } = await import('./imports.js');
  const text = [
    "import { a } from './a.js';",
    "import type { B } from '../b.js';",
    "export { c } from './c.js';",
    "export * from './d.js';",
    "const e = await import('./e.js');",
    "import './f.js';",
    "import x from 'node:fs';",
    'import {',
    '  g,',
    "} from './g.js';",
  ].join('\n');
  assert.deepEqual(importsOf(text), ['./a.js', '../b.js', './c.js', './d.js', './e.js', './f.js', './g.js']);
});
