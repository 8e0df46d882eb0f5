import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_BODY_BYTES, startWebHost, type WebHost } from '../../src/cli/web-host.js';
import { WIZARD_CSP } from '../../src/shared/csp.js';
import { createDoctorService, type FixChannels } from '../../src/core/doctor/doctor-service.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings/schema.js';
import type { FixRun } from '../../src/shared/ipc.js';
import { repoRoot } from '../e2e/harness.js';
import { codeOf, exchangeCode, openSession } from '../helpers/web-session.js';
import { memorySettings } from '../e2e/memory-settings.js';
import { createWorld, type World } from '../e2e/world.js';

const CANARY_KEY = 'sk-ant-api03-CANARY-web-host-key-0123456789abcdef';

interface Reply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

function send(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Fix channels that only say what they were asked; enough to prove the host forwards valid calls. */
const echoFixes: FixChannels = {
  'fix:start': async (fixId): Promise<FixRun> => ({
    runId: 'echo-1',
    fixId,
    title: `echo ${fixId}`,
    steps: [{ kind: 'info', title: 'Info', detail: 'Nothing to run' }],
  }),
  'fix:run-step': async () => {
    throw new Error('not in this test');
  },
  'fix:undo': async (backupId) => ({ ok: false, message: `no backup ${backupId}` }),
};

describe('web host', () => {
  let world: World;
  let host: WebHost;
  let bundleDir: string;
  let token: string;
  const replies: Reply[] = [];
  const redactions: string[] = [];

  async function call(options: Parameters<typeof send>[1]): Promise<Reply> {
    const reply = await send(host.port, options);
    replies.push(reply);
    return reply;
  }

  function api(channel: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    return call({
      method: 'POST',
      path: `/api/${channel}`,
      headers: {
        host: `127.0.0.1:${host.port}`,
        origin: host.origin,
        'content-type': 'application/json',
        'x-doctor-token': token,
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  before(async () => {
    world = await createWorld({ login: 'expired-no-refresh', env: { ANTHROPIC_API_KEY: CANARY_KEY } });
    bundleDir = await mkdtemp(join(tmpdir(), 'doctor-web-bundle-'));
    await writeFile(join(bundleDir, 'index.html'), '<!doctype html><title>wizard</title>');
    await writeFile(join(bundleDir, 'renderer.js'), 'export {};');
    await writeFile(join(bundleDir, 'styles.css'), 'body{}');
    const service = createDoctorService({ probeEnv: world.probeEnv, version: '0.0.0-test', timeoutMs: 4000, fixes: () => echoFixes });
    host = await startWebHost({ service, bundleDir, onRedaction: (channel) => redactions.push(channel) });
    token = await openSession(host);
  });

  after(async () => {
    await host.close();
    await world.close();
    await rm(bundleDir, { recursive: true, force: true });
  });

  test('listens on 127.0.0.1; the link carries a one-time code (192 bits), never a long-lived token', () => {
    assert.match(host.url, /^http:\/\/127\.0\.0\.1:\d+\/\?code=[A-Za-z0-9_-]{32}$/);
    assert.ok(host.url.startsWith(`${host.origin}/?code=`));
    assert.notEqual(host.newLink(), host.newLink(), 'every link has its own code');
    assert.ok(!host.url.includes(token), 'the session token is in no link');
  });

  test('the page holds no secret: served to any local request with the right Host, with the security headers and no cookie', async () => {
    const reply = await call({ path: '/' });
    assert.equal(reply.status, 200);
    assert.match(reply.body, /<title>wizard<\/title>/);
    assert.equal(reply.headers['content-security-policy'], WIZARD_CSP);
    assert.match(WIZARD_CSP, /default-src 'none'; script-src 'self'; style-src 'self'.*frame-ancestors 'none'/);
    assert.equal(reply.headers['x-content-type-options'], 'nosniff');
    assert.equal(reply.headers['referrer-policy'], 'no-referrer');
    assert.equal(reply.headers['cache-control'], 'no-store');
    assert.equal(reply.headers['x-frame-options'], 'DENY');
    assert.equal(reply.headers['set-cookie'], undefined, 'no cookie: browsers send 127.0.0.1 cookies to every port');
    assert.equal((await call({ path: `/?code=${codeOf(host.newLink())}` })).headers['set-cookie'], undefined);
    const script = await call({ path: '/renderer.js' });
    assert.equal(script.status, 200);
    assert.match(String(script.headers['content-type']), /^text\/javascript/);
    assert.equal((await call({ path: '/../index.html' })).status, 200, 'dot segments are normalised to the page itself');
    assert.equal((await call({ path: '/package.json' })).status, 404);
    assert.equal((await call({ path: '/renderer.js.map' })).status, 404);
  });

  test("a link's code opens one session, once; wrong, missing, cross-origin or expired codes open nothing", async () => {
    const code = codeOf(host.newLink());
    const first = await exchangeCode(host.port, code);
    assert.equal(first.status, 200);
    assert.match(first.token ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal(first.body.includes(code), false);
    const again = await exchangeCode(host.port, code);
    assert.equal(again.status, 403, 'a used code is dead');
    assert.match(JSON.parse(again.body).error, /already used or has expired/);
    assert.equal((await exchangeCode(host.port, `${codeOf(host.newLink())}x`)).status, 403);
    assert.equal((await exchangeCode(host.port, '')).status, 401);
    const fresh = codeOf(host.newLink());
    assert.equal((await exchangeCode(host.port, fresh, { origin: `http://127.0.0.1:${host.port + 1}` })).status, 403);
    assert.equal((await exchangeCode(host.port, fresh, { host: 'evil.example' })).status, 403);
    assert.equal((await exchangeCode(host.port, fresh)).status, 200, 'refused attempts did not burn the code');
    // The session works for the API; the code itself is not a session token.
    assert.equal((await api('report:get', [], { 'x-doctor-token': first.token ?? '' })).status, 200);
    assert.equal((await api('report:get', [], { 'x-doctor-token': code })).status, 403);
  });

  test('a foreign Host header is refused even with a valid session (DNS rebinding)', async () => {
    for (const name of ['evil.example', `evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, `[::1]:${host.port}`]) {
      const page = await call({ path: '/', headers: { host: name } });
      assert.equal(page.status, 403, name);
      assert.equal((await api('report:get', [], { host: name })).status, 403, name);
    }
    assert.equal((await api('report:get', [], { host: `localhost:${host.port}`, origin: `http://localhost:${host.port}` })).status, 200);
  });

  test('a malformed %-escape in the channel is a 400 naming the problem, not a 500', async () => {
    const reply = await api('report%ZZget', []);
    assert.equal(reply.status, 400);
    assert.match(JSON.parse(reply.body).error, /percent-encoding/);
  });

  test('API calls need the session header (a cookie is not enough)', async () => {
    const cookie = `doctor_token_${host.port}=${token}`;
    const noHeader = await call({
      method: 'POST',
      path: '/api/report:get',
      headers: { origin: host.origin, 'content-type': 'application/json', cookie },
      body: '[]',
    });
    assert.equal(noHeader.status, 401);
    assert.equal((await api('report:get', [], { 'x-doctor-token': 'wrong' })).status, 403);
  });

  test('cross-origin and origin-less POSTs are refused', async () => {
    assert.equal((await api('report:run-check', [], { origin: 'http://evil.example' })).status, 403);
    assert.equal((await api('report:run-check', [], { origin: `http://127.0.0.1:${host.port + 1}` })).status, 403);
    assert.equal((await api('report:run-check', [], { origin: 'null' })).status, 403);
    const noOrigin = await call({
      method: 'POST',
      path: '/api/report:run-check',
      headers: { 'content-type': 'application/json', 'x-doctor-token': token },
      body: '[]',
    });
    assert.equal(noOrigin.status, 403);
  });

  test('unknown channels and bad payloads are 400; oversized bodies 413; wrong verbs and types refused', async () => {
    const bad: [string, string | unknown][] = [
      ['report:delete', []],
      ['link:open', ['https://status.claude.com']],
      ['__proto__', []],
      ['fix:start', ['rm-rf']],
      ['fix:start', []],
      ['fix:start', ['reauthenticate', 'extra']],
      ['fix:run-step', ['../etc', 0]],
      ['fix:run-step', ['s1', -1]],
      ['fix:run-step', ['s1', 1.5]],
      ['fix:undo', ['../../home']],
      ['fix:undo', ['..']],
      ['explain:text', [42]],
      ['explain:text', ['x'.repeat(16_001)]],
      ['report:get', ['unexpected']],
      ['report:get', { not: 'an array' }],
      ['report:get', '{not json'],
    ];
    for (const [channel, body] of bad) {
      const reply = await api(channel, body);
      assert.equal(reply.status, 400, `${channel} ${JSON.stringify(body).slice(0, 40)}`);
      assert.match(JSON.parse(reply.body).error, /./);
    }
    const huge = await api('explain:text', JSON.stringify(['x'.repeat(MAX_BODY_BYTES + 10)]));
    assert.equal(huge.status, 413);
    assert.equal(
      (await call({ method: 'GET', path: '/api/report:get', headers: { 'x-doctor-token': token, origin: host.origin } })).status,
      405,
    );
    assert.equal((await api('report:get', '[]', { 'content-type': 'text/plain' })).status, 415);
    assert.equal((await call({ method: 'POST', path: '/' })).status, 405);
  });

  test('good requests reach the engine: a real report, explain, fix start, history', async () => {
    const first = await api('report:get', []);
    assert.equal(first.status, 200);
    const check = await api('report:run-check', []);
    assert.equal(check.status, 200);
    const report = JSON.parse(check.body);
    assert.equal(report.schemaVersion, 1);
    const status = (id: string): string | undefined => report.checks.find((c: { id: string }) => c.id === id)?.status;
    assert.equal(status('auth.method'), 'warn', 'an API key in the environment overrides the login');
    assert.equal(status('auth.token'), 'fail', 'the loopback API refuses the key');
    assert.equal(report.overall, 'fail');
    assert.deepEqual(JSON.parse((await api('report:get', [])).body), report);

    const explained = JSON.parse((await api('explain:text', ['OAuth token has expired. Please obtain a new token.'])).body);
    assert.ok(explained.matches.length > 0);
    assert.ok(explained.matches[0].fixes.includes('reauthenticate'));

    const session = JSON.parse((await api('fix:start', ['reauthenticate'])).body);
    assert.equal(session.fixId, 'reauthenticate');
    assert.equal((await api('fix:undo', ['20250101-000000-reauthenticate-00ab'])).status, 200);
    const failing = await api('fix:run-step', ['echo-1', 0]);
    assert.equal(failing.status, 500);
    assert.match(JSON.parse(failing.body).error, /not in this test/);

    const history = JSON.parse((await api('history:get', [])).body);
    assert.ok(Array.isArray(history) && history.length >= 1);
    assert.equal(history.at(-1).overall, 'fail');
  });

  test('no response carries a secret: canaries from the credentials file and the environment never appear', async () => {
    await api('report:run-check', []);
    await api('explain:text', [`Invalid API key · Fix external API key ${CANARY_KEY}`]);
    assert.ok(replies.length > 20);
    for (const reply of replies) {
      assert.doesNotMatch(reply.body, /CANARY|FAKE-unrelated/);
      assert.doesNotMatch(JSON.stringify(reply.headers), /CANARY|FAKE-unrelated/);
    }
    assert.deepEqual(redactions, [], 'the engine handed out nothing token-shaped');
  });
  test('without a settings provider the settings channels answer 404 (the page then shows no Preferences)', async () => {
    for (const [channel, body] of [
      ['settings:get', []],
      ['settings:set', [{ theme: 'dark' }]],
    ] as const) {
      const reply = await api(channel, body);
      assert.equal(reply.status, 404, channel);
      assert.match(JSON.parse(reply.body).error, /keeps no settings/);
    }
    assert.equal((await api('settings:get', [], { 'x-doctor-token': 'wrong' })).status, 403, 'the session is checked first');
  });
});

describe('web host with a settings provider', () => {
  let host: WebHost;
  let bundleDir: string;
  let token: string;
  const settings = memorySettings();

  const api = (channel: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> =>
    send(host.port, {
      method: 'POST',
      path: `/api/${channel}`,
      headers: { origin: host.origin, 'content-type': 'application/json', 'x-doctor-token': token, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  before(async () => {
    bundleDir = await mkdtemp(join(tmpdir(), 'doctor-web-bundle-'));
    for (const file of ['index.html', 'renderer.js', 'styles.css']) await writeFile(join(bundleDir, file), '');
    // No engine channel is called here: the settings channels never reach the service.
    const service = {} as Parameters<typeof startWebHost>[0]['service'];
    host = await startWebHost({ service, bundleDir, settings });
    token = await openSession(host);
  });

  after(async () => {
    await host.close();
    await rm(bundleDir, { recursive: true, force: true });
  });

  test('settings:get answers the provider’s settings', async () => {
    const reply = await api('settings:get', []);
    assert.equal(reply.status, 200);
    assert.deepEqual(JSON.parse(reply.body), DEFAULT_SETTINGS);
  });

  test('settings:set hands a valid patch to the provider and answers the settings now in force', async () => {
    const reply = await api('settings:set', [{ notifications: { incidents: true }, checkIntervalMinutes: 30 }]);
    assert.equal(reply.status, 200);
    const expected = {
      ...DEFAULT_SETTINGS,
      checkIntervalMinutes: 30,
      notifications: { ...DEFAULT_SETTINGS.notifications, incidents: true },
    };
    assert.deepEqual(JSON.parse(reply.body), expected);
    assert.deepEqual(settings.patches.at(-1), { notifications: { incidents: true }, checkIntervalMinutes: 30 });
    assert.deepEqual(JSON.parse((await api('settings:get', [])).body), expected);
  });

  test('patches the schema refuses are 400 with the reason, and never reach the provider', async () => {
    const before = settings.patches.length;
    const bad: [unknown, RegExp][] = [
      [[{ checkIntervalMinutes: 0 }], /checkIntervalMinutes must be a whole number from 1 to 1440, not 0/],
      [[{ checkIntervalMinutes: 2.5 }], /whole number/],
      [[{ statusPolling: { intervalMinutes: 61 } }], /statusPolling\.intervalMinutes must be a whole number from 1 to 60/],
      [[{ theme: 'blue' }], /theme must be one of "system", "light", "dark"/],
      [[{ notifications: { incidents: 'yes' } }], /notifications\.incidents must be true or false/],
      [[{ notifications: { sound: true } }], /"notifications\.sound" is not a setting/],
      [[{ autoUpdate: true }], /"autoUpdate" is not a setting/],
      [[JSON.parse('{"__proto__": {"theme": "dark"}}')], /"__proto__" is not a setting/],
      [[null], /must be an object of settings/],
      [[[{ theme: 'dark' }]], /must be an object of settings/],
      [[], /must be an object of settings/],
      [[{ theme: 'dark' }, 'extra'], /takes one settings change/],
    ];
    for (const [body, reason] of bad) {
      const reply = await api('settings:set', body);
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.match(JSON.parse(reply.body).error, reason, JSON.stringify(body));
    }
    assert.equal((await api('settings:get', ['extra'])).status, 400);
    assert.equal(settings.patches.length, before, 'nothing refused reached the provider');
    assert.equal(settings.current().theme, 'system');
  });

  test('a provider that cannot store the change answers 500 with its reason; nothing changes', async () => {
    const was = settings.current();
    settings.failNext('the settings file is read-only');
    const reply = await api('settings:set', [{ launchAtLogin: true }]);
    assert.equal(reply.status, 500);
    assert.match(JSON.parse(reply.body).error, /the settings file is read-only/);
    assert.deepEqual(settings.current(), was);
  });

  test('the settings channels need the token and the page’s origin like every other channel', async () => {
    assert.equal((await api('settings:set', [{ theme: 'dark' }], { 'x-doctor-token': 'wrong' })).status, 403);
    assert.equal((await api('settings:set', [{ theme: 'dark' }], { origin: 'http://evil.example' })).status, 403);
    assert.equal(settings.current().theme, 'system');
  });
});

describe('web host boundary guard', () => {
  test('a token-shaped value from a buggy engine is scrubbed and reported, never sent', async () => {
    const bundleDir = await mkdtemp(join(tmpdir(), 'doctor-web-bundle-'));
    for (const file of ['index.html', 'renderer.js', 'styles.css']) await writeFile(join(bundleDir, file), '');
    const leak = 'sk-ant-oat01-CANARY-leaked-by-a-bug-0123456789';
    const leaky = {
      'explain:text': async () => ({ matches: [{ id: 'x', title: `token ${leak}`, meaning: 'm', severity: 'low' as const, fixes: [] }] }),
    } as unknown as Parameters<typeof startWebHost>[0]['service'];
    const seen: string[] = [];
    const host = await startWebHost({ service: leaky, bundleDir, onRedaction: (channel) => seen.push(channel) });
    try {
      const token = await openSession(host);
      const reply = await send(host.port, {
        method: 'POST',
        path: '/api/explain:text',
        headers: { origin: host.origin, 'content-type': 'application/json', 'x-doctor-token': token },
        body: JSON.stringify(['anything']),
      });
      assert.equal(reply.status, 200);
      assert.doesNotMatch(reply.body, /CANARY/);
      assert.match(JSON.parse(reply.body).matches[0].title, /^token \[redacted fp:[0-9a-f]{8}\]$/);
      assert.deepEqual(seen, ['explain:text']);
    } finally {
      await host.close();
      await rm(bundleDir, { recursive: true, force: true });
    }
  });

  test('refuses to start without the built page', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'doctor-web-empty-'));
    try {
      await assert.rejects(
        startWebHost({ service: {} as Parameters<typeof startWebHost>[0]['service'], bundleDir: empty }),
        /npm run build/,
      );
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('claude-auth-doctor wizard --web', () => {
  const root = repoRoot();
  const built = fileURLToPath(import.meta.url).includes(`${join('dist', 'test')}`);
  const bundleMissing = existsSync(join(root, 'dist', 'bundle', 'index.html')) ? false : 'dist/bundle is not built (npm run build)';

  test(
    'prints a one-time link and the SSH tunnel hint, serves the page, opens one session per link, stops on SIGINT',
    { skip: bundleMissing, timeout: 30_000 },
    async () => {
      const world = await createWorld({ login: 'fresh' });
      try {
        const [file, args] = built
          ? [process.execPath, [join(root, 'dist', 'src', 'cli', 'main.js')]]
          : [process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts')]];
        const child = spawn(file, [...args, 'wizard', '--web', '--no-open', '--offline'], {
          cwd: root,
          env: { ...world.env, NO_COLOR: '1' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        const url = await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 20_000);
          child.stdout.on('data', () => {
            const found = /http:\/\/127\.0\.0\.1:(\d+)\/\?code=[A-Za-z0-9_-]{32}/.exec(out);
            if (found) {
              clearTimeout(timer);
              resolve(found[0]);
            }
          });
          child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
        });
        const port = Number(new URL(url).port);
        assert.match(out, new RegExp(`ssh -L ${port}:127\\.0\\.0\\.1:${port}`));
        const page = await send(port, { path: new URL(url).pathname + new URL(url).search });
        assert.equal(page.status, 200);
        assert.match(page.body, /renderer\.js/);
        assert.equal((await exchangeCode(port, codeOf(url))).status, 200);
        assert.equal((await exchangeCode(port, codeOf(url))).status, 403, 'the printed link opens the wizard once');
        const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
        child.kill('SIGINT');
        assert.equal(await exited, 0);
      } finally {
        await world.close();
      }
    },
  );
});
