import { runHot } from './hot.js';

// The hot commands' own entry: the bundled CLI's dist/cli/hot.cjs, which the shell hook and
// Claude Code's status line run by absolute path, and which main.js loads for them.
runHot(process.argv.slice(2));
