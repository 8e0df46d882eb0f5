// The settings validator runs at the IPC boundary (src/shared/ipc-validate.ts) as well, so it
// lives in src/shared/settings-validate.ts; the engine and main keep importing it from here.
export * from '../../shared/settings-validate.js';
