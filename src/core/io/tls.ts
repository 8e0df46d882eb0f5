import net from 'node:net';
import { createRequire } from 'node:module';
import type * as TlsModule from 'node:tls';
import type { TlsProber, TlsResult } from './ports.js';
import { blameProxy, classifyNetError, type ClassifiedFailure } from './net-failure.js';
import { monotonicMs } from './time.js';

// node:tls costs ~7 ms to load on top of node:net; an offline check never opens a TLS socket.
const requireBuiltin = createRequire(import.meta.url);
let tlsModule: typeof TlsModule | null = null;
function tlsApi(): typeof TlsModule {
  tlsModule ??= requireBuiltin('node:tls') as typeof TlsModule;
  return tlsModule;
}

/** Extra trust for tests. Production passes nothing, so Node's CAs + NODE_EXTRA_CA_CERTS apply, as for Claude Code. */
export interface TrustOptions {
  /** PEM certificates trusted in addition to Node's bundled roots. */
  readonly ca?: readonly string[];
}

/** The `ca` option for tls.connect: unset keeps Node's default store (incl. NODE_EXTRA_CA_CERTS). */
export function caOption(trust: TrustOptions): { ca?: string[] } {
  return trust.ca && trust.ca.length > 0 ? { ca: [...tlsApi().rootCertificates, ...trust.ca] } : {};
}

type Leaf = { protocol: string; issuer: string; subject: string; validTo: string };
type Attempt = ({ kind: 'ok' } & Leaf) | ({ kind: 'failure' } & ClassifiedFailure);

const CERT_FAILURES = new Set(['tls-untrusted', 'tls-hostname', 'tls-expired']);
const MAX_PROXY_REPLY = 16 * 1024;

function timeoutError(): Error {
  return new DOMException('timed out', 'TimeoutError');
}

/** Resolves on `event`, rejects on error, early close or abort; leaves no listeners behind. */
function waitFor(socket: net.Socket, event: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      socket.off(event, onEvent).off('error', onError).off('close', onClose);
      signal.removeEventListener('abort', onAbort);
    };
    const onEvent = (): void => (cleanup(), resolve());
    const onError = (error: Error): void => (cleanup(), reject(error));
    const onClose = (): void => (
      cleanup(),
      reject(Object.assign(new Error('connection closed during the handshake'), { code: 'ECONNRESET' }))
    );
    const onAbort = (): void => (cleanup(), reject(timeoutError()));
    if (signal.aborted) return onAbort();
    socket.once(event, onEvent).once('error', onError).once('close', onClose);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function readProxyReply(socket: net.Socket, signal: AbortSignal): Promise<{ status: number; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const cleanup = (): void => {
      socket.off('data', onData).off('error', onError).off('close', onClose);
      signal.removeEventListener('abort', onAbort);
    };
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end === -1 && received.length < MAX_PROXY_REPLY) return;
      cleanup();
      socket.pause();
      const status = Number(/^HTTP\/\d(?:\.\d)? (\d{3})/.exec(received.toString('latin1'))?.[1] ?? 0);
      resolve({ status, rest: end === -1 ? Buffer.alloc(0) : received.subarray(end + 4) });
    };
    const onError = (error: Error): void => (cleanup(), reject(error));
    const onClose = (): void => (
      cleanup(),
      reject(Object.assign(new Error('proxy closed the connection before answering CONNECT'), { code: 'ECONNRESET' }))
    );
    const onAbort = (): void => (cleanup(), reject(timeoutError()));
    if (signal.aborted) return onAbort();
    socket.on('data', onData).once('error', onError).once('close', onClose);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Opens an HTTP CONNECT tunnel to host:port through an http:// or https:// proxy. */
async function openTunnel(
  proxy: string,
  host: string,
  port: number,
  trust: TrustOptions,
  signal: AbortSignal,
  track: (socket: net.Socket) => void,
): Promise<net.Socket> {
  const url = new URL(proxy);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw Object.assign(new Error(`${url.protocol.slice(0, -1)} proxies are not supported for this check; use an http:// proxy`), {
      code: 'ERR_PROXY_SCHEME',
    });
  }
  const proxyHost = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const proxyPort = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const socket =
    url.protocol === 'https:'
      ? tlsApi().connect({ host: proxyHost, port: proxyPort, servername: net.isIP(proxyHost) ? undefined : proxyHost, ...caOption(trust) })
      : net.connect({ host: proxyHost, port: proxyPort });
  track(socket);
  await waitFor(socket, url.protocol === 'https:' ? 'secureConnect' : 'connect', signal);
  const authority = net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
  const auth = url.username
    ? `Proxy-Authorization: Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}\r\n`
    : '';
  socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${auth}\r\n`);
  const { status, rest } = await readProxyReply(socket, signal);
  if (status !== 200) {
    throw Object.assign(new Error(`Proxy response (${String(status).padStart(3, '0')}) when opening a tunnel to ${authority}`), {
      code: `PROXY_${status}`,
    });
  }
  if (rest.length > 0) socket.unshift(rest);
  return socket;
}

function describeName(name: Record<string, string | string[] | undefined> | undefined): string {
  const field = (key: string): string => [name?.[key] ?? []].flat().join(', ');
  const [cn, o] = [field('CN'), field('O')];
  if (cn && o && cn !== o) return `${cn} (${o})`;
  return cn || o || 'unknown';
}

async function attempt(
  host: string,
  port: number,
  proxy: string | null,
  trust: TrustOptions,
  verify: boolean,
  timeoutMs: number,
): Promise<Attempt> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Math.max(1, timeoutMs));
  const sockets: net.Socket[] = [];
  const track = (socket: net.Socket): void => {
    socket.on('error', () => undefined);
    sockets.push(socket);
  };
  let tunnelUp = proxy === null;
  try {
    const socket = proxy ? await openTunnel(proxy, host, port, trust, controller.signal, track) : undefined;
    tunnelUp = true;
    const secure = tlsApi().connect({
      host,
      port,
      socket,
      servername: net.isIP(host) ? undefined : host,
      rejectUnauthorized: verify,
      ...caOption(trust),
    });
    track(secure);
    await waitFor(secure, 'secureConnect', controller.signal);
    const cert = secure.getPeerCertificate(false) as unknown as Record<string, unknown>;
    return {
      kind: 'ok',
      protocol: secure.getProtocol() ?? 'unknown',
      issuer: describeName(cert['issuer'] as Record<string, string> | undefined),
      subject: describeName(cert['subject'] as Record<string, string> | undefined),
      validTo: typeof cert['valid_to'] === 'string' ? cert['valid_to'] : '',
    };
  } catch (error) {
    const classified = classifyNetError(error);
    return { kind: 'failure', ...(tunnelUp ? classified : blameProxy(classified, proxy)) };
  } finally {
    clearTimeout(timer);
    for (const socket of sockets.reverse()) socket.destroy();
  }
}

/**
 * A bare TLS handshake, direct or through an HTTP CONNECT proxy. When the chain is rejected it
 * handshakes once more without verification, only to read who issued the presented leaf (the
 * name of a TLS-inspecting proxy), then closes.
 */
export function createTlsProber(trust: TrustOptions = {}): TlsProber {
  return {
    async handshake(host: string, port: number, timeoutMs: number, proxy: string | null): Promise<TlsResult> {
      const started = monotonicMs();
      const elapsed = (): number => Math.round(monotonicMs() - started);
      const first = await attempt(host, port, proxy, trust, true, timeoutMs);
      if (first.kind === 'ok') return { ...first, elapsedMs: elapsed() };
      let issuer: string | null = null;
      const remaining = timeoutMs - elapsed();
      if (CERT_FAILURES.has(first.failure) && remaining > 50) {
        const second = await attempt(host, port, proxy, trust, false, remaining);
        if (second.kind === 'ok') issuer = second.issuer;
      }
      return { kind: 'failure', failure: first.failure, code: first.code, message: first.message, issuer, elapsedMs: elapsed() };
    },
  };
}
