import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { METRICS_SERVER_LIMITS, startMetricsServer, type MetricsServer } from '../../../src/core/metrics/server.js';

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

function ask(
  server: MetricsServer,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: server.address.host,
        port: server.address.port,
        method: options.method ?? 'GET',
        path: options.path ?? '/metrics',
        headers: options.headers,
        agent: false,
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const TEXT = '# HELP x y\n# TYPE x gauge\nx 1\n';

describe('the /metrics listener', () => {
  test('serves GET and HEAD on /metrics and /-/healthy, and nothing else', async () => {
    let scrapes = 0;
    const server = await startMetricsServer({ listen: { host: '127.0.0.1', port: 0 }, exposition: async () => (scrapes++, TEXT) });
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const got = await ask(server);
      assert.deepEqual([got.status, got.body, got.headers['content-type']], [200, TEXT, 'text/plain; version=0.0.4; charset=utf-8']);
      const query = await ask(server, { path: '/metrics?name[]=x' });
      assert.equal(query.body, TEXT);
      const head = await ask(server, { method: 'HEAD' });
      assert.deepEqual([head.status, head.body, head.headers['content-length']], [200, '', String(TEXT.length)]);
      assert.deepEqual(await ask(server, { path: '/-/healthy' }).then((a) => [a.status, a.body]), [200, 'OK\n']);
      const post = await ask(server, { method: 'POST', body: 'x=1' });
      assert.deepEqual([post.status, post.headers['allow']], [405, 'GET, HEAD']);
      assert.equal((await ask(server, { path: '/' })).status, 404);
      assert.equal((await ask(server, { path: '/metrics/../etc' })).status, 404);
      assert.equal((await ask(server, { body: 'abc', headers: { 'content-length': '3' } })).status, 413);
      assert.equal(scrapes, 3, 'only the /metrics GETs and HEAD asked for the text');
    } finally {
      await server.close();
    }
  });

  test('on loopback it refuses a Host header that is not loopback (DNS rebinding)', async () => {
    const server = await startMetricsServer({ listen: { host: '127.0.0.1', port: 0 }, exposition: async () => TEXT });
    try {
      assert.equal((await ask(server, { headers: { host: 'evil.example:80' } })).status, 421);
      for (const host of ['localhost:9999', '127.0.0.1', '[::1]:9464'])
        assert.equal((await ask(server, { headers: { host } })).status, 200, host);
    } finally {
      await server.close();
    }
  });

  test('oversized headers are refused', async () => {
    const server = await startMetricsServer({ listen: { host: '127.0.0.1', port: 0 }, exposition: async () => TEXT });
    try {
      const big = await ask(server, { headers: { 'x-filler': 'a'.repeat(METRICS_SERVER_LIMITS.maxHeaderBytes + 100) } });
      assert.equal(big.status, 431);
    } finally {
      await server.close();
    }
  });

  test(`past ${METRICS_SERVER_LIMITS.maxConnections} open connections a new one is closed; it works again once one goes`, async () => {
    const server = await startMetricsServer({ listen: { host: '127.0.0.1', port: 0 }, exposition: async () => TEXT });
    const open: net.Socket[] = [];
    try {
      for (let i = 0; i < METRICS_SERVER_LIMITS.maxConnections; i++) {
        const socket = net.connect(server.address.port, '127.0.0.1');
        socket.on('error', () => undefined);
        await new Promise((resolve) => socket.once('connect', resolve));
        open.push(socket);
      }
      // The server accepts in order: by the time it sees the next one, the others are counted.
      await assert.rejects(ask(server), /socket hang up|ECONNRESET/);
      open.pop()?.destroy();
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal((await ask(server)).status, 200);
    } finally {
      for (const socket of open) socket.destroy();
      await server.close();
    }
  });

  test('a port in use is an error, not a second listener', async () => {
    const first = await startMetricsServer({ listen: { host: '127.0.0.1', port: 0 }, exposition: async () => TEXT });
    try {
      await assert.rejects(startMetricsServer({ listen: first.address, exposition: async () => TEXT }), /EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});
