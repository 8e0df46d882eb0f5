import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const opts = (minify) => ({ bundle: true, format: 'cjs', platform: 'node', target: ['node20'], packages: 'external', supported: { 'dynamic-import': false }, define: { __CAD_TOOL_VERSION__: JSON.stringify(version) }, logLevel: 'warning', minify, keepNames: minify });
await build({ ...opts(true), entryPoints: ['src/cli/hot-local.ts'], outfile: '/tmp/speed-min/hot-local.cjs' });
