import { build } from 'esbuild';
const entry = process.argv[2];
const r = await build({ entryPoints: [entry], bundle: true, write: false, format: 'esm', platform: 'node', target: ['node20'], packages: 'external', metafile: true, outfile: '/tmp/x.js', logLevel: 'error' });
const out = Object.values(r.metafile.outputs)[0];
const rows = Object.entries(out.inputs).map(([k, v]) => [v.bytesInOutput, k]).sort((a, b) => b[0] - a[0]);
console.log('total', out.bytes, 'imports', out.imports.map(i => i.path).join(' '));
for (const [b, k] of rows.slice(0, Number(process.argv[3] ?? 40))) console.log(String(b).padStart(7), k);
