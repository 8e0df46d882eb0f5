import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decideNotifications, recordShown, type Notification } from '../../../src/core/notify/decide.js';
import { DEFAULT_NOTIFY_RULES, type NotifyRules, type ShownNotification } from '../../../src/core/notify/rules.js';
import type { RunReason } from '../../../src/core/monitor/events.js';
import type { HealthReport } from '../../../src/shared/report.js';
import { check, HOUR, lockedKeychain, loginWithEnd, makeReport, MINUTE, offline, outage, T0, tokenOk } from '../tray/sample-reports.js';

interface Step {
  readonly report: HealthReport;
  readonly event: RunReason;
  readonly at: number;
}

/** Plays reports through the decision the way the glue does: show, then remember what was shown. */
function play(steps: readonly Step[], rules: NotifyRules = DEFAULT_NOTIFY_RULES): Notification[][] {
  let previous: HealthReport | null = null;
  let shown: ShownNotification[] = [];
  const out: Notification[][] = [];
  for (const step of steps) {
    const notes = decideNotifications({ previous, next: step.report, event: step.event, rules, shown, now: step.at });
    shown = recordShown(shown, notes, step.at, rules);
    previous = step.report;
    out.push(notes);
  }
  return out;
}

const ok = makeReport();
const locked = makeReport([
  lockedKeychain(),
  check('auth.credentials', 'fail', { summary: 'Keychain locked', evidence: { problems: ['keychain-locked'] } }),
]);
const tlsFail = makeReport([check('network.tls', 'fail', { summary: 'TLS certificate not trusted', fixes: ['trust-corporate-ca'] })]);
const ids = (notes: Notification[]): string[] => notes.map((n) => n.id);

describe('keychain locked on wake', () => {
  test('wake with a locked keychain → exactly one notification, with an Unlock action', () => {
    const [first] = play([{ report: locked, event: 'resume', at: T0 }]);
    assert.deepEqual(first, [
      {
        id: 'keychain-locked',
        title: 'Keychain locked',
        body: 'Claude Code cannot read its login until the login keychain is unlocked.',
        actions: [{ id: 'unlock-keychain', label: 'Unlock…' }],
        cooldownKey: 'keychain-locked',
      },
    ]);
  });

  test('a second wake inside the cooldown → nothing; after it → again', () => {
    const out = play([
      { report: locked, event: 'resume', at: T0 },
      { report: locked, event: 'unlock-screen', at: T0 + 5 * MINUTE },
      { report: locked, event: 'resume', at: T0 + 11 * MINUTE },
    ]);
    assert.deepEqual(out.map(ids), [['keychain-locked'], [], ['keychain-locked']]);
  });

  test('a status poll while still locked says nothing more', () => {
    const out = play([
      { report: locked, event: 'resume', at: T0 },
      { report: locked, event: 'status-poll', at: T0 + 20 * MINUTE },
    ]);
    assert.deepEqual(out.map(ids), [['keychain-locked'], []]);
  });

  test('Linux says keyring and offers the same Unlock action', () => {
    const [first] = play([{ report: makeReport([lockedKeychain('linux')], 'linux'), event: 'resume', at: T0 }]);
    assert.equal(first?.[0]?.title, 'Keyring locked');
    assert.deepEqual(
      first?.[0]?.actions.map((a) => a.id),
      ['unlock-keychain'],
    );
  });

  test('wake notifications can be turned off', () => {
    const [first] = play([{ report: locked, event: 'resume', at: T0 }], { ...DEFAULT_NOTIFY_RULES, keychainOnWake: false });
    assert.deepEqual(first, []);
  });
});

describe('failure episodes', () => {
  test('one notification per episode; a recovery then a new failure notifies again', () => {
    const out = play([
      { report: ok, event: 'start', at: T0 },
      { report: tlsFail, event: 'network-change', at: T0 + MINUTE },
      { report: tlsFail, event: 'interval', at: T0 + 30 * MINUTE },
      { report: tlsFail, event: 'manual', at: T0 + 31 * MINUTE },
      { report: ok, event: 'network-change', at: T0 + 40 * MINUTE },
      { report: tlsFail, event: 'network-change', at: T0 + 50 * MINUTE },
    ]);
    assert.deepEqual(out.map(ids), [[], ['failure'], [], [], [], ['failure']]);
    assert.equal(out[1]?.[0]?.title, 'Claude Code: tls problem');
    assert.equal(out[1]?.[0]?.body, 'TLS certificate not trusted');
    assert.deepEqual(out[1]?.[0]?.actions, [{ id: 'open-wizard', label: 'Fix…' }]);
    assert.equal(out[1]?.[0]?.cooldownKey, 'failure:network.tls');
  });

  test('flapping inside the cooldown does not spam', () => {
    const out = play([
      { report: tlsFail, event: 'start', at: T0 },
      { report: ok, event: 'network-change', at: T0 + MINUTE },
      { report: tlsFail, event: 'network-change', at: T0 + 2 * MINUTE },
    ]);
    assert.deepEqual(out.map(ids), [['failure'], [], []]);
  });

  test('several new failures make one notification', () => {
    const both = makeReport([check('network.dns', 'fail', { summary: 'no DNS' }), check('network.tls', 'fail', { summary: 'no TLS' })]);
    const [first] = play([{ report: both, event: 'start', at: T0 }]);
    assert.equal(first?.length, 1);
    assert.equal(first?.[0]?.title, 'Claude Code: 2 problems');
    assert.equal(first?.[0]?.body, 'Anthropic can’t be reached from this network\nTLS: no TLS');
    assert.equal(first?.[0]?.cooldownKey, 'failure:network.dns,network.tls');
  });

  test('the network down is one cause, said in plain words; the token it hides is not mentioned', () => {
    const [first] = play([{ report: offline(), event: 'network-change', at: T0 }]);
    assert.deepEqual(
      first?.map((n) => [n.title, n.body]),
      [
        [
          'Anthropic can’t be reached from this network',
          'api.anthropic.com does not resolve. Check Wi-Fi, VPN or proxy; the app checks again.',
        ],
      ],
    );
    assert.equal(first?.[0]?.cooldownKey, 'failure:network.dns,network.tls', 'episodes stay per check');
  });

  test('a locked keychain explains the auth failures: no second notification', () => {
    const out = play([
      { report: ok, event: 'start', at: T0 },
      {
        report: makeReport([
          ...locked.checks.filter((c) => c.id === 'keychain' || c.id === 'auth.credentials'),
          check('auth.token', 'fail'),
        ]),
        event: 'resume',
        at: T0 + HOUR,
      },
    ]);
    assert.deepEqual(out.map(ids), [[], ['keychain-locked']]);
  });

  test('a keychain that locks while awake is news once', () => {
    const out = play([
      { report: ok, event: 'start', at: T0 },
      { report: locked, event: 'interval', at: T0 + HOUR },
      { report: locked, event: 'interval', at: T0 + 2 * HOUR },
    ]);
    assert.deepEqual(out.map(ids), [[], ['keychain-locked'], []]);
  });

  test('the master switch silences everything', () => {
    const [first] = play([{ report: locked, event: 'resume', at: T0 }], { ...DEFAULT_NOTIFY_RULES, enabled: false });
    assert.deepEqual(first, []);
  });
});

describe('service incidents (on by default)', () => {
  const down = makeReport([outage('fail')]);
  test('turned off: no notification, and the failing status check is not reported as a failure either', () => {
    assert.deepEqual(play([{ report: down, event: 'status-poll', at: T0 }], { ...DEFAULT_NOTIFY_RULES, incidents: false }), [[]]);
  });

  test('on by default', () => {
    assert.deepEqual(play([{ report: down, event: 'status-poll', at: T0 }]).map(ids), [['incident']]);
  });
  test('once per incident, linking to it', () => {
    const rules = { ...DEFAULT_NOTIFY_RULES, incidents: true };
    const out = play(
      [
        { report: down, event: 'status-poll', at: T0 },
        { report: down, event: 'status-poll', at: T0 + 5 * MINUTE },
        { report: makeReport([outage('fail', 'Login failures', 'https://stspg.io/def456')]), event: 'status-poll', at: T0 + 10 * MINUTE },
      ],
      rules,
    );
    assert.deepEqual(out.map(ids), [['incident'], [], ['incident']]);
    assert.deepEqual(out[0]?.[0], {
      id: 'incident',
      title: 'Claude Code outage: Elevated errors on Claude Code',
      body: 'Anthropic is working on it. Nothing on this machine needs fixing; signing in again will not help.',
      actions: [{ id: 'open-status-page', label: 'Status Page' }],
      cooldownKey: 'incident:https://stspg.io/abc123',
      url: 'https://stspg.io/abc123',
    });
  });

  test('the end of the incident is said once, when the status page answers ok again; a page that cannot be read says nothing', () => {
    const ok = makeReport([check('service.status', 'ok')]);
    const unread = makeReport([check('service.status', 'unknown')]);
    const out = play([
      { report: down, event: 'status-poll', at: T0 },
      { report: unread, event: 'status-poll', at: T0 + 5 * MINUTE },
      { report: down, event: 'status-poll', at: T0 + 10 * MINUTE },
      { report: ok, event: 'status-poll', at: T0 + 15 * MINUTE },
      { report: ok, event: 'status-poll', at: T0 + 20 * MINUTE },
    ]);
    assert.deepEqual(out.map(ids), [['incident'], [], [], ['incident'], []]);
    assert.deepEqual(out[3]?.[0], {
      id: 'incident',
      title: 'Anthropic resolved the incident',
      body: 'Elevated errors on Claude Code is over; Claude Code can work again.',
      actions: [{ id: 'open-wizard', label: 'Fix…' }],
      cooldownKey: 'incident-resolved:https://stspg.io/abc123',
    });
  });
});

describe('token expiring without a refresh token', () => {
  const expiresAt = T0 + 20 * MINUTE;
  const noRefresh = makeReport([tokenOk(expiresAt, null), check('auth.credentials', 'ok', { evidence: { refreshToken: null } })]);
  test('inside 30 minutes → one warning, once per token', () => {
    const out = play([
      { report: noRefresh, event: 'expiry', at: T0 },
      { report: noRefresh, event: 'interval', at: T0 + 5 * MINUTE },
    ]);
    assert.deepEqual(out.map(ids), [['token-expiring'], []]);
    assert.equal(out[0]?.[0]?.title, 'Claude Code sign-in ends in 20 m');
    assert.equal(out[0]?.[0]?.cooldownKey, `token-expiring:${expiresAt}`);
  });
  test('with a refresh token → nothing (Claude Code renews it)', () => {
    assert.deepEqual(play([{ report: makeReport([tokenOk(expiresAt)]), event: 'expiry', at: T0 }]), [[]]);
  });
  test('more than 30 minutes away → nothing yet', () => {
    assert.deepEqual(play([{ report: noRefresh, event: 'expiry', at: expiresAt - 31 * MINUTE }]), [[]]);
  });
});

describe('the login nearing its time limit', () => {
  const DAY = 24 * HOUR;
  const endsAt = T0 + 3 * DAY;
  const nearing = makeReport([loginWithEnd(endsAt)]);
  test('3 days before, once a day; nothing earlier; nothing once it has passed', () => {
    const out = play([
      { report: nearing, event: 'interval', at: T0 - HOUR },
      { report: nearing, event: 'interval', at: T0 },
      { report: nearing, event: 'resume', at: T0 + 6 * HOUR },
      { report: nearing, event: 'interval', at: T0 + DAY + MINUTE },
      { report: nearing, event: 'interval', at: endsAt + MINUTE },
    ]);
    assert.deepEqual(out.map(ids), [[], ['login-ending'], [], ['login-ending'], []]);
    assert.equal(out[1]?.[0]?.title, 'Claude Code sign-in ends in 3 d');
    assert.match(out[1]?.[0]?.body ?? '', /Renewing does not move this date/);
    assert.deepEqual(
      out[1]?.[0]?.actions.map((a) => a.id),
      ['open-wizard'],
    );
  });
  test('the "sign-in about to end" toggle silences it', () => {
    assert.deepEqual(play([{ report: nearing, event: 'interval', at: T0 }], { ...DEFAULT_NOTIFY_RULES, expiringToken: false }), [[]]);
  });
  test('a new login with a new deadline is told afresh', () => {
    const later = makeReport([loginWithEnd(endsAt + 30 * DAY)]);
    const out = play([
      { report: nearing, event: 'interval', at: T0 },
      { report: later, event: 'credentials-change', at: T0 + HOUR },
      { report: makeReport([loginWithEnd(endsAt + HOUR)]), event: 'credentials-change', at: T0 + 2 * HOUR },
    ]);
    assert.deepEqual(out.map(ids), [['login-ending'], [], ['login-ending']]);
  });
});

test('recordShown forgets what no cooldown remembers', () => {
  const old: ShownNotification = { cooldownKey: 'failure:keychain', at: T0 - 25 * HOUR };
  const recent: ShownNotification = { cooldownKey: 'keychain-locked', at: T0 - MINUTE };
  assert.deepEqual(recordShown([old, recent], [], T0), [recent]);
});
