/**
 * The wizard's web host against requests a browser or a local attacker can make, beyond what
 * test/cli/web-host.test.ts covers: DNS-rebinding Host spellings, absolute-form request targets,
 * duplicate Host headers, tokens in the wrong place (query for the API, a cookie, a link's code),
 * CORS preflights — at the byte level over a raw socket — and a real cross-origin page in
 * headless Chromium (another loopback origin) trying to read or drive the wizard while the user
 * has it open. All refused; the engine is never reached.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHost, type WebHost } from '../../src/cli/web-host.js';
import type { DoctorService } from '../../src/shared/ipc.js';
import { CHROMIUM_SKIP, launchBrowser } from '../e2e/harness.js';
import { codeOf, openSession } from '../helpers/web-session.js';

interface RawReply {
  readonly status: number;
  readonly head: string;
  readonly body: string;
}

/** Sends bytes as they are (no client normalises anything) and reads the whole answer. */
function raw(port: number, text: string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let out = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to ${JSON.stringify(text.slice(0, 60))}`));
    }, 5000);
    socket.on('data', (d: Buffer) => (out += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const [head = '', body = ''] = out.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0), head, body });
    });
  });
}

/** An engine that counts calls and answers nothing secret: the host's checks are what is tested. */
function countingService(): { service: DoctorService; calls: string[] } {
  const calls: string[] = [];
  const service = new Proxy({} as DoctorService, {
    get: (_target, channel: string) => async (): Promise<unknown> => {
      calls.push(channel);
      return channel === 'history:get' ? [] : null;
    },
  });
  return { service, calls };
}

async function fakeBundle(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'doctor-hardening-bundle-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>wizard</title><p id="secret-page">wizard page</p>');
  await writeFile(join(dir, 'renderer.js'), 'window.wizardLoaded = true;');
  await writeFile(join(dir, 'styles.css'), 'body{}');
  return dir;
}

describe('web host: requests at the byte level', () => {
  let host: WebHost;
  let bundleDir: string;
  let calls: string[];
  let token: string;

  before(async () => {
    bundleDir = await fakeBundle();
    const counting = countingService();
    calls = counting.calls;
    host = await startWebHost({ service: counting.service, bundleDir });
    token = await openSession(host);
  });
  after(async () => {
    await host.close();
    await rm(bundleDir, { recursive: true, force: true });
  });

  const page = (target: string, hostHeader: string | null, extra = ''): string =>
    `GET ${target} HTTP/1.1\r\n${hostHeader === null ? '' : `Host: ${hostHeader}\r\n`}${extra}Connection: close\r\n\r\n`;
  const session = (): string => token;
  const api = (target: string, hostHeader: string, extra = '', token: string | null = null): string =>
    `POST ${target} HTTP/1.1\r\nHost: ${hostHeader}\r\nOrigin: http://127.0.0.1:${host.port}\r\n${(token ?? session()) ? `X-Doctor-Token: ${token ?? session()}\r\n` : ''}Content-Type: application/json\r\nContent-Length: 2\r\n${extra}Connection: close\r\n\r\n[]`;

  test('the baseline: the right Host, token and Origin are served (so the refusals below are about one thing each)', async () => {
    assert.equal((await raw(host.port, page('/', `127.0.0.1:${host.port}`))).status, 200);
    const before = calls.length;
    assert.equal((await raw(host.port, api('/api/report:get', `127.0.0.1:${host.port}`))).status, 200);
    assert.equal(calls.length, before + 1);
  });

  test('DNS-rebinding Host spellings are refused for the page and the API, with the right token', async () => {
    const p = host.port;
    const spellings = [
      `127.0.0.1.nip.io:${p}`,
      `localhost.:${p}`,
      `127.0.0.1.:${p}`,
      `LOCALHOST:${p}`,
      `127.1:${p}`,
      `2130706433:${p}`,
      `0x7f000001:${p}`,
      `[::ffff:127.0.0.1]:${p}`,
      `[::1]:${p}`,
      `0.0.0.0:${p}`,
      '127.0.0.1',
      `127.0.0.1:${p + 1}`,
      `user@127.0.0.1:${p}`,
      `evil.example:${p}`,
    ];
    const before = calls.length;
    for (const spelling of spellings) {
      const reply = await raw(p, page('/', spelling));
      assert.ok(reply.status === 403 || reply.status === 400, `page with Host ${JSON.stringify(spelling)}: ${reply.status}`);
      assert.doesNotMatch(reply.body, /secret-page/);
      const call = await raw(p, api('/api/report:get', spelling));
      assert.ok(call.status === 403 || call.status === 400, `API with Host ${JSON.stringify(spelling)}: ${call.status}`);
    }
    // HTTP/1.0 may omit Host altogether: still refused.
    assert.equal((await raw(p, 'GET / HTTP/1.0\r\n\r\n')).status, 403);
    assert.equal(calls.length, before, 'the engine was never reached');
  });

  test('an absolute-form target naming this host is served like its origin-form', async () => {
    const reply = await raw(host.port, page(`http://127.0.0.1:${host.port}/`, `127.0.0.1:${host.port}`));
    assert.equal(reply.status, 200);
  });

  test('an absolute-form target naming another host is refused even with our Host header (RFC 9112 §3.2.2: the target wins)', async () => {
    const before = calls.length;
    assert.equal((await raw(host.port, page('http://evil.example/', `127.0.0.1:${host.port}`))).status, 403);
    assert.equal((await raw(host.port, api('http://evil.example/api/report:get', `127.0.0.1:${host.port}`))).status, 403);
    assert.equal(calls.length, before);
  });

  test('two Host headers with the foreign one first are refused', async () => {
    const reply = await raw(host.port, page('/', 'evil.example', `Host: 127.0.0.1:${host.port}\r\n`));
    assert.ok(reply.status === 400 || reply.status === 403, String(reply.status));
  });

  test('two Host headers are refused whatever their order (RFC 9112 §3.2: 400 for more than one Host)', async () => {
    const reply = await raw(host.port, page('/', `127.0.0.1:${host.port}`, 'Host: evil.example\r\n'));
    assert.ok(reply.status === 400 || reply.status === 403, String(reply.status));
  });

  test('secrets in the wrong place: the API ignores ?token=, cookies and link codes; the page sets no cookie', async () => {
    const before = calls.length;
    const inQuery = `POST /api/report:get?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nOrigin: http://127.0.0.1:${host.port}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]`;
    assert.equal((await raw(host.port, inQuery)).status, 401);
    const withCookie = api('/api/report:get', `127.0.0.1:${host.port}`, `Cookie: doctor_token_${host.port}=${token}\r\n`, '');
    assert.equal((await raw(host.port, withCookie)).status, 401);
    const withCode = api('/api/report:get', `127.0.0.1:${host.port}`, '', codeOf(host.newLink()));
    assert.equal((await raw(host.port, withCode)).status, 403, 'a link code is not a session');
    const opened = await raw(host.port, page(`/?code=${codeOf(host.newLink())}`, `127.0.0.1:${host.port}`));
    assert.equal(opened.status, 200);
    assert.doesNotMatch(opened.head, /set-cookie/i);
    assert.equal(calls.length, before);
  });

  test('a CORS preflight gets no Access-Control-Allow-* answer; no response ever carries one', async () => {
    const preflight = `OPTIONS /api/report:get HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nOrigin: http://127.0.0.1:${host.port + 1}\r\nAccess-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type,x-doctor-token\r\nConnection: close\r\n\r\n`;
    const replies = [
      await raw(host.port, preflight),
      await raw(host.port, page('/', `127.0.0.1:${host.port}`, `Origin: http://127.0.0.1:${host.port + 1}\r\n`)),
      await raw(host.port, api('/api/report:get', `127.0.0.1:${host.port}`)),
    ];
    assert.equal(replies[0]!.status, 405);
    for (const reply of replies) assert.doesNotMatch(reply.head, /access-control-allow/i);
  });
});

describe('web host: a cross-origin page in headless Chromium', { skip: CHROMIUM_SKIP }, () => {
  test(
    'a page on another loopback origin cannot read the wizard or call its API, while the user has it open',
    { timeout: 60_000 },
    async () => {
      const bundleDir = await fakeBundle();
      const { service, calls } = countingService();
      const host = await startWebHost({ service, bundleDir });
      const seen: { method: string; path: string; origin: string | undefined }[] = [];
      // Record what reaches the host from the attacker's page (a second, observing listener).
      const attackerPage = `<!doctype html><script>
      const target = ${JSON.stringify(`http://127.0.0.1:${host.port}`)};
      async function attempt(name, run) {
        try { return [name, await run()]; } catch (error) { return [name, 'blocked: ' + error.name]; }
      }
      window.results = Promise.all([
        attempt('read page', () => fetch(target + '/', { credentials: 'include' }).then((r) => r.text())),
        attempt('read page no-cors', () => fetch(target + '/', { credentials: 'include', mode: 'no-cors' }).then((r) => 'opaque:' + r.type + ':' + r.status)),
        attempt('api json', () => fetch(target + '/api/report:run-check', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '[]' }).then((r) => r.status + ':' + r.type)),
        attempt('api simple', () => fetch(target + '/api/report:run-check', { method: 'POST', credentials: 'include', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '[]' }).then((r) => 'opaque:' + r.type)),
        attempt('api with guessed token', () => fetch(target + '/api/fix:start', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json', 'x-doctor-token': 'guess' }, body: '["reset-credentials"]' }).then((r) => r.status + '')),
        attempt('iframe', () => new Promise((resolve) => {
          const frame = document.createElement('iframe');
          frame.src = target + '/';
          frame.onload = () => { try { resolve('read: ' + frame.contentDocument.body.innerText); } catch (error) { resolve('blocked: ' + error.name); } };
          document.body.appendChild(frame);
          setTimeout(() => resolve('blocked: no load'), 3000);
        })),
      ]).then(Object.fromEntries);
    </script>`;
      const attacker = http.createServer((req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(attackerPage);
      });
      await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
      const attackerPort = (attacker.address() as net.AddressInfo).port;
      const browser = await launchBrowser();
      try {
        // The user opens the wizard (a cookie set now would go to 127.0.0.1 on every port: there is none).
        const wizard = await browser.context.newPage();
        const opened = await wizard.goto(host.url);
        assert.equal(opened?.status(), 200);
        const before = calls.length;

        for (const origin of [`http://127.0.0.1:${attackerPort}/`, `http://localhost:${attackerPort}/`]) {
          const evil = await browser.context.newPage();
          evil.on('request', (request) => {
            const url = new URL(request.url());
            if (url.port === String(host.port))
              seen.push({ method: request.method(), path: url.pathname, origin: request.headers()['origin'] });
          });
          await evil.goto(origin);
          const results = (await evil.evaluate('window.results')) as Record<string, string>;
          if (process.env['RELIABILITY_VERBOSE']) process.stdout.write(`# ${origin} ${JSON.stringify(results)}\n`);
          assert.match(results['read page'] ?? '', /^blocked/, `${origin} read page: ${results['read page']}`);
          assert.doesNotMatch(JSON.stringify(results), /secret-page|wizard page/, 'nothing of the page was read');
          // No-cors reads are opaque at best; Cross-Origin-Resource-Policy: same-origin makes Chromium refuse them outright.
          assert.match(results['read page no-cors'] ?? '', /^opaque:opaque:0$|^blocked/, `no-cors: ${results['read page no-cors']}`);
          assert.match(results['api json'] ?? '', /^blocked/, `api json: ${results['api json']}`);
          assert.match(results['api simple'] ?? '', /^opaque|^blocked/, `api simple: ${results['api simple']}`);
          assert.match(results['api with guessed token'] ?? '', /^blocked|^403$/);
          assert.match(results['iframe'] ?? '', /^blocked/, `iframe: ${results['iframe']}`);
          await evil.close();
        }
        assert.equal(calls.length, before, `the engine was reached from another origin: ${calls.slice(before).join(', ')}`);
        assert.ok(seen.length > 0, 'the attacker’s requests did reach the browser’s network layer');
      } finally {
        await browser.close();
        await new Promise<void>((resolve) => attacker.close(() => resolve()));
        await host.close();
        await rm(bundleDir, { recursive: true, force: true });
      }
    },
  );
});
