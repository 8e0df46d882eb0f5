import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendHistory, createHistory, historyPoint } from '../../../src/core/doctor/history.js';
import { mergeReport } from '../../../src/core/diagnosis/merge.js';
import type { HistoryPoint } from '../../../src/shared/ipc.js';
import { HOUR, lockedKeychain, makeReport, MINUTE, outage, T0 } from '../tray/sample-reports.js';

const point = (at: number, overall: HistoryPoint['overall'] = 'ok'): HistoryPoint => ({
  at: new Date(at).toISOString(),
  overall,
  event: 'timer',
  note: '',
});

test('history points speak the wizard strip vocabulary', () => {
  assert.deepEqual(historyPoint(makeReport([lockedKeychain()]), 'resume', 'Keychain locked'), {
    at: new Date(T0).toISOString(),
    overall: 'fail',
    event: 'wake',
    note: 'Keychain locked',
  });
  assert.equal(historyPoint(makeReport([outage('warn')]), 'status-poll', '').event, 'incident');
  assert.equal(historyPoint(makeReport(), 'status-poll', '').event, 'timer');
  assert.equal(historyPoint(makeReport(), 'credentials-change', '').event, 'file');
});

test('the ring keeps 24 hours and at most its capacity', () => {
  let points: HistoryPoint[] = [];
  for (let i = 0; i <= 30; i++) points = appendHistory(points, point(T0 + i * HOUR), T0 + i * HOUR);
  assert.equal(points.length, 25);
  assert.equal(points[0]?.at, new Date(T0 + 6 * HOUR).toISOString());
  const capped = [1, 2, 3, 4].reduce<HistoryPoint[]>((acc, i) => appendHistory(acc, point(T0 + i * MINUTE), T0 + i * MINUTE, HOUR, 3), []);
  assert.deepEqual(
    capped.map((p) => p.at),
    [2, 3, 4].map((i) => new Date(T0 + i * MINUTE).toISOString()),
  );
});

test('createHistory records and forgets', () => {
  const history = createHistory();
  history.record(makeReport(), 'start', 'Token valid for 5 h 12 m', T0);
  history.record(makeReport([lockedKeychain()], 'darwin', T0 + HOUR), 'resume', 'Keychain locked', T0 + HOUR);
  assert.deepEqual(
    history.points(T0 + 2 * HOUR).map((p) => [p.event, p.overall]),
    [
      ['start', 'ok'],
      ['wake', 'fail'],
    ],
  );
  assert.equal(history.points(T0 + 24 * HOUR + 30 * MINUTE).length, 1);
});

test('mergeReport replaces fresh checks, keeps the rest, and recomputes overall and plan', () => {
  const before = makeReport();
  const partial = makeReport([lockedKeychain()], 'darwin', T0 + HOUR);
  const merged = mergeReport(before, { ...partial, checks: partial.checks.filter((c) => c.id === 'keychain') });
  assert.equal(merged.checks.length, before.checks.length);
  assert.equal(merged.overall, 'fail');
  assert.deepEqual(merged.plan, ['unlock-keychain']);
  assert.equal(merged.generatedAt, new Date(T0 + HOUR).toISOString());
});
