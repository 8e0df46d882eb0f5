// The local checks as the hot commands load them (dist/cli/hot-local.cjs): the build sends the
// dynamic imports of these two modules from hot-code.cjs here (through src/cli/code-cache.ts), so
// that `status` with a fresh snapshot and `statusline` never read, let alone run, the probes.
export { localDiagnosis } from '../core/diagnosis/local-check.js';
export { runHookCheck } from './shell-hook/check.js';
