#!/usr/bin/env node
import type { join } from 'node:path';
import { isHotCommand } from './hot-route.js';

/**
 * Set by build/bundle.mjs in the bundled bin (dist/cli/bin.cjs): its folder, its `require`, and
 * the hot commands' CommonJS file beside it. Absent when this file runs from source.
 */
declare const __CAD_BIN__: { readonly dir: string; readonly require: NodeJS.Require; readonly hot: string } | undefined;

// The `claude-auth-doctor` command (package.json's bin, built to dist/cli/bin.cjs). CommonJS, so
// that `claude-auth-doctor status` starts without Node's ES module loader: the hot commands are
// required from hot.cjs; everything else goes to main.js (an ES module) as before.
// Every command sees main.js as the script it runs, as before this file existed: what cliArgv
// writes into a service unit, the apiKeyHelper or the shell hook names main.js (or hot.cjs beside it).
// No URL, and node:module only where it can help: node:url and node:module (with parts of the ES
// module loader) cost a `status` ~1.4 ms (docs/BENCHMARKS.md). Run from source (tsc's output,
// which nothing runs), main.ts is imported as it is.
const bin = typeof __CAD_BIN__ === 'undefined' ? null : __CAD_BIN__;
if (bin) {
  // Node ≥ 22.1 keeps compiled code between runs; older Node has no such switch.
  if (Number(process.versions.node.split('.')[0]) >= 22)
    (bin.require('node:module') as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  process.argv[1] = (bin.require('node:path') as { join: typeof join }).join(bin.dir, 'main.js');
  if (isHotCommand(process.argv.slice(2))) bin.require(bin.hot);
  else void import('./main.js');
} else void import('./main.js');
