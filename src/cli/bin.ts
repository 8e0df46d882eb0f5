#!/usr/bin/env node
import * as nodeModule from 'node:module';
import { isHotCommand } from './hot-route.js';

// Node ≥ 22.1 keeps compiled code between runs (a no-op on older Node).
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

/** Set by build/bundle.mjs: the hot commands' CommonJS file beside this one. */
declare const __CAD_HOT_FILE__: string | undefined;

// The `claude-auth-doctor` command (package.json's bin, built to dist/cli/bin.cjs). CommonJS, so
// that `claude-auth-doctor status` starts without Node's ES module loader: the hot commands are
// required from hot.cjs; everything else goes to main.js (an ES module) as before.
if (typeof __CAD_HOT_FILE__ === 'string' && isHotCommand(process.argv.slice(2)))
  nodeModule.createRequire(import.meta.url)(__CAD_HOT_FILE__);
else void import('./main.js');
