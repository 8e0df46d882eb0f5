/**
 * Milliseconds since an arbitrary start, monotonic. process.hrtime instead of the global
 * `performance`, whose first use loads perf_hooks (~5 ms of a ~150 ms offline check).
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
