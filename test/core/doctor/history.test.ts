import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendHistory, createHistory, historyPoint } from '../../../src/core/doctor/history.js';
import type { HistoryPoint } from '../../../src/shared/ipc.js';
import { HOUR, lockedKeychain, makeReport, MINUTE, outage, T0 } from '../tray/sample-reports.js';

const point = (at: number, overall: HistoryPoint['overall'] = 'ok'): HistoryPoint => ({
  at: new Date(at).toISOString(),
  overall,
  event: 'timer',
  note: '',
});

test('history points speak the wizard strip vocabulary', () => {
  assert.deepEqual(historyPoint(null, makeReport([lockedKeychain()]), 'wake', 'Keychain locked'), {
    at: new Date(T0).toISOString(),
    overall: 'fail',
    event: 'wake',
    note: 'Keychain locked',
  });
  assert.equal(historyPoint(null, makeReport(), 'timer').note, 'Scheduled check');
  assert.equal(historyPoint(null, makeReport(), 'file').event, 'file');
});

test('the run that first sees an outage is an incident named by the status check; later runs are not', () => {
  const down = makeReport([outage('warn')]);
  const first = historyPoint(makeReport(), down, 'timer');
  assert.equal(first.event, 'incident');
  assert.match(first.note, /Elevated errors on Claude Code/);
  assert.equal(historyPoint(down, down, 'timer').event, 'timer');
  assert.equal(historyPoint(null, down, 'wake').event, 'wake', 'a wake explains the run better');
  assert.equal(historyPoint(null, down, 'network').event, 'network');
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

test('createHistory records and forgets, seeded with earlier points', () => {
  const seed = point(T0 - HOUR);
  const history = createHistory([seed]);
  history.record(makeReport(), 'start', T0, 'Token valid for 5 h 12 m');
  history.record(makeReport([lockedKeychain()], 'darwin', T0 + HOUR), 'wake', T0 + HOUR, 'Keychain locked');
  assert.deepEqual(
    history.points(T0 + 2 * HOUR).map((p) => [p.event, p.overall]),
    [
      ['timer', 'ok'],
      ['start', 'ok'],
      ['wake', 'fail'],
    ],
  );
  assert.equal(history.points(T0 + 24 * HOUR + 30 * MINUTE).length, 1);
});
