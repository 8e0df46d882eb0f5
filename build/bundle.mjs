// Bundles the sandboxed preload (CommonJS, as Electron requires for sandboxed preloads) and the
// renderer (one ES module for the wizard page), and copies the page and its stylesheet next to
// them. Skips entry points that do not exist yet. `--out dir` bundles elsewhere (the end-to-end
// tests build a fresh copy into a temp dir).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { makeCodeCaches } from './code-cache.mjs';

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
// main.ts requires dist/cli/hot.cjs (built next) for the hot commands; its `import('./hot-entry.js')`
// is for runs from source and stays out of this build.
// Imports of these source files (by path from the repo, .ts) are left to the named file beside the output.
// `files` maps a source file (from the repo, .ts) to what its imports become; `as` turns that into esbuild's answer.
const redirect = (name, files, as) => ({
  name,
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      const source = relative(process.cwd(), join(args.resolveDir, args.path)).replace(/\.js$/, '.ts');
      return files[source] ? as(files[source]) : undefined;
    });
  },
});
const external = (files) => redirect('external-files', files, (path) => ({ path, external: true }));
// Imports of these built-in modules get a CommonJS stand-in that requires the module when a property is first read.
const onFirstUse = (modules) => ({
  name: 'builtins-on-first-use',
  setup(b) {
    const filter = new RegExp(`^(${modules.join('|')})$`);
    b.onResolve({ filter }, (args) => (args.namespace === 'on-first-use' ? undefined : { path: args.path, namespace: 'on-first-use' }));
    b.onLoad({ filter: /.*/, namespace: 'on-first-use' }, (args) => ({
      // An object with nothing of its own whose prototype forwards every read: esbuild's interop copies
      // own properties only (none) and keeps the prototype, so a read still reaches the real module then.
      contents: `let real; const load = () => (real ??= require(${JSON.stringify(args.path)}));
module.exports = Object.create(new Proxy({}, {
  get: (_, key) => (key === '__esModule' ? undefined : load()[key]),
  has: (_, key) => key in load(),
}));`,
      loader: 'js',
    }));
  },
});
// The first line of a file that gets a code cache: `// cad-build <16 hex of the SHA-256 of the rest>`
// (BUILD_STAMP in src/cli/code-cache.ts), which the cache repeats.
function stampBuild(file) {
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, `// cad-build ${createHash('sha256').update(text).digest('hex').slice(0, 16)}\n${text}`);
}
// @noble/hashes (the SHA-256 of fingerprints and keys, src/core/redact/sha256.ts) goes inside every CLI
// bundle: a package resolved from node_modules costs each start its lookups and files.
const inlineNoble = {
  name: 'inline-noble',
  setup(b) {
    // Its source of random numbers reads globalThis.crypto, which loads Node's WebCrypto (and
    // node:crypto, and the streams) on every shell start; a hash needs no random numbers.
    b.onResolve({ filter: /^@noble\/hashes\/crypto$/ }, () => ({ path: 'no-random', namespace: 'inline-noble' }));
    b.onLoad({ filter: /.*/, namespace: 'inline-noble' }, () => ({ contents: 'export const crypto = undefined;', loader: 'js' }));
    // Its ES module build (the `import` condition), which esbuild can shake down to SHA-256 alone.
    b.onResolve({ filter: /^@noble\/hashes\// }, (args) => {
      const main = createRequire(join(args.resolveDir, 'x.js')).resolve(args.path);
      const root = /^.*[\\/]@noble[\\/]hashes[\\/]/.exec(main)[0];
      const manifest = join(root, 'package.json');
      const entry = JSON.parse(readFileSync(manifest, 'utf8')).exports[`./${args.path.slice('@noble/hashes/'.length)}`];
      return { path: join(dirname(manifest), entry.import) };
    });
  },
};
if (outIndex < 0) {
  // Chunk names carry their content's hash: without this, every build left its old chunks beside
  // the new ones (400 of them after a few days here), and `npm pack` or `npm run dist` shipped them.
  rmSync('dist/cli/chunks', { recursive: true, force: true });
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
    define: { __CAD_HOT_FILE__: JSON.stringify('./hot.cjs') },
    plugins: [external({ 'src/cli/hot-entry.ts': './hot-entry.js' }), inlineNoble],
    logLevel: 'warning',
  });
}

// The hot commands (`status`, `statusline`, `hook check`; src/cli/hot.ts) as CommonJS files beside
// main.js, which the shell hook and Claude Code's status line run by absolute path: a shell start
// or a prompt refresh loads a few files rather than thirty, and none of the router, the network
// probes, the HTTP client or the fix engine. CommonJS because Node starts it without its ES
// module loader, and because a required module's own requires (child_process for the chained
// status line) run only when reached.
// - hot.cjs: a few lines that load, through src/cli/code-cache.ts, hot-hook.cjs for `hook check`
//   and hot-code.cjs for the others;
// - hot-hook.cjs: `hook check` alone (every interactive shell start): one bundle and one cache;
// - hot-code.cjs: `status` with a fresh snapshot and `statusline`;
// - hot-local.cjs: the local checks (`status` without a fresh snapshot), loaded the same way
//   when needed: the dynamic imports of its two modules are sent there.
// Each of the last three starts with a build stamp, and build/code-cache.mjs then writes a V8 code
// cache beside it, which code-cache.ts uses only with that very build and a Node that accepts it.
if (outIndex < 0) {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
  const hot = {
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: ['node20'],
    packages: 'external',
    // import() of the local checks becomes require(): no ES module loader, no scan of exports.
    supported: { 'dynamic-import': false },
    define: { __CAD_TOOL_VERSION__: JSON.stringify(version) },
    logLevel: 'warning',
  };
  const codeCache = JSON.stringify(join(process.cwd(), 'src/cli/code-cache.ts'));
  // `file`: a name beside the output, or an expression that names one.
  const loadCachedAs = (file) =>
    `module.exports = require(${codeCache}).requireCached(require('node:path').join(__dirname, ${file}), require);`;
  const loadCached = (file) => loadCachedAs(JSON.stringify(file));
  const hotRoute = JSON.stringify(join(process.cwd(), 'src/cli/hot-route.ts'));
  const loader = `const hookCheck = require(${hotRoute}).isHookCheck(process.argv.slice(2));\n${loadCachedAs("hookCheck ? 'hot-hook.cjs' : 'hot-code.cjs'")}`;
  // Imports of these source files become a load of the named bundle beside the output, through the code cache.
  const cachedSibling = (files) => {
    const plugin = redirect('cached-sibling', files, (path) => ({ path, namespace: 'cached-sibling' }));
    return {
      name: plugin.name,
      setup(b) {
        plugin.setup(b);
        b.onLoad({ filter: /.*/, namespace: 'cached-sibling' }, (args) => ({
          contents: loadCached(args.path),
          loader: 'js',
          resolveDir: process.cwd(),
        }));
      },
    };
  };
  const local = { 'src/core/diagnosis/local-check.ts': './hot-local.cjs', 'src/cli/shell-hook/check.ts': './hot-local.cjs' };
  // The bundles that get a build stamp and a code cache (build/code-cache.mjs); an older build's caches go first.
  const cached = ['dist/cli/hot-hook.cjs', 'dist/cli/hot-code.cjs', 'dist/cli/hot-local.cjs'];
  for (const file of cached) rmSync(`${file}.v8cache`, { force: true });
  // Nothing on these paths hashes with node:crypto any more (short texts go through @noble/hashes),
  // and node:os answers only where HOME is unset; should something reach them, they load on first
  // use, as below.
  await build({
    ...hot,
    entryPoints: ['src/cli/hot-entry.ts'],
    outfile: 'dist/cli/hot-code.cjs',
    plugins: [cachedSibling(local), inlineNoble, onFirstUse(['node:crypto', 'node:os'])],
  });
  // The probes import these built-in modules at their top, but a shell start on a healthy machine
  // calls none of them (no process is spawned, no address parsed, no hash made): ~10 ms of Node's
  // own start-up that the hook would pay for nothing. Each stands in as a proxy that requires the
  // real module on its first use.
  const lazyBuiltins = onFirstUse(['node:child_process', 'node:net', 'node:crypto']);
  await build({ ...hot, entryPoints: ['src/cli/hot-local.ts'], outfile: 'dist/cli/hot-local.cjs', plugins: [inlineNoble, lazyBuiltins] });
  await build({
    ...hot,
    entryPoints: ['src/cli/hot-hook-entry.ts'],
    outfile: 'dist/cli/hot-hook.cjs',
    plugins: [inlineNoble, lazyBuiltins],
  });
  await build({
    ...hot,
    stdin: { contents: loader, resolveDir: process.cwd(), sourcefile: 'hot.cjs', loader: 'js' },
    outfile: 'dist/cli/hot.cjs',
  });
  for (const file of cached) stampBuild(file);
  await makeCodeCaches('dist/cli');
  // package.json's bin: CommonJS too, so `claude-auth-doctor status` skips the ES module loader;
  // it requires hot.cjs for the hot commands and imports main.js for the rest.
  await build({
    entryPoints: ['src/cli/bin.ts'],
    outfile: 'dist/cli/bin.cjs',
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: ['node20'],
    define: { __CAD_BIN__: '__cadBin' },
    banner: { js: "const __cadBin = { dir: __dirname, require, hot: './hot.cjs' };" },
    plugins: [external({ 'src/cli/main.ts': './main.js' })],
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
    plugins: [inlineNoble],
    logLevel: 'warning',
  });
}
