// The local checks as the hot commands load them (dist/cli/hot-local.cjs): the build sends the
// dynamic imports of these two modules from hot.cjs here, so that `status` with a fresh snapshot
// and `statusline` never read, let alone run, the probes.
export { localDiagnosis } from '../core/diagnosis/local-check.js';
export { hookCheck } from './shell-hook/check.js';
