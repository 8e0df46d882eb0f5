import type { NetFailure } from './ports.js';
import { stripUrlCredentials } from '../redact/redact.js';

/** A network error reduced to what a probe reasons about, plus the raw code for evidence. */
export interface ClassifiedFailure {
  readonly failure: NetFailure;
  readonly code: string;
  readonly message: string;
}

const BY_CODE: Readonly<Record<string, NetFailure>> = {
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NONAME: 'dns',
  EAI_NODATA: 'dns',
  ENODATA: 'dns',
  ESERVFAIL: 'dns',
  ECONNREFUSED: 'refused',
  ETIMEDOUT: 'timeout',
  ETIMEOUT: 'timeout',
  ERR_SOCKET_CONNECTION_TIMEOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ECONNRESET: 'reset',
  ECONNABORTED: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_CLOSED: 'reset',
  SELF_SIGNED_CERT_IN_CHAIN: 'tls-untrusted',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'tls-untrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'tls-untrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'tls-untrusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tls-untrusted',
  CERT_UNTRUSTED: 'tls-untrusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'tls-hostname',
  CERT_HAS_EXPIRED: 'tls-expired',
  UND_ERR_PRX_TLS: 'proxy',
  ERR_PROXY_SCHEME: 'proxy',
  UND_ERR_RES_EXCEEDED_MAX_SIZE: 'too-large',
};

const PROXY_STATUS = /Proxy response \((\d{3})\)/i;

function codeOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code !== '' ? code : null;
}

function nameOf(error: unknown): string {
  return typeof error === 'object' && error !== null ? String((error as { name?: unknown }).name ?? '') : '';
}

function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}

/** The error and what it wraps: undici uses `cause`, happy-eyeballs an AggregateError's `errors`. */
function chainOf(error: unknown): unknown[] {
  const chain: unknown[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && chain.length < 8) {
    const current = queue.shift();
    if (current === undefined || current === null || chain.includes(current)) continue;
    chain.push(current);
    if (typeof current !== 'object') continue;
    const { cause, errors } = current as { cause?: unknown; errors?: unknown };
    queue.push(cause);
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return chain;
}

function known(error: unknown): ClassifiedFailure | null {
  const message = messageOf(error);
  const proxyStatus = PROXY_STATUS.exec(message);
  if (proxyStatus) return { failure: 'proxy', code: `PROXY_${proxyStatus[1]}`, message };
  if (nameOf(error) === 'TimeoutError') return { failure: 'timeout', code: 'ETIMEDOUT', message: 'timed out' };
  const code = codeOf(error);
  const failure = code ? BY_CODE[code] : undefined;
  return code && failure ? { failure, code, message } : null;
}

function fallback(error: unknown): ClassifiedFailure {
  const message = messageOf(error);
  const code = codeOf(error);
  if (code) {
    if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code.startsWith('CERT_') || code === 'EPROTO') {
      return { failure: 'tls-other', code, message };
    }
    if (code === 'ABORT_ERR' || code === 'UND_ERR_ABORTED') return { failure: 'aborted', code, message };
    return { failure: 'other', code, message };
  }
  if (nameOf(error) === 'AbortError') return { failure: 'aborted', code: 'ABORT_ERR', message };
  return { failure: 'other', code: nameOf(error) || 'EUNKNOWN', message };
}

/**
 * Maps whatever undici, node:net, node:tls or node:dns threw to a NetFailure. Timeouts by
 * AbortSignal.timeout arrive as a DOMException named TimeoutError, a refused proxy tunnel as an
 * undici RequestAbortedError whose message carries the proxy's status.
 */
export function classifyNetError(error: unknown): ClassifiedFailure {
  const chain = chainOf(error);
  const result =
    chain.map(known).find((candidate) => candidate !== null) ?? fallback(chain.find((candidate) => codeOf(candidate) !== null) ?? error);
  return { ...result, message: scrubCredentials(result.message) };
}

/** One plain sentence for a failure, for a probe's cause. `target` is e.g. "api.anthropic.com:443". */
export function describeNetFailure(failure: NetFailure, target: string): string {
  switch (failure) {
    case 'dns':
      return `${target} does not resolve (DNS lookup failed).`;
    case 'refused':
      return `${target} refused the connection (nothing listening, or a firewall rejects it).`;
    case 'timeout':
      return `${target} did not answer in time (a firewall dropping traffic, a dead proxy, or a slow network).`;
    case 'reset':
      return `The connection to ${target} was cut off (reset by a firewall, proxy or the server).`;
    case 'tls-untrusted':
      return `The certificate presented for ${target} is not issued by a CA that Node trusts.`;
    case 'tls-hostname':
      return `The certificate presented for ${target} is for a different host name.`;
    case 'tls-expired':
      return `The certificate presented for ${target} has expired (or this machine's clock is wrong).`;
    case 'tls-other':
      return `The TLS handshake with ${target} failed.`;
    case 'proxy':
      return `The proxy would not open a tunnel to ${target}.`;
    case 'too-large':
      return `The response from ${target} was larger than expected.`;
    case 'aborted':
      return `The request to ${target} was cancelled.`;
    case 'other':
      return `The connection to ${target} failed.`;
  }
}

/**
 * Through a proxy, a refused connection or an unknown host can only be the proxy itself (the
 * target's problems come back as a non-200 CONNECT), so it is reported as a proxy failure.
 */
export function blameProxy(classified: ClassifiedFailure, proxy: string | null | undefined): ClassifiedFailure {
  if (!proxy || (classified.failure !== 'refused' && classified.failure !== 'dns')) return classified;
  return { failure: 'proxy', code: classified.code, message: `proxy ${stripUrlCredentials(proxy)}: ${classified.message}` };
}

/** Error text may echo a proxy URL; its user:password must not reach evidence. */
export function scrubCredentials(message: string): string {
  return message.replace(/\/\/[^/@\s]*@/g, '//***@');
}
