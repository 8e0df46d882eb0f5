import { finish } from './finish.js';
import { runHookCheck } from './shell-hook/check.js';

// `hook check` alone, what every interactive shell start runs: the bundled CLI's
// dist/cli/hot-hook.cjs, which dist/cli/hot.cjs loads for it instead of hot-code.cjs. One bundle
// and one code cache to read, and none of status's or statusline's code to run (~1 ms of a shell
// start, docs/BENCHMARKS.md). process.argv: node, hot.cjs (or the bin), `hook`, `check`, options.
finish(runHookCheck(process.argv.slice(3)));
