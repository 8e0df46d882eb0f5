#!/usr/bin/env node
import * as nodeModule from 'node:module';
import { isHotCommand } from './hot-route.js';

// Node ≥ 22.1 keeps compiled code between runs (a no-op on older Node).
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

/** Set by build/bundle.mjs in the bundled CLI: the hot commands' CommonJS file beside this one. */
declare const __CAD_HOT_FILE__: string | undefined;

// The hot commands (`status`, `statusline`, `hook check`: issue 13's budget, docs/BENCHMARKS.md)
// skip the router: the bundled CLI requires hot.cjs, which runs them from process.argv (require,
// not import: no ES module loader work, no scan of its exports); from source, hot-entry.ts.
const argv = process.argv.slice(2);
if (isHotCommand(argv)) {
  if (typeof __CAD_HOT_FILE__ === 'string') nodeModule.createRequire(import.meta.url)(__CAD_HOT_FILE__);
  else void import('./hot-entry.js');
} else void import('./router.js').then((router) => router.runRouter(argv));
