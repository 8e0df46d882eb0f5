import { monotonicMs } from '../io/time.js';

/** Each probe's budget unless told otherwise (`--timeout`): the CLI, the tray app and the web wizard alike. */
export const DEFAULT_PROBE_BUDGET_MS = 8000;

/**
 * The timeout for one call a probe makes: `share` of what is left of its budget, always leaving
 * 250 ms for the probe to turn a slow answer into its own verdict before the engine's deadline.
 * Counted from what is left, not from the whole budget, so local work done first (reading the
 * login, loading a module on a busy machine) cannot push the call past the deadline. A probe that
 * makes two calls one after the other gives the first 0.45 of it.
 */
export function callTimeoutMs(ctx: { readonly deadlineMs: number }, share = 0.9): number {
  const leftMs = ctx.deadlineMs - monotonicMs();
  return Math.max(200, Math.min(leftMs - 250, Math.floor(leftMs * share)));
}
