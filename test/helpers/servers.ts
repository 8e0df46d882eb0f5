/**
 * Loopback servers for network tests. Everything listens on 127.0.0.1 on a free port, tracks
 * its sockets and closes them all on close(), so a test leaves no handle behind.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Pki } from './pki.js';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface RunningServer {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Connections accepted so far. */
  readonly connections: () => number;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

const okHandler: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('ok');
};

async function listen(server: net.Server, scheme: string): Promise<RunningServer> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  server.on('connection', (socket: net.Socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `${scheme}://${HOST}:${port}`,
    host: HOST,
    port,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface HttpsServerOptions {
  readonly pki: Pki;
  readonly handler?: Handler;
  /** Which certificate to present; default 'trusted'. */
  readonly cert?: 'trusted' | 'rogue' | 'expired' | 'wrong-host';
  /** Shorthand for cert: 'rogue' (a TLS-inspecting proxy's certificate). */
  readonly rogue?: boolean;
}

/** HTTPS on 127.0.0.1 with a test certificate; trust it by passing pki.caPem as `ca`. */
export function startHttpsServer(options: HttpsServerOptions): Promise<RunningServer> {
  const { pki } = options;
  const kind = options.rogue ? 'rogue' : (options.cert ?? 'trusted');
  const certPath = { trusted: pki.serverCert, rogue: pki.rogueCert, expired: pki.expiredCert, 'wrong-host': pki.wrongHostCert }[kind];
  const server = https.createServer(
    { key: readFileSync(kind === 'rogue' ? pki.rogueKey : pki.serverKey), cert: readFileSync(certPath) },
    options.handler ?? okHandler,
  );
  return listen(server, 'https');
}

/** Plain HTTP on 127.0.0.1. */
export function startHttpServer(handler: Handler = okHandler): Promise<RunningServer> {
  return listen(http.createServer(handler), 'http');
}

/** Accepts TCP connections and never sends a byte: connects succeed, everything after hangs. */
export function startBlackhole(): Promise<RunningServer> {
  return listen(
    net.createServer(() => undefined),
    'http',
  );
}

/** A port on 127.0.0.1 with nothing listening (connects are refused). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, HOST, () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ConnectProxyOptions {
  /** Answer every CONNECT with 407 Proxy Authentication Required. */
  readonly deny?: boolean;
}

export interface RunningProxy extends RunningServer {
  /** Tunnels opened so far (CONNECT answered 200). */
  readonly tunnels: () => number;
  /** CONNECT targets requested so far, e.g. ["127.0.0.1:4431"]. */
  readonly targets: readonly string[];
  /** Proxy-Authorization headers received, in order. */
  readonly authorizations: readonly (string | null)[];
}

/** A small HTTP CONNECT proxy (only CONNECT; other requests get 405). */
export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<RunningProxy> {
  let tunnels = 0;
  const targets: string[] = [];
  const authorizations: (string | null)[] = [];
  const upstreams = new Set<net.Socket>();
  const server = http.createServer((_req, res) => {
    res.writeHead(405);
    res.end();
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    targets.push(req.url ?? '');
    authorizations.push(req.headers['proxy-authorization'] ?? null);
    client.on('error', () => undefined);
    if (options.deny) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const url = new URL(`http://${req.url ?? ''}`);
    const upstream = net.connect({ host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port) || 443 });
    upstreams.add(upstream);
    upstream.once('close', () => upstreams.delete(upstream));
    upstream.once('connect', () => {
      tunnels += 1;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'));
    client.once('close', () => upstream.destroy());
  });
  const running = await listen(server, 'http');
  return {
    ...running,
    tunnels: () => tunnels,
    targets,
    authorizations,
    close: async () => {
      for (const upstream of upstreams) upstream.destroy();
      await running.close();
    },
  };
}
