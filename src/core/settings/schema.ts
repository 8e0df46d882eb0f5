// The settings schema is plain data the renderer and the IPC contract need too, so it lives in
// src/shared/settings.ts; the engine and main keep importing it from here.
export * from '../../shared/settings.js';
