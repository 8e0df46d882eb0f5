// Bundles the sandboxed preload (CommonJS, as Electron requires for sandboxed preloads) and the
// renderer (one ES module for the wizard page), and copies the page and its stylesheet next to
// them. Skips entry points that do not exist yet. `--out dir` bundles elsewhere (the end-to-end
// tests build a fresh copy into a temp dir).
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const outIndex = process.argv.indexOf('--out');
const outDir = outIndex > 0 && process.argv[outIndex + 1] ? process.argv[outIndex + 1] : 'dist/bundle';

const jobs = [
  { entry: 'src/preload/index.ts', out: 'preload.cjs', format: 'cjs', platform: 'node' },
  { entry: 'src/renderer/index.ts', out: 'renderer.js', format: 'esm', platform: 'browser' },
];
const assets = ['src/renderer/index.html', 'src/renderer/styles.css'];

mkdirSync(outDir, { recursive: true });
for (const job of jobs) {
  if (!existsSync(job.entry)) continue;
  await build({
    entryPoints: [job.entry],
    outfile: join(outDir, job.out),
    bundle: true,
    format: job.format,
    platform: job.platform,
    target: ['chrome120', 'node20'],
    external: ['electron'],
    sourcemap: true,
    logLevel: 'warning',
  });
}
// The page's meta CSP is the one policy in src/shared/csp.ts (compiled by tsc before this runs).
const { WIZARD_CSP_META } = await import('../dist/src/shared/csp.js');
for (const asset of assets) {
  if (!existsSync(asset)) continue;
  const target = join(outDir, asset.split('/').at(-1));
  if (asset.endsWith('.html')) writeFileSync(target, readFileSync(asset, 'utf8').replaceAll('%WIZARD_CSP_META%', WIZARD_CSP_META));
  else copyFileSync(asset, target);
}

// The CLI that package.json's bin runs: one ES module per command (code splitting keeps
// --version/--help from loading the engine), dependencies left in node_modules. Loading a few
// bundled files instead of ~100 small modules saves ~80 ms per run (docs/BENCHMARKS.md).
if (outIndex < 0) {
  await build({
    entryPoints: ['src/cli/main.ts'],
    outdir: 'dist/cli',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: ['node20'],
    packages: 'external',
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  });
}

// The doctor as one self-contained ES module (dependencies inlined, no chunks): `remote check`
// streams it over ssh to a host's `node` (`node --input-type=module -`), so nothing is installed
// or left behind there. keytar (native) and electron stay out: a host check never needs them.
if (outIndex < 0) {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
  await build({
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/remote/doctor.mjs',
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: ['node20'],
    external: ['keytar', 'electron', 'electron-store', 'node-notifier'],
    define: { __CAD_TOOL_VERSION__: JSON.stringify(version) },
    minify: true,
    legalComments: 'none',
    banner: { js: "import { createRequire as __cadRequire } from 'node:module'; const require = __cadRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}
