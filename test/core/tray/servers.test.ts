/**
 * The tray's Servers section, its badge and the server notifications: pure functions over the
 * shared host list and the latest `remote check` results (each state a host can be in).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { menuTemplate } from '../../../src/core/tray/menu-template.js';
import { trayModel } from '../../../src/core/tray/tray-model.js';
import { serversBadge, serversSection, type ServersView } from '../../../src/core/tray/servers.js';
import { decideServerNotifications, NO_EPISODES } from '../../../src/core/notify/servers.js';
import { DEFAULT_NOTIFY_RULES } from '../../../src/core/notify/rules.js';
import type { RemoteHost, RemoteHostResult } from '../../../src/shared/remote.js';
import { check, HOUR, loginWithEnd, makeReport, T0 } from './sample-reports.js';

const DAY = 24 * HOUR;
const host = (name: string): RemoteHost => ({ name, destination: `deploy@${name}.example.com`, addedAt: '2025-01-01T00:00:00.000Z' });

function result(name: string, endsAt: number | null, extra: Partial<RemoteHostResult> = {}): RemoteHostResult {
  const report = makeReport([loginWithEnd(endsAt)], 'linux');
  return {
    name,
    destination: `deploy@${name}.example.com`,
    via: 'shell',
    overall: report.overall,
    report,
    error: null,
    checkedAt: new Date(T0).toISOString(),
    ...extra,
  };
}
const unreachable = (name: string): RemoteHostResult => ({
  ...result(name, null),
  via: null,
  report: null,
  overall: 'unknown',
  error: 'connection timed out',
});
const view = (results: RemoteHostResult[], extra: Partial<ServersView> = {}): ServersView => ({
  hosts: results.map((r) => host(r.name)),
  results,
  checking: false,
  offline: false,
  ...extra,
});

describe('the Servers section', () => {
  test('one line per host with the one thing that matters; the ones needing attention marked', () => {
    const items = serversSection(view([result('vps-1', T0 + 2 * DAY), result('vps-2', T0 + 20 * DAY), unreachable('vps-3')]), T0);
    assert.deepEqual(
      items.map((i) => i.label),
      ['Servers', '⚠ vps-1: login ends in 2 d', 'vps-2: login ends in 20 d', '⚠ vps-3: connection timed out', 'Check Servers Now'],
    );
    assert.equal(items[1]?.action, 'open-server');
    assert.equal(items[1]?.serverName, 'vps-1');
    assert.equal(items.at(-1)?.action, 'check-servers');
  });

  test('no hosts: no section; offline and checking say so', () => {
    assert.deepEqual(serversSection(view([]), T0), []);
    const offline = serversSection({ hosts: [host('vps-1')], results: [], checking: false, offline: true }, T0);
    assert.equal(offline[1]?.label, 'vps-1: offline; not checked');
    assert.equal(offline.at(-1)?.enabled, false);
    const checking = serversSection({ hosts: [host('vps-1')], results: [], checking: true, offline: false }, T0);
    assert.equal(checking.at(-1)?.label, 'Checking Servers…');
  });

  test('the menu places the section after the local problems; the badge names the server', () => {
    const servers = view([result('vps-1', T0 - HOUR)]);
    const report = makeReport([], 'linux');
    const menu = menuTemplate(trayModel(report, false, 'linux', T0), report, 'linux', serversSection(servers, T0));
    const ids = menu.map((i) => i.id);
    assert.ok(ids.indexOf('server:vps-1') > ids.indexOf('status') && ids.indexOf('server:vps-1') < ids.indexOf('open-wizard'));
    assert.equal(menu.find((i) => i.id === 'server:vps-1')?.label, '⚠ vps-1: login ended; sign in again');
    assert.equal(serversBadge(servers, T0), 'vps-1 needs attention');
    assert.equal(serversBadge(view([result('a', T0 + 9 * DAY)]), T0), null);
    assert.equal(serversBadge(view([unreachable('a'), unreachable('b')]), T0), '2 servers need attention');
  });
});

describe('server notifications', () => {
  test('once per episode for a login ending within 3 days; again after it was signed in and ends again', () => {
    const first = decideServerNotifications([result('vps-1', T0 + 2 * DAY)], NO_EPISODES, DEFAULT_NOTIFY_RULES, T0);
    assert.deepEqual(
      first.notifications.map((n) => n.title),
      ['vps-1: Claude Code login ends in 2 d'],
    );
    const again = decideServerNotifications([result('vps-1', T0 + DAY)], first.episodes, DEFAULT_NOTIFY_RULES, T0 + DAY);
    assert.deepEqual(again.notifications, [], 'same episode: quiet');
    const offline = decideServerNotifications([unreachable('vps-1')], again.episodes, DEFAULT_NOTIFY_RULES, T0 + DAY);
    assert.deepEqual(offline.notifications, []);
    assert.deepEqual(offline.episodes, again.episodes, 'unreachable keeps the episode open');
    const renewed = decideServerNotifications([result('vps-1', T0 + 30 * DAY)], offline.episodes, DEFAULT_NOTIFY_RULES, T0 + DAY);
    assert.deepEqual(renewed.episodes.open, []);
    const next = decideServerNotifications([result('vps-1', T0 + 2 * DAY)], renewed.episodes, DEFAULT_NOTIFY_RULES, T0);
    assert.equal(next.notifications.length, 1, 'a new episode notifies again');
  });

  test('a failing server notifies once; the rules can silence each kind', () => {
    const failing = result('vps-2', null, {
      overall: 'fail',
      report: makeReport([check('auth.credentials', 'fail', { summary: 'No Claude Code login on this host' })], 'linux'),
    });
    const shown = decideServerNotifications([failing], NO_EPISODES, DEFAULT_NOTIFY_RULES, T0);
    assert.equal(shown.notifications[0]?.title, 'vps-2: Claude Code sign-in is failing');
    assert.match(shown.notifications[0]?.body ?? '', /No Claude Code login on this host/);
    const quiet = decideServerNotifications([failing], NO_EPISODES, { ...DEFAULT_NOTIFY_RULES, failures: false }, T0);
    assert.deepEqual(quiet.notifications, []);
    assert.deepEqual(quiet.episodes.open, ['vps-2:failed'], 'still one episode: turning the rule on later does not replay it');
  });
});
