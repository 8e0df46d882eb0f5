import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import type http from 'node:http';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CheckOutcome } from '../../../src/core/probes/probe.js';
import { serviceStatusProbe } from '../../../src/core/probes/service-status.js';
import { makeProbeInput } from '../../helpers/probe-input.js';
import { closedPort, startBlackhole, startConnectProxy, startHttpServer, type RunningServer } from '../../helpers/servers.js';

function fixtureText(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return readFileSync(join(dir, 'test', 'fixtures', 'statuspage', name), 'utf8');
}

type Reply = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** One loopback server; each test sets what it answers next and sees the paths asked for. */
let server: RunningServer;
let reply: Reply = (_req, res) => res.end();
const paths: string[] = [];

before(async () => {
  server = await startHttpServer((req, res) => {
    paths.push(req.url ?? '');
    reply(req, res);
  });
});
after(() => server.close());

function json(text: string, headers: Record<string, string> = {}): Reply {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', ...headers });
    res.end(text);
  };
}

function status(code: number, headers: Record<string, string> = {}, body = ''): Reply {
  return (_req, res) => {
    res.writeHead(code, { 'content-type': 'text/html', ...headers });
    res.end(body);
  };
}

async function probe(env: Record<string, string> = {}, timeoutMs = 3000): Promise<CheckOutcome> {
  const ctx = makeProbeInput({ env: { CLAUDE_AUTH_DOCTOR_STATUS_URL: server.url, ...env }, options: { timeoutMs } });
  return serviceStatusProbe.run(ctx);
}

describe('service.status against a loopback Statuspage', () => {
  test('declares itself a network probe', () => {
    assert.equal(serviceStatusProbe.id, 'service.status');
    assert.equal(serviceStatusProbe.offline, 'skip');
  });

  const fixtures = [
    { file: 'operational.json', status: 'ok', summary: /^All Claude systems operational$/, fixes: [] },
    { file: 'minor.json', status: 'warn', summary: /Elevated errors on Claude Code/, fixes: ['wait-for-service'] },
    {
      file: 'major-outage.json',
      status: 'fail',
      summary: /^Claude outage: Elevated errors on claude\.ai and the Claude API$/,
      fixes: ['wait-for-service'],
    },
    { file: 'maintenance.json', status: 'warn', summary: /maintenance/i, fixes: ['wait-for-service'] },
    { file: 'unrelated-outage.json', status: 'ok', summary: /^All Claude systems operational$/, fixes: [] },
  ];
  for (const f of fixtures) {
    test(`${f.file} → ${f.status}`, async () => {
      reply = json(fixtureText(f.file));
      const outcome = await probe();
      assert.equal(outcome.status, f.status, outcome.cause ?? '');
      assert.match(outcome.summary, f.summary);
      assert.deepEqual(outcome.fixes ?? [], f.fixes);
      assert.equal(paths.at(-1), '/api/v2/summary.json');
    });
  }

  test('a major outage carries the incident, its link and the affected components in evidence', async () => {
    reply = json(fixtureText('major-outage.json'));
    const outcome = await probe();
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.cause ?? '', /https:\/\/stspg\.io\/q4n8r1tv/);
    const evidence = outcome.evidence as Record<string, unknown>;
    assert.deepEqual(evidence['incidents'], [
      {
        name: 'Elevated errors on claude.ai and the Claude API',
        status: 'investigating',
        impact: 'critical',
        shortlink: 'https://stspg.io/q4n8r1tv',
        components: ['claude.ai', 'Claude Console', 'Claude API'],
      },
    ]);
    assert.deepEqual(
      (evidence['affected'] as { area: string; status: string }[]).map((a) => `${a.area}=${a.status}`),
      ['claude.ai=major_outage', 'Claude Console=partial_outage', 'Claude API=major_outage'],
    );
    assert.equal(evidence['indicator'], 'critical');
  });

  test('ETag and Last-Modified are kept for a later conditional request', async () => {
    reply = json(fixtureText('operational.json'), { etag: 'W/"abc123"', 'last-modified': 'Thu, 20 Nov 2025 14:05:12 GMT' });
    const evidence = (await probe()).evidence as Record<string, unknown>;
    assert.equal(evidence['etag'], 'W/"abc123"');
    assert.equal(evidence['lastModified'], 'Thu, 20 Nov 2025 14:05:12 GMT');
    assert.equal(evidence['httpStatus'], 200);
  });

  test('a path prefix in the override is kept', async () => {
    reply = json(fixtureText('operational.json'));
    const outcome = await probe({ CLAUDE_AUTH_DOCTOR_STATUS_URL: `${server.url}/mirror/` });
    assert.equal(outcome.status, 'ok');
    assert.equal(paths.at(-1), '/mirror/api/v2/summary.json');
  });

  const bad: { name: string; reply: () => Reply; summary: RegExp; cause: RegExp }[] = [
    {
      name: '503',
      reply: () => status(503, {}, '<html>Service Unavailable</html>'),
      summary: /^Status page answered HTTP 503$/,
      cause: /status page itself is having trouble/,
    },
    { name: '529', reply: () => status(529), summary: /^Status page answered HTTP 529$/, cause: /does not mean Claude is down/ },
    {
      name: '429 with Retry-After',
      reply: () => status(429, { 'retry-after': '30' }),
      summary: /^Status page answered HTTP 429$/,
      cause: /rate-limiting .* wait 30 s/,
    },
    { name: '404', reply: () => status(404), summary: /^Status page answered HTTP 404$/, cause: /CLAUDE_AUTH_DOCTOR_STATUS_URL/ },
    { name: 'malformed JSON', reply: () => json('{"page": {"id": "x"'), summary: /could not be read/, cause: /not JSON/ },
    {
      name: 'HTML instead of JSON',
      reply: () => json('<!doctype html><title>Claude Status</title>'),
      summary: /could not be read/,
      cause: /not JSON/,
    },
    {
      name: 'wrong shape',
      reply: () => json('{"status":{"indicator":"none"},"incidents":[]}'),
      summary: /could not be read/,
      cause: /"components" is missing/,
    },
    {
      name: '5 MB body with Content-Length',
      reply: () => json(`{"pad":"${'x'.repeat(5 * 1024 * 1024)}"}`),
      summary: /larger than 1 MiB/,
      cause: /more than 1 MiB/,
    },
    {
      name: '5 MB body, chunked',
      reply: () => (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = 'x'.repeat(64 * 1024);
        let sent = 0;
        const pump = (): void => {
          while (sent < 80 && res.write(chunk)) sent += 1;
          if (sent >= 80) res.end();
          else
            res.once('drain', () => {
              sent += 1;
              pump();
            });
        };
        res.on('error', () => undefined);
        pump();
      },
      summary: /larger than 1 MiB/,
      cause: /more than 1 MiB/,
    },
    {
      name: 'connection closed mid-body',
      reply: () => (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '20000' });
        res.write(fixtureText('operational.json').slice(0, 500));
        setTimeout(() => res.socket?.destroy(), 20);
      },
      summary: /^Could not reach the status page: connection reset/,
      cause: /Whether Claude itself is up is unknown/,
    },
  ];
  for (const c of bad) {
    test(`${c.name} → unknown`, async () => {
      reply = c.reply();
      const outcome = await probe();
      assert.equal(outcome.status, 'unknown', outcome.summary);
      assert.match(outcome.summary, c.summary);
      assert.match(outcome.cause ?? '', c.cause);
      assert.deepEqual(outcome.fixes ?? [], []);
    });
  }

  test('429 keeps Retry-After in evidence', async () => {
    reply = status(429, { 'retry-after': '30' });
    assert.equal(((await probe()).evidence as Record<string, unknown>)['retryAfter'], '30');
  });
});

describe('service.status when the page cannot be reached', () => {
  test('refused connection → unknown, never fail', async () => {
    const port = await closedPort();
    const outcome = await probe({ CLAUDE_AUTH_DOCTOR_STATUS_URL: `http://127.0.0.1:${port}` });
    assert.equal(outcome.status, 'unknown');
    assert.match(outcome.summary, /^Could not reach the status page: connection refused \(ECONNREFUSED\)$/);
    assert.equal((outcome.evidence as Record<string, unknown>)['failure'], 'refused');
  });

  test('a silent host → unknown within the budget', async () => {
    const hole = await startBlackhole();
    try {
      const started = Date.now();
      const outcome = await probe({ CLAUDE_AUTH_DOCTOR_STATUS_URL: hole.url }, 800);
      assert.equal(outcome.status, 'unknown');
      assert.match(outcome.summary, /^Could not reach the status page: timed out/);
      assert.match(outcome.cause ?? '', /did not answer in time/);
      assert.ok(Date.now() - started < 800, 'request timeout sized under the probe budget');
    } finally {
      await hole.close();
    }
  });

  for (const value of ['not a url', 'ftp://status.example']) {
    test(`malformed override ${JSON.stringify(value)} → unknown naming the variable`, async () => {
      const outcome = await probe({ CLAUDE_AUTH_DOCTOR_STATUS_URL: value });
      assert.equal(outcome.status, 'unknown');
      assert.match(outcome.summary, /^CLAUDE_AUTH_DOCTOR_STATUS_URL is not a usable URL$/);
      assert.match(outcome.cause ?? '', /CLAUDE_AUTH_DOCTOR_STATUS_URL/);
    });
  }

  test('goes through the proxy Claude Code would use', async () => {
    const proxy = await startConnectProxy();
    try {
      reply = json(fixtureText('operational.json'));
      const outcome = await probe({ HTTP_PROXY: `http://user:CANARY-proxy-pass@127.0.0.1:${proxy.port}` });
      assert.equal(outcome.status, 'ok', outcome.cause ?? '');
      assert.deepEqual(proxy.targets, [`127.0.0.1:${server.port}`]);
      assert.doesNotMatch(JSON.stringify(outcome), /CANARY/);
    } finally {
      await proxy.close();
    }
  });
});

describe('service.status conditional polling', () => {
  test('sends the last validators and reads 304 as unchanged', async () => {
    const seen: (string | undefined)[][] = [];
    const etagServer = await startHttpServer((req, res) => {
      seen.push([req.headers['if-none-match'], req.headers['if-modified-since']]);
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', etag: '"v1"', 'last-modified': 'Mon, 23 Nov 2026 10:00:00 GMT' });
      res.end(fixtureText('operational.json'));
    });
    try {
      const env = { CLAUDE_AUTH_DOCTOR_STATUS_URL: etagServer.url };
      const first = await serviceStatusProbe.run(makeProbeInput({ env, options: { timeoutMs: 2000 } }));
      assert.equal(first.status, 'ok');
      assert.equal(first.evidence?.['etag'], '"v1"');
      const validators = { etag: '"v1"', lastModified: 'Mon, 23 Nov 2026 10:00:00 GMT' };
      const second = await serviceStatusProbe.run(makeProbeInput({ env, options: { timeoutMs: 2000, statusValidators: validators } }));
      assert.equal(second.evidence?.['httpStatus'], 304);
      assert.deepEqual(seen, [
        [undefined, undefined],
        ['"v1"', 'Mon, 23 Nov 2026 10:00:00 GMT'],
      ]);
    } finally {
      await etagServer.close();
    }
  });
});
