import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createProbeEnv, extraTrust } from '../../../src/core/probes/probe-env.js';
import { makePki } from '../../helpers/pki.js';
import { startHttpsServer, type RunningServer } from '../../helpers/servers.js';

const servers: RunningServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe("the shell's NODE_EXTRA_CA_CERTS, in an app that started without it", () => {
  test('trusted by the HTTP and TLS clients, as Claude Code started from that shell would trust it', async () => {
    const pki = makePki();
    const server = await startHttpsServer({ pki, handler: (_req, res) => res.end('{}') });
    servers.push(server);
    const url = `https://127.0.0.1:${server.port}/`;
    const request = { method: 'GET' as const, url, headers: {}, timeoutMs: 5000, maxBytes: 1024, proxy: null };
    const bare = createProbeEnv({ HOME: '/nonexistent' }, 'linux');
    const fromShell = createProbeEnv({ HOME: '/nonexistent', NODE_EXTRA_CA_CERTS: pki.caCert }, 'linux');
    const untrusted = await bare.http.request(request);
    assert.equal(untrusted.kind, 'failure');
    assert.equal((await fromShell.http.request(request)).kind, 'response');
    assert.equal((await fromShell.tls.handshake('127.0.0.1', server.port, 5000, null)).kind, 'ok');
  });

  test('nothing added for an unreadable or non-PEM file, or the bundle the process already has', () => {
    assert.deepEqual(extraTrust({ NODE_EXTRA_CA_CERTS: '/nonexistent/ca.pem' }), {});
    assert.deepEqual(extraTrust({ NODE_EXTRA_CA_CERTS: '/etc/hostname' }), {});
    assert.deepEqual(extraTrust({}), {});
    if (process.env['NODE_EXTRA_CA_CERTS']) assert.deepEqual(extraTrust({ NODE_EXTRA_CA_CERTS: process.env['NODE_EXTRA_CA_CERTS'] }), {});
  });
});
