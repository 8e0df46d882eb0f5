// Bundles the sandboxed preload (CommonJS, as Electron requires for sandboxed preloads) and the
// renderer (one ES module for the wizard page). Skips entry points that do not exist yet.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const jobs = [
  { entry: 'src/preload/index.ts', out: 'dist/bundle/preload.cjs', format: 'cjs', platform: 'node' },
  { entry: 'src/renderer/index.ts', out: 'dist/bundle/renderer.js', format: 'esm', platform: 'browser' },
];

for (const job of jobs) {
  if (!existsSync(job.entry)) continue;
  await build({
    entryPoints: [job.entry],
    outfile: job.out,
    bundle: true,
    format: job.format,
    platform: job.platform,
    target: ['chrome120', 'node20'],
    external: ['electron'],
    sourcemap: true,
    logLevel: 'warning',
  });
}
