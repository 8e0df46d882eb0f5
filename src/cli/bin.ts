#!/usr/bin/env node
import * as nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';
import { isHotCommand } from './hot-route.js';

// Node ≥ 22.1 keeps compiled code between runs (a no-op on older Node).
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

/** Set by build/bundle.mjs: the hot commands' CommonJS file beside this one. */
declare const __CAD_HOT_FILE__: string | undefined;

// The `claude-auth-doctor` command (package.json's bin, built to dist/cli/bin.cjs). CommonJS, so
// that `claude-auth-doctor status` starts without Node's ES module loader: the hot commands are
// required from hot.cjs; everything else goes to main.js (an ES module) as before.
// Every command sees main.js as the script it runs, as before this file existed: what cliArgv
// writes into a service unit, the apiKeyHelper or the shell hook names main.js (or hot.cjs beside it).
process.argv[1] = fileURLToPath(new URL('./main.js', import.meta.url));
if (typeof __CAD_HOT_FILE__ === 'string' && isHotCommand(process.argv.slice(2)))
  nodeModule.createRequire(import.meta.url)(__CAD_HOT_FILE__);
else void import('./main.js');
