import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHttpClient } from '../../../src/core/io/http.js';
import type { HttpResult } from '../../../src/core/io/ports.js';
import { makePki, type Pki } from '../../helpers/pki.js';
import {
  closedPort,
  startBlackhole,
  startConnectProxy,
  startHttpServer,
  startHttpsServer,
  type RunningServer,
} from '../../helpers/servers.js';

const MB = 1024 * 1024;

function failure(result: HttpResult): Extract<HttpResult, { kind: 'failure' }> {
  assert.equal(result.kind, 'failure', `expected a failure, got ${JSON.stringify(result).slice(0, 200)}`);
  return result as Extract<HttpResult, { kind: 'failure' }>;
}

function response(result: HttpResult): Extract<HttpResult, { kind: 'response' }> {
  assert.equal(result.kind, 'response', `expected a response, got ${JSON.stringify(result).slice(0, 300)}`);
  return result as Extract<HttpResult, { kind: 'response' }>;
}

describe('createHttpClient', () => {
  let pki: Pki;
  let server: RunningServer;
  const servers: { close(): Promise<void> }[] = [];

  before(async () => {
    pki = makePki();
    server = await startHttpsServer({
      pki,
      handler: (req, res) => {
        if (req.url === '/ok') {
          res.writeHead(200, { 'content-type': 'application/json', 'x-multi': ['a', 'b'] });
          res.end('{"hello":"world"}');
        } else if (req.url === '/fail') {
          res.writeHead(503, { 'content-type': 'text/plain' });
          res.end('overloaded');
        } else if (req.url === '/big') {
          res.writeHead(200, { 'content-type': 'application/octet-stream' });
          const chunk = Buffer.alloc(64 * 1024, 'x');
          let sent = 0;
          const pump = (): void => {
            while (sent < 10 * MB) {
              sent += chunk.length;
              if (!res.write(chunk)) return void res.once('drain', pump);
            }
            res.end();
          };
          pump();
        } else if (req.url === '/big-declared') {
          res.writeHead(200, { 'content-length': String(10 * MB) });
          res.write('x');
        } else if (req.url === '/cut') {
          res.writeHead(200, { 'content-length': '1000' });
          res.write('partial');
          setTimeout(() => res.socket?.destroy(), 20);
        } else if (req.url === '/headers') {
          res.writeHead(200);
          res.end(JSON.stringify(req.headers));
        } else if (req.url === '/silent') {
          // never answers: a slow-loris server
        } else {
          res.writeHead(404);
          res.end('not here');
        }
      },
    });
    servers.push(server);
  });

  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  const trusted = () => createHttpClient({ ca: [pki.caPem] });

  test('returns status, headers and body of a 200', async () => {
    const result = response(await trusted().request({ url: `${server.url}/ok`, timeoutMs: 3000, maxBytes: MB }));
    assert.equal(result.status, 200);
    assert.equal(result.body, '{"hello":"world"}');
    assert.equal(result.headers['content-type'], 'application/json');
    assert.equal(result.headers['x-multi'], 'a, b');
  });

  test('4xx and 5xx are responses, with their bodies', async () => {
    const missing = response(await trusted().request({ url: `${server.url}/nope`, timeoutMs: 3000, maxBytes: MB }));
    assert.equal(missing.status, 404);
    assert.equal(missing.body, 'not here');
    const down = response(await trusted().request({ url: `${server.url}/fail`, timeoutMs: 3000, maxBytes: MB }));
    assert.equal(down.status, 503);
    assert.equal(down.body, 'overloaded');
  });

  test('sends the request headers', async () => {
    const result = response(
      await trusted().request({
        url: `${server.url}/headers`,
        headers: { 'anthropic-beta': 'oauth-2025-04-20' },
        timeoutMs: 3000,
        maxBytes: MB,
      }),
    );
    assert.equal(JSON.parse(result.body)['anthropic-beta'], 'oauth-2025-04-20');
  });

  test('a streamed 10 MB body against a 1 MB cap ends as too-large', async () => {
    const result = failure(await trusted().request({ url: `${server.url}/big`, timeoutMs: 5000, maxBytes: MB }));
    assert.equal(result.failure, 'too-large');
  });

  test('a declared 10 MB body is refused before reading it', async () => {
    const result = failure(await trusted().request({ url: `${server.url}/big-declared`, timeoutMs: 3000, maxBytes: MB }));
    assert.equal(result.failure, 'too-large');
    assert.ok(result.elapsedMs < 2000);
  });

  test('a server closing mid-body is a reset', async () => {
    const result = failure(await trusted().request({ url: `${server.url}/cut`, timeoutMs: 3000, maxBytes: MB }));
    assert.equal(result.failure, 'reset', result.message);
  });

  test('a server that never sends headers times out within the budget', async () => {
    const result = failure(await trusted().request({ url: `${server.url}/silent`, timeoutMs: 600, maxBytes: MB }));
    assert.equal(result.failure, 'timeout');
    assert.ok(result.elapsedMs >= 550 && result.elapsedMs < 1500, `elapsed ${result.elapsedMs}`);
  });

  test('a blackhole (TCP accepted, TLS never answered) times out', async () => {
    const hole = await startBlackhole();
    servers.push(hole);
    const result = failure(await trusted().request({ url: `https://127.0.0.1:${hole.port}/`, timeoutMs: 500, maxBytes: MB }));
    assert.equal(result.failure, 'timeout');
    assert.ok(result.elapsedMs < 1500, `elapsed ${result.elapsedMs}`);
  });

  test('a closed port is refused', async () => {
    const port = await closedPort();
    const result = failure(await trusted().request({ url: `https://127.0.0.1:${port}/`, timeoutMs: 2000, maxBytes: MB }));
    assert.equal(result.failure, 'refused');
    assert.equal(result.code, 'ECONNREFUSED');
  });

  test('without the test CA the server is untrusted, through the real TLS stack', async () => {
    const result = failure(await createHttpClient().request({ url: `${server.url}/ok`, timeoutMs: 3000, maxBytes: MB }));
    assert.equal(result.failure, 'tls-untrusted');
    assert.match(result.code, /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED/);
  });

  test('a certificate from an untrusted corporate CA is tls-untrusted even with the test CA trusted', async () => {
    const rogue = await startHttpsServer({ pki, rogue: true });
    servers.push(rogue);
    const result = failure(await trusted().request({ url: `${rogue.url}/`, timeoutMs: 3000, maxBytes: MB }));
    assert.equal(result.failure, 'tls-untrusted');
  });

  test('an expired certificate is tls-expired; a wrong host name is tls-hostname', async () => {
    const expired = await startHttpsServer({ pki, cert: 'expired' });
    const wrong = await startHttpsServer({ pki, cert: 'wrong-host' });
    servers.push(expired, wrong);
    assert.equal(failure(await trusted().request({ url: expired.url, timeoutMs: 3000, maxBytes: MB })).failure, 'tls-expired');
    assert.equal(failure(await trusted().request({ url: wrong.url, timeoutMs: 3000, maxBytes: MB })).failure, 'tls-hostname');
  });

  test('goes through a CONNECT proxy and the tunnel is counted', async () => {
    const proxy = await startConnectProxy();
    servers.push(proxy);
    const result = response(await trusted().request({ url: `${server.url}/ok`, timeoutMs: 3000, maxBytes: MB, proxy: proxy.url }));
    assert.equal(result.status, 200);
    assert.equal(proxy.tunnels(), 1);
    assert.deepEqual(proxy.targets, [`127.0.0.1:${server.port}`]);
  });

  test('proxy credentials go in Proxy-Authorization and never into the message', async () => {
    const proxy = await startConnectProxy({ deny: true });
    servers.push(proxy);
    const url = `http://alice:s3cret-CANARY@127.0.0.1:${proxy.port}`;
    const result = failure(await trusted().request({ url: `${server.url}/ok`, timeoutMs: 3000, maxBytes: MB, proxy: url }));
    assert.equal(result.failure, 'proxy');
    assert.equal(result.code, 'PROXY_407');
    assert.equal(proxy.authorizations[0], `Basic ${Buffer.from('alice:s3cret-CANARY').toString('base64')}`);
    assert.doesNotMatch(JSON.stringify(result), /CANARY/);
  });

  test('a proxy that is not listening is a proxy failure', async () => {
    const port = await closedPort();
    const result = failure(
      await trusted().request({ url: `${server.url}/ok`, timeoutMs: 2000, maxBytes: MB, proxy: `http://u:CANARY@127.0.0.1:${port}` }),
    );
    assert.equal(result.failure, 'proxy');
    assert.equal(result.code, 'ECONNREFUSED');
    assert.doesNotMatch(JSON.stringify(result), /CANARY/);
  });

  test('plain HTTP works and a malformed URL is a failure, not a throw', async () => {
    const plain = await startHttpServer();
    servers.push(plain);
    assert.equal(response(await createHttpClient().request({ url: plain.url, timeoutMs: 2000, maxBytes: MB })).body, 'ok');
    assert.equal(failure(await createHttpClient().request({ url: 'not a url', timeoutMs: 2000, maxBytes: MB })).failure, 'other');
  });
});
