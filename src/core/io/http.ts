import type { Dispatcher } from 'undici';
import type { HttpClient, HttpRequest, HttpResult } from './ports.js';
import { blameProxy, classifyNetError } from './net-failure.js';
import { caOption, type TrustOptions } from './tls.js';
import { undici } from './undici-loader.js';
import { monotonicMs } from './time.js';

type Headers = Record<string, string>;

/** One dispatcher per request, so nothing (keep-alive sockets, pools) outlives it. */
function dispatcherFor(req: HttpRequest, timeoutMs: number, trust: TrustOptions): Dispatcher {
  const tlsOptions = { timeout: timeoutMs, ...caOption(trust) };
  const common = { headersTimeout: timeoutMs, bodyTimeout: timeoutMs };
  const { Agent, ProxyAgent } = undici();
  if (req.proxy) {
    return new ProxyAgent({ uri: req.proxy, ...common, requestTls: tlsOptions, proxyTls: tlsOptions });
  }
  return new Agent({ ...common, connect: tlsOptions });
}

function flatten(headers: Record<string, string | string[] | undefined>): Headers {
  const out: Headers = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function tooLarge(req: HttpRequest, size: number, elapsedMs: number): HttpResult {
  const message = `response body exceeds ${req.maxBytes} bytes (${size} or more)`;
  return { kind: 'failure', failure: 'too-large', code: 'E_TOO_LARGE', message, elapsedMs };
}

async function exchange(req: HttpRequest, dispatcher: Dispatcher, signal: AbortSignal, elapsed: () => number): Promise<HttpResult> {
  const response = await undici().request(dispatcher, new URL(req.url), {
    method: req.method ?? 'GET',
    headers: { ...req.headers },
    signal,
  });
  const headers = flatten(response.headers);
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > req.maxBytes) {
    response.body.destroy();
    return tooLarge(req, declared, elapsed());
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > req.maxBytes) {
      response.body.destroy();
      return tooLarge(req, size, elapsed());
    }
    chunks.push(chunk);
  }
  return { kind: 'response', status: response.statusCode, headers, body: Buffer.concat(chunks).toString('utf8'), elapsedMs: elapsed() };
}

/**
 * HTTP over undici with one hard deadline covering connect, proxy tunnel, headers and body:
 * undici's own timeouts name the phase, the deadline guarantees the bound (a server dribbling
 * bytes cannot stretch it). Production trusts Node's CAs + NODE_EXTRA_CA_CERTS; tests pass `ca`.
 */
export function createHttpClient(trust: TrustOptions = {}): HttpClient {
  return {
    async request(req: HttpRequest): Promise<HttpResult> {
      const started = monotonicMs();
      const elapsed = (): number => Math.round(monotonicMs() - started);
      const timeoutMs = Math.max(1, Math.floor(req.timeoutMs));
      let dispatcher: Dispatcher;
      try {
        new URL(req.url);
        dispatcher = dispatcherFor(req, timeoutMs, trust);
      } catch (error) {
        const { code, message } = classifyNetError(error);
        return { kind: 'failure', failure: req.proxy ? 'proxy' : 'other', code, message, elapsedMs: elapsed() };
      }
      const controller = new AbortController();
      const deadline = new Promise<HttpResult>((resolve) => {
        controller.signal.addEventListener('abort', () =>
          resolve({
            kind: 'failure',
            failure: 'timeout',
            code: 'ETIMEDOUT',
            message: `no complete answer within ${timeoutMs} ms`,
            elapsedMs: elapsed(),
          }),
        );
      });
      const timer = setTimeout(() => controller.abort(new DOMException('timed out', 'TimeoutError')), timeoutMs);
      const attempt = exchange(req, dispatcher, controller.signal, elapsed).catch((error: unknown): HttpResult => {
        const classified = blameProxy(classifyNetError(error), req.proxy);
        return { kind: 'failure', ...classified, elapsedMs: elapsed() };
      });
      try {
        return await Promise.race([attempt, deadline]);
      } finally {
        clearTimeout(timer);
        void dispatcher.destroy().catch(() => undefined);
      }
    },
  };
}
