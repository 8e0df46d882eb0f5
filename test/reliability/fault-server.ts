/**
 * A misbehaving HTTPS server on 127.0.0.1 for the reliability suite: one fault per server, at
 * the byte level (raw TLS sockets, hand-written HTTP), so nothing in node:http smooths it over.
 * Every socket is tracked and destroyed on close(), and timers die with their socket.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import type { Pki } from '../helpers/pki.js';

export type Fault =
  /** Sends the response head one byte a second. */
  | 'slow-loris'
  /** Declares a body longer than it sends, sends half, then hangs. */
  | 'half-body-hang'
  /** Same, then resets the connection. */
  | 'half-body-reset'
  /** A 10 MB body, chunked (no length to refuse it by). */
  | 'huge-body'
  /** 200 with a body that is not JSON at all. */
  | 'invalid-json'
  | 'rate-limited'
  | 'overloaded'
  | 'server-error'
  /** TCP RST right after accept, before any TLS. */
  | 'reset-on-accept'
  /** Reads the ClientHello, answers the first bytes of a TLS record header, then nothing. */
  | 'tls-stall';

export const FAULTS: readonly Fault[] = [
  'slow-loris',
  'half-body-hang',
  'half-body-reset',
  'huge-body',
  'invalid-json',
  'rate-limited',
  'overloaded',
  'server-error',
  'reset-on-accept',
  'tls-stall',
];

export interface FaultServer {
  readonly url: string;
  readonly port: number;
  /** Request lines received (method and path), in order. */
  readonly requests: readonly string[];
  /** Connections accepted at the TCP level. */
  connections(): number;
  close(): Promise<void>;
}

const HUGE_BYTES = 10 * 1024 * 1024;

function head(status: string, headers: Record<string, string>): string {
  return `HTTP/1.1 ${status}\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
}

function json(status: string, body: string, extra: Record<string, string> = {}): string {
  return (
    head(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), connection: 'close', ...extra }) +
    body
  );
}

/** Answers one parsed request according to the fault. */
function answer(fault: Fault, socket: tls.TLSSocket, raw: net.Socket, later: (fn: () => void, ms: number) => void): void {
  switch (fault) {
    case 'slow-loris': {
      const text = head('200 OK', { 'content-type': 'application/json', 'content-length': '2' }) + '{}';
      let i = 0;
      const drip = (): void => {
        if (socket.destroyed || i >= text.length) return;
        socket.write(text[i++]!);
        later(drip, 1000);
      };
      drip();
      return;
    }
    case 'half-body-hang':
    case 'half-body-reset': {
      const half = '{"status":{"indicator":"none","description":"All Systems Operational"},"components":[' + ' '.repeat(400);
      socket.write(head('200 OK', { 'content-type': 'application/json', 'content-length': String(half.length * 2) }) + half);
      if (fault === 'half-body-reset') later(() => raw.resetAndDestroy(), 200);
      return;
    }
    case 'huge-body': {
      socket.write(head('200 OK', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }));
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = (): void => {
        while (!socket.destroyed && sent < HUGE_BYTES) {
          sent += chunk.length;
          if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk.toString('latin1')}\r\n`)) return void socket.once('drain', pump);
        }
        if (!socket.destroyed) socket.end('0\r\n\r\n');
      };
      pump();
      return;
    }
    case 'invalid-json':
      socket.end(json('200 OK', '<html><body>Captive portal: please log in to the Wi-Fi</body>{"status":'));
      return;
    case 'rate-limited':
      socket.end(
        json('429 Too Many Requests', '{"type":"error","error":{"type":"rate_limit_error","message":"Rate limited"}}', {
          'retry-after': '120',
        }),
      );
      return;
    case 'overloaded':
      socket.end(json('529 Site Overloaded', '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}'));
      return;
    case 'server-error':
      socket.end(json('500 Internal Server Error', '{"type":"error","error":{"type":"api_error","message":"Internal server error"}}'));
      return;
    case 'reset-on-accept':
    case 'tls-stall':
      return;
  }
}

/** Starts a server that misbehaves in one way; HTTPS with the test PKI's trusted certificate. */
export async function startFaultServer(fault: Fault, pki: Pki): Promise<FaultServer> {
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const requests: string[] = [];
  let accepted = 0;
  const track = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
  };
  const later = (fn: () => void, ms: number): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const secureContext = tls.createSecureContext({ key: readFileSync(pki.serverKey), cert: readFileSync(pki.serverCert) });
  /** HTTP over TLS on an accepted TCP socket; `raw` stays at hand for a real RST. */
  const serveTls = (raw: net.Socket): void => {
    const socket = new tls.TLSSocket(raw, { isServer: true, secureContext });
    track(socket);
    let buffered = '';
    socket.on('data', (data: Buffer) => {
      buffered += data.toString('latin1');
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      requests.push(buffered.slice(0, buffered.indexOf('\r\n')).split(' ').slice(0, 2).join(' '));
      socket.removeAllListeners('data');
      socket.on('data', () => undefined);
      answer(fault, socket, raw, later);
    });
  };

  const front = net.createServer((socket) => {
    accepted += 1;
    track(socket);
    if (fault === 'reset-on-accept') return void socket.resetAndDestroy();
    if (fault === 'tls-stall') {
      // A handshake record header promising 64 bytes, then silence: the client waits mid-handshake.
      socket.once('data', () => socket.write(Buffer.from([0x16, 0x03, 0x03, 0x00, 0x40, 0x02])));
      return;
    }
    serveTls(socket);
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = front.address() as net.AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    requests,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        front.close(() => resolve());
      }),
  };
}
