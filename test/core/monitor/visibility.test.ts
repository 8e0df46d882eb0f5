import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { HealthReport } from '../../../src/shared/report.js';
import { shownCauses } from '../../../src/shared/causes.js';
import {
  findingKey,
  heldFindings,
  noteFindings,
  NOTHING_SHOWN,
  present,
  type Shown,
  type Visibility,
} from '../../../src/core/monitor/visibility.js';
import { trayModel } from '../../../src/core/tray/tray-model.js';
import {
  dnsDown,
  HOUR,
  lockedKeychain,
  makeReport,
  MINUTE,
  offline,
  T0,
  tlsDown,
  tokenUnconfirmed,
  vpnUp,
} from '../tray/sample-reports.js';

const SECOND = 1000;

/** Seen first at `at`, and seen again by re-checks at `again`. */
function seenAt(report: HealthReport, at: number, wokeAt: number | null = null, ...again: number[]): Visibility {
  let seen = noteFindings(new Map(), report, at);
  for (const time of again) seen = noteFindings(seen, report, time);
  return { seen, wokeAt };
}

const healthyShown = (at: number): Shown => ({ report: makeReport([], 'darwin', at), confirmedAt: at });

describe('no network: one cause, not "token expired"', () => {
  test('the network is the one cause shown; the token and the status page wait behind it', () => {
    const report = offline();
    assert.deepEqual(
      shownCauses(report).map((f) => f.code),
      ['network-down'],
    );
    const suppressed = report.findings.filter((f) => f.suppressedBy !== null).map((f) => [findingKey(f), f.suppressedBy]);
    assert.deepEqual(suppressed.sort(), [
      ['check:auth.token', 'network-down'],
      ['check:service.status', 'network-down'],
    ]);
    const model = trayModel(report, false, 'darwin', T0);
    assert.equal(model.tooltip, 'Anthropic can’t be reached from this network');
    assert.doesNotMatch(model.tooltip, /token|expired/i);
  });
});

describe('present: a cause shows only once it has lasted', () => {
  test('wake with DNS not back: held, the icon says checking, due 15 s after the wake', () => {
    const wokeAt = T0;
    const report = offline(T0 + 2 * SECOND);
    const visibility = seenAt(report, T0 + 2 * SECOND, wokeAt);
    const shown = present(report, healthyShown(T0 - HOUR), visibility, T0 + 3 * SECOND);
    assert.deepEqual(shown.held.map(findingKey).sort(), ['check:auth.token', 'check:service.status', 'network-down']);
    assert.equal(shown.report.overall, 'ok', 'the held checks read as last shown');
    assert.equal(shown.settling, true, 'the last verdict predates the wake');
    assert.equal(shown.dueAt, T0 + 2 * SECOND + 15 * SECOND);
    const model = trayModel(shown.report, false, 'darwin', T0 + 3 * SECOND, 'light', shown.settling);
    assert.equal(model.face, 'checking');
    assert.match(model.tooltip, /^Checking… \(Token valid for /);
  });

  test('due, and a re-check still sees it: it shows as itself', () => {
    const report = offline(T0 + 2 * SECOND);
    const notAgain = present(report, healthyShown(T0 - HOUR), seenAt(report, T0 + 2 * SECOND, T0), T0 + 60 * SECOND);
    assert.equal(notAgain.held.length, 3, 'time alone does not show it: only a check that saw it again');
    const visibility = seenAt(report, T0 + 2 * SECOND, T0, T0 + 17 * SECOND);
    const shown = present(report, healthyShown(T0 - HOUR), visibility, T0 + 17 * SECOND);
    assert.deepEqual(shown.held, []);
    assert.equal(shown.report, report);
    assert.equal(shown.settling, false);
    assert.equal(trayModel(shown.report, false, 'darwin', T0 + 17 * SECOND).face, 'fail');
  });

  test('awake (a VPN reconnecting): the last shown state stays, not "checking"', () => {
    const report = makeReport([tlsDown('timeout'), vpnUp, tokenUnconfirmed], 'darwin', T0);
    const visibility = seenAt(report, T0);
    const shown = present(report, healthyShown(T0 - MINUTE), visibility, T0 + 5 * SECOND);
    assert.ok(shown.held.some((f) => f.code === 'network-down'));
    assert.equal(shown.settling, false);
    const model = trayModel(shown.report, false, 'darwin', T0 + 5 * SECOND, 'light', shown.settling);
    assert.equal(model.face, 'ok');
    assert.match(model.tooltip, /^Token valid for /);
  });

  test('a failure seen as the lid closed must last again after wake', () => {
    const report = offline(T0 - HOUR);
    const before = seenAt(report, T0 - HOUR, null, T0 - HOUR + MINUTE);
    assert.deepEqual(heldFindings(report, before), [], 'before the wake it had lasted a minute');
    assert.ok(heldFindings(report, { ...before, wokeAt: T0 }).some((f) => f.code === 'network-down'));
    const again = seenAt(report, T0 - HOUR, T0, T0 + 15 * SECOND);
    assert.deepEqual(heldFindings(report, again), []);
  });

  test('nothing shown yet (the first run at start): the held checks are left out, and the icon says checking', () => {
    const report = offline(T0);
    const shown = present(report, NOTHING_SHOWN, seenAt(report, T0), T0 + SECOND);
    assert.equal(shown.settling, true);
    assert.equal(
      shown.report.checks.some((c) => c.id === 'network.dns' || c.id === 'auth.token'),
      false,
    );
    assert.equal(trayModel(shown.report, false, 'darwin', T0 + SECOND, 'light', shown.settling).face, 'checking');
  });

  test('a cause with no time to visible shows at once beside a held one: the locked keychain is not hidden', () => {
    const report = makeReport([lockedKeychain(), dnsDown], 'darwin', T0);
    const shown = present(report, healthyShown(T0 - HOUR), seenAt(report, T0, T0), T0 + SECOND);
    assert.deepEqual(
      shown.held.map((f) => f.code),
      ['network-down'],
    );
    const model = trayModel(shown.report, false, 'darwin', T0 + SECOND, 'light', shown.settling);
    assert.equal(model.face, 'fail', 'something shown is already wrong: no "checking" over it');
    assert.equal(model.tooltip, 'Checking… (Keychain locked)');
  });

  test('what was shown is kept while a new cause is held, and confirmed only once nothing is held', () => {
    const report = offline(T0);
    const before = healthyShown(T0 - MINUTE);
    const held = present(report, before, seenAt(report, T0), T0 + SECOND);
    assert.equal(held.shown.confirmedAt, before.confirmedAt);
    const clear = present(makeReport([], 'darwin', T0 + 5 * SECOND), held.shown, { seen: new Map(), wokeAt: null }, T0 + 5 * SECOND);
    assert.equal(clear.shown.confirmedAt, T0 + 5 * SECOND);
  });

  test('seen times: first kept while present, last moved only by a run that looked again, gone ones forgotten', () => {
    const first = noteFindings(new Map(), offline(T0), T0);
    assert.deepEqual(first.get('network-down'), { first: T0, last: T0 });
    const dns = makeReport([dnsDown], 'darwin', T0 + 5 * SECOND);
    const again = noteFindings(first, dns, T0 + 5 * SECOND, ['network.dns']);
    assert.deepEqual([...again], [['network-down', { first: T0, last: T0 + 5 * SECOND }]]);
    const other = noteFindings(again, dns, T0 + 9 * SECOND, ['service.status']);
    assert.deepEqual(other.get('network-down'), { first: T0, last: T0 + 5 * SECOND }, 'a status poll does not confirm the network');
    assert.deepEqual([...noteFindings(again, makeReport([], 'darwin', T0), T0 + 6 * SECOND)], []);
  });
});
