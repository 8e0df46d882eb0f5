import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTlsProber } from '../../../src/core/io/tls.js';
import type { TlsResult } from '../../../src/core/io/ports.js';
import { makePki, ROGUE_CA_CN, ROGUE_CA_O, TEST_CA_NAME, type Pki } from '../../helpers/pki.js';
import { closedPort, startBlackhole, startConnectProxy, startHttpsServer, type RunningServer } from '../../helpers/servers.js';

type Failure = Extract<TlsResult, { kind: 'failure' }>;

function failure(result: TlsResult): Failure {
  assert.equal(result.kind, 'failure', `expected a failure, got ${JSON.stringify(result)}`);
  return result as Failure;
}

describe('createTlsProber', () => {
  let pki: Pki;
  let server: RunningServer;
  let rogue: RunningServer;
  const closers: { close(): Promise<void> }[] = [];

  before(async () => {
    pki = makePki();
    server = await startHttpsServer({ pki });
    rogue = await startHttpsServer({ pki, rogue: true });
    closers.push(server, rogue);
  });
  after(async () => {
    await Promise.all(closers.map((c) => c.close()));
  });

  test('a trusted handshake returns protocol, issuer, subject and expiry', async () => {
    const result = await createTlsProber({ ca: [pki.caPem] }).handshake('127.0.0.1', server.port, 3000, null);
    assert.equal(result.kind, 'ok', JSON.stringify(result));
    if (result.kind !== 'ok') return;
    assert.match(result.protocol, /^TLSv1\.[23]$/);
    assert.match(result.issuer, new RegExp(TEST_CA_NAME));
    assert.equal(result.subject, 'localhost');
    assert.ok(!Number.isNaN(Date.parse(result.validTo)), result.validTo);
  });

  test('verifies the host name by "localhost" too (SNI path)', async () => {
    const result = await createTlsProber({ ca: [pki.caPem] }).handshake('localhost', server.port, 3000, null);
    assert.equal(result.kind, 'ok', JSON.stringify(result));
  });

  test('an intercepting CA is tls-untrusted and names the issuer', async () => {
    const result = failure(await createTlsProber({ ca: [pki.caPem] }).handshake('127.0.0.1', rogue.port, 3000, null));
    assert.equal(result.failure, 'tls-untrusted');
    assert.equal(result.issuer, `${ROGUE_CA_CN} (${ROGUE_CA_O})`);
  });

  test('without extra trust the test CA itself is untrusted (Node default store)', async () => {
    const result = failure(await createTlsProber().handshake('127.0.0.1', server.port, 3000, null));
    assert.equal(result.failure, 'tls-untrusted');
    assert.match(result.issuer ?? '', new RegExp(TEST_CA_NAME));
  });

  test('expired and wrong-host certificates are classified and still name the issuer', async () => {
    const expired = await startHttpsServer({ pki, cert: 'expired' });
    const wrong = await startHttpsServer({ pki, cert: 'wrong-host' });
    closers.push(expired, wrong);
    const prober = createTlsProber({ ca: [pki.caPem] });
    const a = failure(await prober.handshake('127.0.0.1', expired.port, 3000, null));
    assert.equal(a.failure, 'tls-expired');
    assert.equal(a.code, 'CERT_HAS_EXPIRED');
    const b = failure(await prober.handshake('127.0.0.1', wrong.port, 3000, null));
    assert.equal(b.failure, 'tls-hostname');
    assert.match(b.issuer ?? '', new RegExp(TEST_CA_NAME));
  });

  test('a closed port is refused, a blackhole times out within the budget', async () => {
    const prober = createTlsProber({ ca: [pki.caPem] });
    const refused = failure(await prober.handshake('127.0.0.1', await closedPort(), 2000, null));
    assert.equal(refused.failure, 'refused');
    assert.equal(refused.issuer, null);
    const hole = await startBlackhole();
    closers.push(hole);
    const slow = failure(await prober.handshake('127.0.0.1', hole.port, 400, null));
    assert.equal(slow.failure, 'timeout');
    assert.ok(slow.elapsedMs >= 350 && slow.elapsedMs < 1200, `elapsed ${slow.elapsedMs}`);
  });

  test('goes through a CONNECT proxy (tunnel counted) and reads the issuer through it', async () => {
    const proxy = await startConnectProxy();
    closers.push(proxy);
    const prober = createTlsProber({ ca: [pki.caPem] });
    const ok = await prober.handshake('127.0.0.1', server.port, 3000, proxy.url);
    assert.equal(ok.kind, 'ok', JSON.stringify(ok));
    assert.equal(proxy.tunnels(), 1);
    const intercepted = failure(await prober.handshake('127.0.0.1', rogue.port, 3000, proxy.url));
    assert.equal(intercepted.failure, 'tls-untrusted');
    assert.equal(intercepted.issuer, `${ROGUE_CA_CN} (${ROGUE_CA_O})`);
    assert.equal(proxy.tunnels(), 3, 'one tunnel for the verified handshake, one for reading the issuer');
  });

  test('a proxy answering 407 is a proxy failure; a dead proxy too, without leaking credentials', async () => {
    const denying = await startConnectProxy({ deny: true });
    closers.push(denying);
    const prober = createTlsProber({ ca: [pki.caPem] });
    const denied = failure(await prober.handshake('127.0.0.1', server.port, 3000, `http://bob:pw-CANARY@127.0.0.1:${denying.port}`));
    assert.equal(denied.failure, 'proxy');
    assert.equal(denied.code, 'PROXY_407');
    assert.equal(denying.authorizations[0], `Basic ${Buffer.from('bob:pw-CANARY').toString('base64')}`);
    const dead = failure(await prober.handshake('127.0.0.1', server.port, 2000, `http://bob:pw-CANARY@127.0.0.1:${await closedPort()}`));
    assert.equal(dead.failure, 'proxy');
    assert.equal(dead.code, 'ECONNREFUSED');
    assert.doesNotMatch(JSON.stringify([denied, dead]), /CANARY/);
  });

  test('a proxy that accepts but never answers CONNECT times out', async () => {
    const hole = await startBlackhole();
    closers.push(hole);
    const result = failure(await createTlsProber().handshake('127.0.0.1', server.port, 400, hole.url));
    assert.equal(result.failure, 'timeout');
  });
});

describe('trust from NODE_EXTRA_CA_CERTS (child process: Node reads it only at start)', () => {
  test('the production clients (no extra ca) trust the test CA through NODE_EXTRA_CA_CERTS, and only it', async () => {
    const { execFile } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    const { extname } = await import('node:path');
    const ext = extname(fileURLToPath(import.meta.url));
    const script = fileURLToPath(new URL(`../../helpers/trust-child${ext}`, import.meta.url));
    const pki = makePki();
    const server = await startHttpsServer({ pki });
    const rogue = await startHttpsServer({ pki, rogue: true });
    const run = (url: string): Promise<{ http: { kind: string; failure?: string }; tls: TlsResult }> =>
      new Promise((resolve, reject) => {
        const args = ext === '.ts' ? ['--import', 'tsx', script, url] : [script, url];
        execFile(
          process.execPath,
          args,
          { env: { ...process.env, NODE_EXTRA_CA_CERTS: pki.caCert }, timeout: 20_000 },
          (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout))),
        );
      });
    try {
      const trusted = await run(server.url);
      assert.equal(trusted.http.kind, 'response', JSON.stringify(trusted.http));
      assert.equal(trusted.tls.kind, 'ok', JSON.stringify(trusted.tls));
      const intercepted = await run(rogue.url);
      assert.equal(intercepted.http.failure, 'tls-untrusted');
      assert.equal(failure(intercepted.tls).issuer, `${ROGUE_CA_CN} (${ROGUE_CA_O})`);
    } finally {
      await Promise.all([server.close(), rogue.close()]);
    }
  });
});
