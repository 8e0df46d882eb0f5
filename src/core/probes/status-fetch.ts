import type { HttpResult } from '../io/ports.js';
import { proxyFromEnv } from '../network/proxy-env.js';
import { callTimeoutMs } from './budget.js';
import type { ProbeInput, ProbeOptions } from './probe.js';

const MAX_BYTES = 1024 * 1024;
export const SUMMARY_PATH = '/api/v2/summary.json';

/** One GET of the status page's summary per run, shared by service.status and system.clock. */
export interface StatusFetch {
  readonly url: string;
  readonly proxy: string | null;
  readonly result: HttpResult;
  /** This machine's clock when the answer arrived, for comparing with its `Date` header. */
  readonly receivedAt: number;
}

/** If-None-Match / If-Modified-Since from the last answer, so a 5-minute poll costs a 304. */
function conditionalHeaders(validators: ProbeOptions['statusValidators']): Record<string, string> {
  const headers: Record<string, string> = {};
  if (validators?.etag) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
  return headers;
}

export function responseHeader(result: Extract<HttpResult, { kind: 'response' }>, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(result.headers)) if (key.toLowerCase() === wanted) return value;
  return null;
}

/** The summary, fetched once per run (null when the status URL is unusable); Claude Code's proxy variables apply. */
export function fetchStatusSummary(ctx: ProbeInput): Promise<StatusFetch | null> {
  return ctx.memo('status-summary', async () => {
    const endpoint = ctx.endpoints.status;
    if (endpoint.error || !endpoint.url) return null;
    const url = `${endpoint.url}${SUMMARY_PATH}`;
    const { proxy } = proxyFromEnv(ctx.env, url);
    const result = await ctx.http.request({
      url,
      method: 'GET',
      headers: { accept: 'application/json', ...conditionalHeaders(ctx.options.statusValidators) },
      timeoutMs: callTimeoutMs(ctx),
      maxBytes: MAX_BYTES,
      proxy,
    });
    return { url, proxy, result, receivedAt: ctx.clock.now() };
  });
}
