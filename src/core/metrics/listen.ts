import { isIP } from 'node:net';

/** Where `/metrics` listens. */
export interface ListenAddress {
  readonly host: string;
  /** 0 picks a free port (tests); the service refuses it, since Prometheus needs to know the port. */
  readonly port: number;
}

/** Loopback unless told otherwise: the series name a machine's state, nobody else's business by default. */
export const DEFAULT_METRICS_HOST = '127.0.0.1';

const PORT = /^\d{1,5}$/;

/**
 * `--metrics HOST:PORT`, `:PORT` or `PORT` (host 127.0.0.1); IPv6 in brackets (`[::1]:9464`).
 * Only IP addresses and `localhost`: a listener never waits on DNS. Throws an Error naming the flag.
 */
export function parseListenAddress(raw: string, flag = '--metrics'): ListenAddress {
  const text = raw.trim();
  let host = DEFAULT_METRICS_HOST;
  let port = text;
  const bracket = /^\[([^\]]+)\]:(.*)$/.exec(text);
  if (bracket) {
    host = bracket[1] ?? '';
    port = bracket[2] ?? '';
    if (isIP(host) !== 6) throw new Error(`${flag} "${raw}": only an IPv6 address goes in brackets.`);
  } else if (text.includes(':')) {
    const colon = text.lastIndexOf(':');
    if (text.indexOf(':') !== colon) throw new Error(`${flag} "${raw}": put an IPv6 address in brackets, like [::1]:9464.`);
    host = text.slice(0, colon) || DEFAULT_METRICS_HOST;
    port = text.slice(colon + 1);
  }
  if (host === 'localhost') host = DEFAULT_METRICS_HOST;
  if (isIP(host) === 0)
    throw new Error(`${flag} "${raw}": the host must be an IP address (127.0.0.1, ::1, 0.0.0.0 or one of this machine's addresses).`);
  const number = Number(port);
  if (!PORT.test(port) || number > 65_535)
    throw new Error(`${flag} "${raw}": the port must be a number from 0 to 65535 (for example 127.0.0.1:9464).`);
  return { host, port: number };
}

/** `127.0.0.1:9464` or `[::1]:9464`, as the flag takes it back. */
export function formatListenAddress(address: ListenAddress): string {
  return isIP(address.host) === 6 ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}

export function isLoopback(host: string): boolean {
  return host === '::1' || /^127\./.test(host);
}
