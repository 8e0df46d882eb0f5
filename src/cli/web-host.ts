import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isServiceChannel, isSettingsChannel, type DoctorService, type ServiceChannel, type SettingsChannel } from '../shared/ipc.js';
import { validateRequest } from '../shared/ipc-validate.js';
import type { Settings, SettingsPatch } from '../shared/settings.js';
import { WIZARD_CSP } from '../shared/csp.js';
import { fingerprint, redactText } from '../core/redact/redact.js';
import { loadBundle, STATIC } from './web-bundle.js';
import { SecretSet } from './web-secrets.js';

/**
 * Where the web host reads and writes the app's settings. `set` gets a patch already validated
 * with validateSettingsPatch and answers the settings now in force; it may throw (the message
 * reaches the page). Tests pass an in-memory one; `wizard --web` passes none.
 */
export interface SettingsProvider {
  get(): Settings | Promise<Settings>;
  set(patch: SettingsPatch): Settings | Promise<Settings>;
}

export interface WebHostOptions {
  readonly service: DoctorService;
  /** Serves `settings:get`/`settings:set` when given; without it they answer 404 and the page shows no Preferences. */
  readonly settings?: SettingsProvider;
  /** Folder holding index.html, renderer.js and styles.css (dist/bundle). */
  readonly bundleDir: string;
  /** 0 (default): a random free port. */
  readonly port?: number;
  /** Called when a response carried something token-shaped and was scrubbed (an engine bug). */
  readonly onRedaction?: (channel: ServiceChannel | SettingsChannel) => void;
  /** Called each time a link's one-time code is exchanged for a session (a page opened). */
  readonly onSession?: (sessions: number) => void;
}

export interface WebHost {
  /** What the user opens: http://127.0.0.1:PORT/?code=… (a one-time code, dead once a page used it). */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  /** A fresh one-time link (the first is `url`); each opens the wizard once. */
  newLink(): string;
  close(): Promise<void>;
}

export const MAX_BODY_BYTES = 64 * 1024;
export const TOKEN_HEADER = 'x-doctor-token';
export const CODE_HEADER = 'x-doctor-code';
/** A link not opened within this time dies unused (its code may sit in a browser's command line). */
export const CODE_TTL_MS = 10 * 60_000;

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': WIZARD_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

// The one unmistakable shape of a Claude secret. A last guard at the boundary: the engine already
// hands out fingerprints only, so this firing means an engine bug (reported via onRedaction).
const CLAUDE_SECRET = /sk-ant-[A-Za-z0-9_-]{8,}/g;

function scrubSecrets(json: string): string {
  return json.replace(CLAUDE_SECRET, (secret) => `[redacted ${fingerprint(secret)}]`);
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw new HttpError(413, `body larger than ${MAX_BODY_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A port that cannot be had: what it means and what to do, not a stack trace. */
export class PortUnavailableError extends Error {}

function listenError(error: NodeJS.ErrnoException, port: number): Error {
  if (error.code === 'EADDRINUSE')
    return new PortUnavailableError(
      `port ${port} is already in use on 127.0.0.1: pick another with --port, or leave --port out for a free one.`,
    );
  if (error.code === 'EACCES')
    return new PortUnavailableError(
      `port ${port} needs privileges this user does not have: pick one above 1023 with --port, or leave --port out.`,
    );
  return error;
}

/**
 * The wizard in a browser: the same page as the Electron window, served on 127.0.0.1 only, with
 * the contract's channels as `POST /api/<channel>` (body: the JSON array of arguments). A random
 * per-run token guards everything; Host and Origin checks stop DNS rebinding and cross-site posts.
 */

/**
 * The wizard in a browser: the same page as the Electron window, served on 127.0.0.1 only, with
 * the contract's channels as `POST /api/<channel>` (body: the JSON array of arguments).
 *
 * No cookie and no long-lived secret in any URL: browsers send a cookie for 127.0.0.1 to every
 * port, and a URL handed to a browser sits in its command line. The printed link carries a
 * one-time code; the page trades it (`POST /session`) for a session token it keeps per tab and
 * sends as a header. A code dies on first use or after CODE_TTL_MS. Host and Origin checks stop
 * DNS rebinding and cross-site requests; the page itself holds no secret.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const files = await loadBundle(options.bundleDir);
  const codes = new SecretSet();
  const sessions = new SecretSet();
  let opened = 0;
  let port = 0;
  const hosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];

  function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
    res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': String(Buffer.byteLength(body)), ...extra });
    res.end(body);
  }

  const sendError = (res: http.ServerResponse, status: number, message: string): void =>
    send(res, status, 'application/json; charset=utf-8', JSON.stringify({ error: message }));

  function serveStatic(res: http.ServerResponse, url: URL): void {
    const entry = STATIC[url.pathname];
    if (!entry) throw new HttpError(404, 'not found');
    send(res, 200, entry.type, files.get(entry.file) ?? '');
  }

  function checkOrigin(req: http.IncomingMessage): void {
    const origin = req.headers.origin;
    if (origin === undefined || !hosts().some((h) => origin === `http://${h}`)) throw new HttpError(403, 'cross-origin request refused');
  }

  /** The page trades the link's one-time code for a session token (JSON body: {"token"}). */
  function openSession(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method !== 'POST') throw new HttpError(405, 'use POST');
    checkOrigin(req);
    const code = req.headers[CODE_HEADER];
    if (typeof code !== 'string' || code === '') throw new HttpError(401, `missing ${CODE_HEADER} header`);
    if (!codes.has(code, Date.now(), true))
      throw new HttpError(
        403,
        'this link was already used or has expired: get a new one from the terminal running "claude-auth-doctor wizard --web"',
      );
    const token = randomBytes(32).toString('base64url');
    sessions.add(token, Number.MAX_SAFE_INTEGER);
    opened += 1;
    options.onSession?.(opened);
    send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ token }));
  }

  type Handler = (...args: readonly unknown[]) => Promise<unknown>;

  function handlerFor(channel: ServiceChannel | SettingsChannel): Handler {
    if (!isSettingsChannel(channel)) return options.service[channel] as Handler;
    const provider = options.settings;
    if (provider === undefined) throw new HttpError(404, 'this host keeps no settings');
    return channel === 'settings:get' ? async () => provider.get() : async (patch) => provider.set(patch as SettingsPatch);
  }

  async function serveApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'POST') throw new HttpError(405, 'use POST');
    checkOrigin(req);
    const given = req.headers[TOKEN_HEADER];
    if (typeof given !== 'string' || given === '') throw new HttpError(401, `missing ${TOKEN_HEADER} header`);
    if (!sessions.has(given, Date.now())) throw new HttpError(403, 'wrong or expired session: open a new link from the terminal');
    let channel: string;
    try {
      channel = decodeURIComponent(url.pathname.slice('/api/'.length));
    } catch {
      throw new HttpError(400, 'the channel name is not valid percent-encoding');
    }
    if (!isServiceChannel(channel) && !isSettingsChannel(channel)) throw new HttpError(400, 'unknown channel');
    const handler = handlerFor(channel);
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new HttpError(415, 'send application/json');
    let args: unknown;
    try {
      const body = await readBody(req);
      args = body.trim() === '' ? [] : JSON.parse(body);
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw new HttpError(400, 'body is not JSON');
    }
    const checked = validateRequest(channel, args);
    if (!checked.ok) throw new HttpError(400, checked.error);
    const json = JSON.stringify((await handler(...checked.args)) ?? null);
    const scrubbed = scrubSecrets(json);
    if (scrubbed !== json) options.onRedaction?.(channel);
    send(res, 200, 'application/json; charset=utf-8', scrubbed);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // Exactly one Host header naming this server (DNS rebinding); an absolute-form target
    // (`GET http://elsewhere/ …`) names a host too, and it must be this one as well.
    if (!hosts().includes(req.headers.host ?? ''))
      throw new HttpError(403, 'unexpected Host header (open the page as http://127.0.0.1:PORT)');
    const hostHeaders = req.rawHeaders.filter((_value, i) => i % 2 === 0 && req.rawHeaders[i]?.toLowerCase() === 'host').length;
    if (hostHeaders !== 1) throw new HttpError(400, 'exactly one Host header is allowed');
    const target = req.url ?? '/';
    if (!target.startsWith('/')) {
      let named: string | null = null;
      try {
        named = new URL(target).host;
      } catch {
        throw new HttpError(400, 'unreadable request target');
      }
      if (!hosts().includes(named)) throw new HttpError(403, 'the request target names another host');
    }
    let url: URL;
    try {
      url = new URL(target, `http://127.0.0.1:${port}`);
    } catch {
      throw new HttpError(400, 'unreadable request target');
    }
    if (url.pathname.startsWith('/api/')) return serveApi(req, res, url);
    if (url.pathname === '/session') return openSession(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method not allowed');
    return serveStatic(res, url);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? redactText(error.message) : 'internal error';
      if (res.headersSent) return void res.destroy();
      if (status === 413) {
        res.setHeader('connection', 'close');
        req.resume();
      }
      sendError(res, status, status === 500 ? `internal error: ${message}` : message);
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, options.port ?? 0)));
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const newLink = (): string => {
    const code = randomBytes(24).toString('base64url');
    codes.add(code, Date.now() + CODE_TTL_MS);
    return `${origin}/?code=${code}`;
  };
  return {
    url: newLink(),
    origin,
    port,
    newLink,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
