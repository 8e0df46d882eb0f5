/**
 * Exponential backoff with "equal jitter": the delay doubles per consecutive failure up to a cap,
 * and a random half of it is shaved off so many machines that failed together do not retry together.
 * `random` is injected (Math.random in production, a fixed sequence in tests).
 */
export function backoffDelay(baseMs: number, failures: number, maxMs: number, random: () => number): number {
  const capped = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(capped / 2 + (capped / 2) * r);
}

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: unknown, now: number): number | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
