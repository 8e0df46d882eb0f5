import { build } from 'esbuild';
const local = { 'src/core/diagnosis/local-check.ts': 1, 'src/cli/shell-hook/check.ts': 1 };
import { join, relative } from 'node:path';
const r = await build({ entryPoints: ['src/cli/hot-entry.ts'], bundle: true, write: false, format: 'cjs', platform: 'node', target: ['node20'], packages: 'external', metafile: true, outfile: '/tmp/x.cjs', logLevel: 'error', supported: { 'dynamic-import': false },
  plugins: [{ name: 'x', setup(b) { b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (a) => { const s = relative(process.cwd(), join(a.resolveDir, a.path)).replace(/\.js$/, '.ts'); return local[s] ? { path: './hot-local.cjs', external: true } : undefined; }); } }] });
const out = Object.values(r.metafile.outputs)[0];
for (const [b, k] of Object.entries(out.inputs).map(([k, v]) => [v.bytesInOutput, k]).sort((a, b) => b[0] - a[0])) console.log(String(b).padStart(7), k);
