/**
 * The whole CLI against a misbehaving "Anthropic": `check --json --timeout 2000` as a child
 * process, with ANTHROPIC_BASE_URL, the auth URL and the status URL all pointing at a fault
 * server on 127.0.0.1 (HTTPS, trusted through NODE_EXTRA_CA_CERTS). For every fault: the process
 * ends within the timeout + 1.5 s, prints a valid report with the affected checks classified
 * (unknown with a cause naming what happened; the token never "expired"), exits 0..2 (never 3),
 * writes nothing to stderr, and no canary token reaches either stream.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckResult, HealthReport } from '../../src/shared/report.js';
import { STATUSES } from '../../src/shared/report.js';
import { runCli } from '../helpers/cli.js';
import { makePki } from '../helpers/pki.js';
import { makeWorld, type World } from '../helpers/world.js';
import { assertNoCanary } from './arbitraries.js';
import { FAULTS, startFaultServer, type Fault } from './fault-server.js';

const TIMEOUT_MS = 2000;
const SLACK_MS = 1500;

interface Expected {
  /** auth.token: status and what its cause must say. */
  readonly token: readonly [CheckResult['status'], RegExp | null];
  readonly status: readonly [CheckResult['status'], RegExp];
  /** network.tls: the handshake itself. */
  readonly tls: CheckResult['status'];
}

const TIMED_OUT = /did not answer in time/;
const RESET = /was cut off \(reset/;
/** A stalled handshake ends either at the call's own timeout or, when the machine is slow to start the probe, at its budget: both say why. */
const STALLED = /did not answer in time|took longer than its \d+ ms budget/;

const EXPECTED: Readonly<Record<Fault, Expected>> = {
  'slow-loris': { token: ['unknown', TIMED_OUT], status: ['unknown', TIMED_OUT], tls: 'ok' },
  'half-body-hang': { token: ['unknown', TIMED_OUT], status: ['unknown', TIMED_OUT], tls: 'ok' },
  'half-body-reset': { token: ['unknown', RESET], status: ['unknown', RESET], tls: 'ok' },
  'huge-body': { token: ['unknown', /larger than expected/], status: ['unknown', /sent more than 1 MiB/], tls: 'ok' },
  // A 200 from the profile endpoint accepts the token whatever the body; the status page must be readable.
  'invalid-json': { token: ['ok', null], status: ['unknown', /answered, but the answer is not JSON/], tls: 'ok' },
  'rate-limited': {
    token: ['unknown', /answered HTTP 429 .*neither confirms nor rejects/],
    status: ['unknown', /rate-limiting this machine and asks to wait 120 s/],
    tls: 'ok',
  },
  overloaded: {
    token: ['unknown', /answered HTTP 529 .*neither confirms nor rejects/],
    status: ['unknown', /having trouble \(HTTP 529\)/],
    tls: 'ok',
  },
  'server-error': {
    token: ['unknown', /answered HTTP 500 .*neither confirms nor rejects/],
    status: ['unknown', /having trouble \(HTTP 500\)/],
    tls: 'ok',
  },
  'reset-on-accept': { token: ['unknown', RESET], status: ['unknown', RESET], tls: 'fail' },
  'tls-stall': { token: ['unknown', STALLED], status: ['unknown', STALLED], tls: 'fail' },
};

describe(
  'check --json against a fault server',
  { skip: process.platform === 'win32' ? 'the world uses a /bin/sh stub claude' : false },
  () => {
    for (const fault of FAULTS) {
      test(`${fault}: bounded, classified, never a crash`, async () => {
        const server = await startFaultServer(fault, makePki());
        let world: World | null = null;
        try {
          world = await makeWorld({
            env: {
              ANTHROPIC_BASE_URL: server.url,
              CLAUDE_AUTH_DOCTOR_API_URL: server.url,
              CLAUDE_AUTH_DOCTOR_AUTH_URL: server.url,
              CLAUDE_AUTH_DOCTOR_STATUS_URL: server.url,
              NO_COLOR: '1',
            },
          });
          const run = await runCli(['check', '--json', '--timeout', String(TIMEOUT_MS)], { env: world.env, timeoutMs: 20_000 });
          assert.ok(run.elapsedMs <= TIMEOUT_MS + SLACK_MS, `took ${run.elapsedMs} ms (bound ${TIMEOUT_MS + SLACK_MS})`);
          assert.ok(run.code !== null && run.code >= 0 && run.code <= 2, `exit ${run.code}; stderr: ${run.stderr}`);
          assert.equal(run.stderr, '', 'nothing on stderr');
          assertNoCanary('stdout', run.stdout);
          assertNoCanary('stderr', run.stderr);

          const report = JSON.parse(run.stdout) as HealthReport;
          assert.equal(report.schemaVersion, 1);
          const check = (id: string): CheckResult => {
            const found = report.checks.find((c) => c.id === id);
            assert.ok(found, `${id} is in the report`);
            assert.ok(STATUSES.includes(found.status));
            assert.notEqual(found.evidence['internalError'], true, `${id} threw: ${found.cause}`);
            return found;
          };
          const expected = EXPECTED[fault];
          const token = check('auth.token');
          assert.equal(token.status, expected.token[0], `auth.token: ${token.summary} | ${token.cause}`);
          if (expected.token[1]) assert.match(token.cause ?? '', expected.token[1]);
          assert.doesNotMatch(`${token.summary} ${token.cause ?? ''}`, /expired/i, 'a network fault never makes the token "expired"');
          const status = check('service.status');
          assert.equal(status.status, expected.status[0], `service.status: ${status.summary} | ${status.cause}`);
          assert.match(status.cause ?? '', expected.status[1]);
          assert.equal(check('network.tls').status, expected.tls);
          // The checks that were already right stay right: a faulty endpoint disturbs only its own checks.
          assert.equal(check('auth.credentials').status, 'ok');
          assert.equal(
            report.overall,
            expected.tls === 'fail' ? 'fail' : expected.token[0] === 'ok' && expected.status[0] === 'ok' ? 'ok' : 'unknown',
          );
          assert.equal(run.code, report.overall === 'fail' ? 2 : report.overall === 'ok' ? 0 : 1);
          if (fault !== 'reset-on-accept' && fault !== 'tls-stall') {
            assert.ok(
              server.requests.includes('GET /api/oauth/profile') && server.requests.includes('GET /api/v2/summary.json'),
              server.requests.join(', '),
            );
          } else assert.ok(server.connections() >= 2, 'the checks did connect');
        } finally {
          await server.close();
          await world?.close();
        }
      });
    }
  },
);
