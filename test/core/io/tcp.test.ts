import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTcpProber } from '../../../src/core/io/tcp.js';
import { closedPort, startBlackhole, startHttpServer } from '../../helpers/servers.js';

test('tcp: connects to a listening port and closes it', async () => {
  const server = await startHttpServer();
  try {
    const result = await createTcpProber().connect('127.0.0.1', server.port, 2000);
    assert.equal(result.kind, 'ok');
    assert.equal(server.connections(), 1);
  } finally {
    await server.close();
  }
});

test('tcp: a blackhole still accepts the connection (TCP only)', async () => {
  const hole = await startBlackhole();
  try {
    assert.equal((await createTcpProber().connect('127.0.0.1', hole.port, 2000)).kind, 'ok');
  } finally {
    await hole.close();
  }
});

test('tcp: a closed port is refused', async () => {
  const result = await createTcpProber().connect('127.0.0.1', await closedPort(), 2000);
  assert.deepEqual({ ...result, elapsedMs: 0 }, { kind: 'failure', failure: 'refused', code: 'ECONNREFUSED', elapsedMs: 0 });
});

test('tcp: an invalid port is a failure, not a throw', async () => {
  const result = await createTcpProber().connect('127.0.0.1', 70000, 300);
  assert.equal(result.kind, 'failure');
});
