import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fakeClock } from '../../../src/core/io/time.js';
import type { ProbeInputOverrides } from '../../helpers/probe-input.js';
import { makeProbeInput } from '../../helpers/probe-input.js';
import { startHttpServer } from '../../helpers/servers.js';
import { runChecks } from '../../../src/core/probes/run-probes.js';
import { serviceStatusProbe } from '../../../src/core/probes/service-status.js';
import { systemClockProbe } from '../../../src/core/probes/system-clock.js';

const MINUTE = 60_000;

/** A status page whose Date header is `offsetMs` away from the real time; counts its requests. */
async function statusPage(date: (now: number) => string | null) {
  let requests = 0;
  const server = await startHttpServer((_req, res) => {
    requests += 1;
    const value = date(Date.now());
    res.sendDate = false;
    res.writeHead(200, { 'content-type': 'application/json', ...(value ? { date: value } : {}) });
    res.end(JSON.stringify({ status: { indicator: 'none', description: 'All Systems Operational' }, components: [], incidents: [] }));
  });
  return { server, requests: () => requests };
}

async function run(offsetMs: number, over: ProbeInputOverrides = {}) {
  const page = await statusPage((now) => new Date(now).toUTCString());
  try {
    const ctx = makeProbeInput({
      env: { CLAUDE_AUTH_DOCTOR_STATUS_URL: page.server.url },
      clock: fakeClock(Date.now() + offsetMs),
      ...over,
    });
    return await systemClockProbe.run(ctx);
  } finally {
    await page.server.close();
  }
}

describe('system.clock', () => {
  test('agreeing clocks: ok, the skew as a typed fact', async () => {
    const outcome = await run(0);
    assert.equal(outcome.status, 'ok');
    assert.ok(Math.abs(outcome.facts?.clock?.skewMs ?? Infinity) < 5000);
  });

  test('10 minutes ahead: warn, fix-clock, and how to turn on network time', async () => {
    const outcome = await run(10 * MINUTE);
    assert.equal(outcome.status, 'warn');
    assert.match(outcome.summary, /^This machine's clock is (9 m|10 m) ahead of Anthropic's$/);
    assert.deepEqual(outcome.fixes, ['fix-clock']);
    assert.match(outcome.cause ?? '', /timedatectl set-ntp true/);
  });

  test('two hours behind: fail (certificates look not yet valid)', async () => {
    const outcome = await run(-2 * 60 * MINUTE);
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.summary, /behind/);
  });

  test('no Date header: unknown, never a guess', async () => {
    const page = await statusPage(() => null);
    try {
      const outcome = await systemClockProbe.run(makeProbeInput({ env: { CLAUDE_AUTH_DOCTOR_STATUS_URL: page.server.url } }));
      assert.equal(outcome.status, 'unknown');
      assert.equal(outcome.facts?.clock?.skewMs, null);
    } finally {
      await page.server.close();
    }
  });

  test('with service.status in the same run, the status page is asked once', async () => {
    const page = await statusPage((now) => new Date(now).toUTCString());
    try {
      const env = makeProbeInput({ env: { CLAUDE_AUTH_DOCTOR_STATUS_URL: page.server.url } });
      const results = await runChecks([serviceStatusProbe, systemClockProbe], env, { offline: false, timeoutMs: 4000 });
      assert.deepEqual(
        results.map((r) => r.id),
        ['service.status', 'system.clock'],
      );
      assert.equal(page.requests(), 1);
    } finally {
      await page.server.close();
    }
  });

  test('offline: skipped by the engine (it needs an answer from the network)', () => {
    assert.equal(systemClockProbe.offline, 'skip');
  });
});
