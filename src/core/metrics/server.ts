import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EXPOSITION_CONTENT_TYPE } from './exposition.js';
import { formatListenAddress, isLoopback, type ListenAddress } from './listen.js';

/** Bounds of the `/metrics` listener: a scraper needs one short GET; anything else is cut off early. */
export const METRICS_SERVER_LIMITS = {
  maxConnections: 16,
  maxHeaderBytes: 8 * 1024,
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  idleSocketMs: 30_000,
} as const;

export interface MetricsServer {
  /** Where it listens, with the port actually bound. */
  readonly address: ListenAddress;
  readonly url: string;
  close(): Promise<void>;
}

export interface MetricsServerOptions {
  readonly listen: ListenAddress;
  /** The exposition to serve (the exporter's cached text). */
  readonly exposition: () => Promise<string>;
}

/** A Host header naming this machine's loopback: what a scraper on loopback or an SSH tunnel sends. */
function loopbackHost(header: string | undefined): boolean {
  if (!header) return false;
  const host = header.startsWith('[') ? header.slice(1, header.indexOf(']')) : header.replace(/:\d*$/, '');
  return host === 'localhost' || isLoopback(host);
}

function send(res: ServerResponse, code: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(code, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/**
 * Serves GET/HEAD `/metrics` and `/-/healthy`, nothing else: no body accepted, headers and
 * connections bounded, every phase timed out. Bound to loopback, it also refuses a Host header that
 * is not loopback (a web page's DNS rebinding). It never runs a check: it serves what the monitor
 * last produced.
 */
export function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const limits = METRICS_SERVER_LIMITS;
  const checkHost = isLoopback(options.listen.host);
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'Only GET and HEAD.\n', { allow: 'GET, HEAD', connection: 'close' });
    if (req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0)
      return send(res, 413, 'No request body is accepted.\n', { connection: 'close' });
    if (checkHost && !loopbackHost(req.headers.host)) return send(res, 421, 'This listener answers loopback names only.\n');
    const path = (req.url ?? '').split('?')[0];
    if (path === '/-/healthy') return send(res, 200, 'OK\n');
    if (path !== '/metrics') return send(res, 404, 'Not found: the metrics are at /metrics.\n');
    options.exposition().then(
      (text) => send(res, 200, text, { 'content-type': EXPOSITION_CONTENT_TYPE }),
      () => send(res, 500, 'The metrics could not be rendered.\n'),
    );
  };
  const server = createServer(
    {
      maxHeaderSize: limits.maxHeaderBytes,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
    },
    handle,
  );
  server.maxConnections = limits.maxConnections;
  server.setTimeout(limits.idleSocketMs, (socket) => socket.destroy());
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.listen.host, port: options.listen.port, exclusive: true }, () => {
      server.off('error', reject);
      const bound = server.address() as AddressInfo;
      const address = { host: options.listen.host, port: bound.port };
      resolve({
        address,
        url: `http://${formatListenAddress(address)}/metrics`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
