import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { isServiceChannel, isSettingsChannel, type DoctorService, type ServiceChannel, type SettingsChannel } from '../shared/ipc.js';
import { validateRequest } from '../shared/ipc-validate.js';
import type { Settings, SettingsPatch } from '../shared/settings.js';
import { WIZARD_CSP } from '../shared/csp.js';
import { fingerprint, redactText } from '../core/redact/redact.js';

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
  /** Tests may fix it; by default 32 random bytes, base64url. */
  readonly token?: string;
  /** Called when a response carried something token-shaped and was scrubbed (an engine bug). */
  readonly onRedaction?: (channel: ServiceChannel | SettingsChannel) => void;
}

export interface WebHost {
  /** What the user opens: http://127.0.0.1:PORT/?token=… */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export const MAX_BODY_BYTES = 64 * 1024;
export const TOKEN_HEADER = 'x-doctor-token';

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': WIZARD_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const STATIC: Readonly<Record<string, { readonly file: string; readonly type: string }>> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/renderer.js': { file: 'renderer.js', type: 'text/javascript; charset=utf-8' },
  '/styles.css': { file: 'styles.css', type: 'text/css; charset=utf-8' },
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

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
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

async function loadBundle(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const { file } of Object.values(STATIC)) {
    if (files.has(file)) continue;
    try {
      files.set(file, await readFile(join(dir, file)));
    } catch {
      throw new Error(`The wizard's page is missing (${join(dir, file)}). Build it with "npm run build".`);
    }
  }
  return files;
}

/**
 * The wizard in a browser: the same page as the Electron window, served on 127.0.0.1 only, with
 * the contract's channels as `POST /api/<channel>` (body: the JSON array of arguments). A random
 * per-run token guards everything; Host and Origin checks stop DNS rebinding and cross-site posts.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const files = await loadBundle(options.bundleDir);
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenDigest = digest(token);
  const matches = (candidate: string | null | undefined): boolean =>
    typeof candidate === 'string' && timingSafeEqual(digest(candidate), tokenDigest);
  let port = 0;
  const cookieName = (): string => `doctor_token_${port}`;
  const hosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];

  function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
    res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': String(Buffer.byteLength(body)), ...extra });
    res.end(body);
  }

  const sendError = (res: http.ServerResponse, status: number, message: string): void =>
    send(res, status, 'application/json; charset=utf-8', JSON.stringify({ error: message }));

  function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    const entry = STATIC[url.pathname];
    if (!entry) throw new HttpError(404, 'not found');
    const fromQuery = url.searchParams.get('token');
    const fromCookie = cookieValue(req.headers.cookie, cookieName());
    if (fromQuery === null && fromCookie === null)
      throw new HttpError(401, 'open the URL printed by "claude-auth-doctor wizard --web" (it carries the token)');
    if (!(fromQuery !== null ? matches(fromQuery) : matches(fromCookie)))
      throw new HttpError(403, 'wrong or stale token: use the URL printed by this run');
    const extra: Record<string, string> =
      fromQuery !== null ? { 'set-cookie': `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/` } : {};
    send(res, 200, entry.type, files.get(entry.file) ?? '', extra);
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
    const origin = req.headers.origin;
    if (origin === undefined || !hosts().some((h) => origin === `http://${h}`)) throw new HttpError(403, 'cross-origin request refused');
    const given = req.headers[TOKEN_HEADER];
    if (typeof given !== 'string' || given === '') throw new HttpError(401, `missing ${TOKEN_HEADER} header`);
    if (!matches(given)) throw new HttpError(403, 'wrong token');
    const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
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
    const url = new URL(target, `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) return serveApi(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method not allowed');
    return serveStatic(req, res, url);
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
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
