import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckOutcome, Probe } from '../../../src/core/probes/probe.js';
import { createProbeEnv } from '../../../src/core/probes/probe-env.js';
import { fakeClock } from '../../../src/core/io/time.js';
import { createDoctorService, type FixChannels, type FixTools } from '../../../src/core/doctor/doctor-service.js';
import type { HistoryPoint } from '../../../src/shared/ipc.js';
import { MAX_EXPLAIN_CHARS } from '../../../src/shared/ipc-validate.js';
import type { HealthReport, Status } from '../../../src/shared/report.js';

const HOUR = 3600_000;
const home = mkdtempSync(join(tmpdir(), 'doctor-service-'));
after(() => rmSync(home, { recursive: true, force: true }));

/** Probes whose outcome the test sets; counts runs so overlap is visible. */
function world(start = Date.parse('2025-11-20T12:00:00Z')) {
  const clock = fakeClock(start);
  const state: { token: Status; status: Status; runs: number; gate: Promise<void> | null } = {
    token: 'fail',
    status: 'ok',
    runs: 0,
    gate: null,
  };
  const probe = (id: Probe['id'], outcome: () => CheckOutcome): Probe => ({
    id,
    title: id,
    touches: 'nothing (a test probe)',
    offline: 'run',
    run: async () => {
      if (id === 'auth.token') {
        state.runs += 1;
        await state.gate;
      }
      return outcome();
    },
  });
  const probes = [
    probe('auth.token', () => ({
      status: state.token,
      summary: `token ${state.token}`,
      fixes: state.token === 'ok' ? [] : ['reauthenticate'],
    })),
    probe('service.status', () => ({
      status: state.status,
      summary: state.status === 'ok' ? 'All systems operational' : 'Claude outage: Elevated errors',
      fixes: state.status === 'ok' ? [] : ['wait-for-service'],
    })),
  ];
  const probeEnv = { ...createProbeEnv({ HOME: home, PATH: '/usr/bin:/bin' }, 'linux'), clock };
  return { clock, state, probes, probeEnv };
}

const noFixes: FixChannels = {
  'fix:start': async () => {
    throw new Error('unused');
  },
  'fix:run-step': async () => {
    throw new Error('unused');
  },
  'fix:undo': async () => ({ ok: false, message: 'unused' }),
};

describe('createDoctorService', () => {
  test('no report until the first check; concurrent checks share one run; report:get returns the latest', async () => {
    const w = world();
    const service = createDoctorService({ probeEnv: w.probeEnv, version: '1.0.0', probes: w.probes, fixes: () => noFixes });
    assert.equal(await service['report:get'](), null);
    let open!: () => void;
    w.state.gate = new Promise((resolve) => (open = resolve));
    const first = service['report:run-check']();
    const second = service['report:run-check']();
    open();
    const [a, b] = await Promise.all([first, second]);
    assert.equal(w.state.runs, 1, 'the checks never overlap');
    assert.equal(a, b);
    assert.equal(a.overall, 'fail');
    assert.deepEqual(a.plan, ['reauthenticate']);
    assert.equal(await service['report:get'](), a);
    w.state.gate = null;
    await service['report:run-check']();
    assert.equal(w.state.runs, 2, 'a later request runs again');
  });

  test("explain:text says when the doctor already found the pasted error's cause here, and leads with that match", async () => {
    const w = world();
    const service = createDoctorService({ probeEnv: w.probeEnv, version: '1.0.0', probes: w.probes, fixes: () => noFixes });
    const pasted = 'OAuth token has expired. Please obtain a new token or refresh your existing token.';
    const before = await service['explain:text'](pasted);
    assert.ok(before.matches.length > 0);
    assert.ok(
      before.matches.every((m) => m.found === null),
      'no report yet: nothing found here',
    );

    w.state.token = 'fail';
    const report = await service['report:run-check']();
    const cause = report.findings?.find((f) => f.suppressedBy === null && f.fixes.includes('reauthenticate'));
    assert.ok(cause, 'the token check calls for a sign-in');
    const found = await service['explain:text'](pasted);
    assert.deepEqual(found.matches[0]?.found, { title: cause.title, detail: cause.detail, severity: 'fail', fixId: 'reauthenticate' });

    w.state.token = 'ok';
    await service['report:run-check']();
    const fixed = await service['explain:text'](pasted);
    assert.ok(
      fixed.matches.every((m) => m.found === null),
      'once it passes, nothing here matches',
    );
  });

  test('report:progress: a check that finished shows while another still runs; null once the run is over', async () => {
    const w = world();
    w.state.status = 'ok';
    w.state.token = 'ok';
    let open: () => void = () => undefined;
    w.state.gate = new Promise((resolve) => (open = resolve));
    const service = createDoctorService({ probeEnv: w.probeEnv, version: '1.0.0', probes: w.probes, fixes: () => noFixes });
    assert.equal(await service['report:progress'](), null, 'nothing runs yet');
    const running = service['report:run-check']();
    // auth.token waits at the gate; service.status settles at once.
    await new Promise((resolve) => setImmediate(resolve));
    const progress = await service['report:progress']();
    assert.ok(progress, 'a run is in flight');
    assert.equal(progress.startedAt, '2025-11-20T12:00:00.000Z');
    assert.deepEqual(
      progress.checks.map((c) => [c.id, c.status, c.summary]),
      [
        ['auth.token', 'running', ''],
        ['service.status', 'ok', 'All systems operational'],
      ],
    );
    open();
    const report = await running;
    assert.equal(report.checks.length, 2);
    assert.equal(await service['report:progress'](), null, 'the report is the truth once the run is over');
  });

  test('history: the first check is "start", later ones "manual"; an incident is marked when it begins; 24 h window', async () => {
    const w = world();
    const seeded: HistoryPoint[] = [
      { at: new Date(w.clock.now() - 30 * HOUR).toISOString(), overall: 'ok', event: 'start', note: 'too old' },
      { at: new Date(w.clock.now() - 5 * HOUR).toISOString(), overall: 'ok', event: 'wake', note: 'Woke from sleep' },
    ];
    const service = createDoctorService({
      probeEnv: w.probeEnv,
      version: '1.0.0',
      probes: w.probes,
      fixes: () => noFixes,
      history: seeded,
    });
    await service['report:run-check']();
    w.clock.advance(HOUR);
    w.state.status = 'fail';
    await service['report:run-check']();
    w.clock.advance(HOUR);
    await service['report:run-check']();
    const history = await service['history:get']();
    assert.deepEqual(
      history.map((p) => [p.event, p.overall]),
      [
        ['wake', 'ok'],
        ['start', 'fail'],
        ['incident', 'fail'],
        ['manual', 'fail'],
      ],
    );
    assert.equal(history[2]?.note, 'Claude outage: Elevated errors');
    w.clock.advance(20 * HOUR);
    assert.deepEqual(
      (await service['history:get']()).map((p) => p.event),
      ['start', 'incident', 'manual'],
      'the wake point fell out of the 24 h window',
    );
  });

  test('fix steps: the outcome’s report becomes the latest, recorded once as a "fix" event; listeners hear it', async () => {
    const w = world();
    let tools!: FixTools;
    const fixes: FixChannels = {
      'fix:start': async (fixId) => ({
        runId: 's1',
        fixId,
        title: 't',
        steps: [{ kind: 'run', title: 'Run', detail: '', automatable: true, changes: true }],
      }),
      'fix:run-step': async () => {
        w.state.token = 'ok';
        return { ok: true, message: 'done', backupId: '20251120-120000-reauthenticate-0001', report: await tools.recheck() };
      },
      'fix:undo': async (backupId) => ({ ok: true, message: `restored ${backupId}` }),
    };
    const service = createDoctorService({
      probeEnv: w.probeEnv,
      version: '1.0.0',
      probes: w.probes,
      fixes: (t) => {
        tools = t;
        return fixes;
      },
    });
    const heard: HealthReport[] = [];
    const stop = service.onReport((r) => heard.push(r));
    await service['report:run-check']();
    assert.equal((await service['fix:start']('reauthenticate')).runId, 's1');
    const outcome = await service['fix:run-step']('s1', 0);
    assert.equal(outcome.report.overall, 'ok');
    assert.equal(await service['report:get'](), outcome.report);
    assert.deepEqual(
      (await service['history:get']()).map((p) => [p.event, p.overall]),
      [
        ['start', 'fail'],
        ['fix', 'ok'],
      ],
    );
    assert.deepEqual(
      heard.map((r) => r.overall),
      ['fail', 'ok'],
    );
    stop();
    await service['report:run-check']();
    assert.equal(heard.length, 2, 'unsubscribed');
    assert.deepEqual(await service['fix:undo']('20251120-120000-reauthenticate-0001'), {
      ok: true,
      message: 'restored 20251120-120000-reauthenticate-0001',
    });
    assert.deepEqual(
      (await tools.diagnose(['auth.token'])).checks.map((c) => c.id),
      ['auth.token'],
      'a partial diagnosis for verification',
    );
  });

  test('explain answers from the catalogue only: pasted text (and any token in it) never comes back', async () => {
    const w = world();
    const service = createDoctorService({ probeEnv: w.probeEnv, version: '1.0.0', probes: w.probes, fixes: () => noFixes });
    const pasted = 'OAuth token has expired. Please obtain a new token. Bearer sk-ant-oat01-CANARY-explain-0123456789';
    const answer = await service['explain:text'](pasted);
    assert.ok(answer.matches.length > 0);
    assert.ok(answer.matches[0]?.fixes.includes('reauthenticate'));
    assert.doesNotMatch(JSON.stringify(answer), /CANARY|Bearer/);
    const long = await service['explain:text'](`${'x '.repeat(MAX_EXPLAIN_CHARS)} OAuth token has expired`);
    assert.deepEqual(long.matches, [], 'text past the limit is not read');
  });
});
