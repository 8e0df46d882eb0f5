import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { menuTemplate, MAX_LABEL, type MenuItem } from '../../../src/core/tray/menu-template.js';
import { trayModel } from '../../../src/core/tray/tray-model.js';
import type { Os } from '../../../src/core/io/os.js';
import type { HealthReport } from '../../../src/shared/report.js';
import { check, lockedKeychain, makeReport, outage, STATE_REPORTS, T0 } from './sample-reports.js';

const OSES: readonly Os[] = ['darwin', 'linux', 'win32'];

function menuFor(report: HealthReport | null, os: Os, checking = false): MenuItem[] {
  return menuTemplate(trayModel(report, checking, os, T0), report, os);
}

const ids = (items: MenuItem[]): string[] => items.map((i) => i.id);
const byId = (items: MenuItem[], id: string): MenuItem | undefined => items.find((i) => i.id === id);
const problemLines = (items: MenuItem[]): MenuItem[] => items.filter((i) => i.id.startsWith('check:'));

const FIXED_TAIL = [
  'separator-1',
  'open-wizard',
  'check-now',
  'separator-2',
  'service-status',
  'separator-3',
  'copy-report',
  'preferences',
  'separator-4',
  'quit',
];

describe('menuTemplate per state', () => {
  for (const os of OSES) {
    test(`${os} ok: status line, no problem lines, no unlock`, () => {
      const items = menuFor(STATE_REPORTS.ok(os), os);
      assert.deepEqual(ids(items), ['status', ...FIXED_TAIL]);
      assert.deepEqual(byId(items, 'status'), { id: 'status', kind: 'normal', label: 'Token valid for 5 h 12 m', enabled: false });
      assert.equal(byId(items, 'service-status')?.label, 'Anthropic status: operational');
      assert.equal(byId(items, 'service-status')?.url, 'https://status.claude.com');
    });
    test(`${os} warn: one line for the warning, opening its fix`, () => {
      const lines = problemLines(menuFor(STATE_REPORTS.warn(os), os));
      assert.deepEqual(lines, [
        {
          id: 'check:auth.method',
          kind: 'normal',
          enabled: true,
          label: 'Sign-in method: ANTHROPIC_API_KEY overrides your subscription login',
          action: 'open-fix',
          fixId: 'unset-conflicting-env',
        },
      ]);
    });
    test(`${os} fail: one line per failing check, failures before warnings`, () => {
      const report = makeReport(
        [
          check('auth.method', 'warn', { summary: 'x' }),
          check('network.tls', 'fail', { fixes: ['trust-corporate-ca'] }),
          check('cli.install', 'fail'),
        ],
        os,
      );
      const lines = problemLines(menuFor(report, os));
      assert.deepEqual(
        lines.map((l) => [l.id, l.action, l.fixId]),
        [
          ['check:network.tls', 'open-fix', 'trust-corporate-ca'],
          ['check:cli.install', 'open-wizard', undefined],
          ['check:auth.method', 'open-wizard', undefined],
        ],
      );
    });
    test(`${os} unknown: no problem lines, copy report enabled`, () => {
      const items = menuFor(STATE_REPORTS.unknown(os), os);
      assert.equal(problemLines(items).length, 0);
      assert.equal(byId(items, 'copy-report')?.enabled, true);
    });
    test(`${os} before the first report: Check Now disabled while checking, nothing to copy`, () => {
      const items = menuFor(null, os, true);
      assert.deepEqual(byId(items, 'check-now'), {
        id: 'check-now',
        kind: 'normal',
        label: 'Checking…',
        enabled: false,
        action: 'check-now',
        ...accel(os, 'Command+R'),
      });
      assert.equal(byId(items, 'copy-report')?.enabled, false);
      assert.equal(byId(items, 'service-status')?.label, 'Anthropic status: not checked');
    });
  }
});

function accel(os: Os, keys: string): { accelerator?: string } {
  return os === 'darwin' ? { accelerator: keys } : {};
}

describe('menuTemplate details', () => {
  test('a locked keychain adds Unlock Keychain… right after Check Now', () => {
    const items = menuFor(makeReport([lockedKeychain()]), 'darwin');
    const at = ids(items).indexOf('unlock-keychain');
    assert.equal(ids(items)[at - 1], 'check-now');
    assert.equal(byId(items, 'unlock-keychain')?.action, 'unlock-keychain');
    assert.equal(byId(items, 'unlock-keychain')?.label, 'Unlock Keychain…');
  });

  test('an outage line opens the incident page (the status line above already names it)', () => {
    const item = byId(menuFor(makeReport([outage('fail')]), 'linux'), 'service-status');
    assert.deepEqual(item, {
      id: 'service-status',
      kind: 'normal',
      label: 'Open the incident on Anthropic’s status page…',
      enabled: true,
      action: 'open-status-page',
      url: 'https://stspg.io/abc123',
    });
  });

  const platform: [Os, string, string, string | undefined][] = [
    ['darwin', 'Quit Claude Auth Doctor', 'Preferences…', 'Command+Q'],
    ['linux', 'Quit', 'Preferences…', undefined],
    ['win32', 'Exit', 'Settings…', undefined],
  ];
  for (const [os, quit, prefs, quitKeys] of platform) {
    test(`${os} words and accelerators`, () => {
      const items = menuFor(STATE_REPORTS.ok(os), os);
      assert.equal(byId(items, 'quit')?.label, quit);
      assert.equal(byId(items, 'quit')?.accelerator, quitKeys);
      assert.equal(byId(items, 'preferences')?.label, prefs);
    });
  }

  test('ampersands are escaped where they mean mnemonics, and labels are bounded', () => {
    const odd = check('network.proxy', 'fail', { summary: 'Proxy & VPN disagree about '.repeat(5) });
    const win = problemLines(menuFor(makeReport([odd], 'win32'), 'win32'))[0];
    const mac = problemLines(menuFor(makeReport([odd], 'darwin'), 'darwin'))[0];
    assert.match(win?.label ?? '', /^Proxy: Proxy && VPN/);
    assert.match(mac?.label ?? '', /^Proxy: Proxy & VPN/);
    assert.ok((mac?.label.length ?? 0) <= MAX_LABEL);
  });

  test('lines in plain words: an interception is named as one, not as a certificate subject; an outage once', () => {
    const tls = check('network.tls', 'fail', {
      summary: 'Certificate for api.anthropic.com issued by Contoso TLS Inspection CA (Contoso Corp) is not trusted',
      fixes: ['trust-corporate-ca'],
      facts: {
        tls: { issuer: 'Contoso TLS Inspection CA (Contoso Corp)', failure: 'tls-untrusted', extraCaCerts: null, extraCaProblem: null },
      },
    });
    const intercepted = menuFor(makeReport([tls]), 'darwin');
    assert.equal(byId(intercepted, 'status')?.label, 'Your network intercepts Claude’s connection');
    assert.deepEqual(
      problemLines(intercepted).map((i) => [i.label, i.fixId]),
      [["Trust your company's TLS inspection certificate…", 'trust-corporate-ca']],
      'named once: the line under the status line is the fix it calls for',
    );
    assert.ok(!JSON.stringify(intercepted).includes('Contoso'), 'no certificate subject in the menu');
    const down = menuFor(makeReport([outage('fail', 'Elevated errors on Claude Code')]), 'darwin');
    assert.deepEqual(problemLines(down), [], 'the outage is on the status line only');
    assert.equal(down.filter((i) => i.label.includes('Elevated errors on Claude Code')).length, 1);
  });

  test('more than five problems collapse into one line', () => {
    const many = (
      ['network.dns', 'network.proxy', 'network.tls', 'cli.install', 'auth.token', 'auth.credentials', 'auth.method'] as const
    ).map((id) => check(id, 'fail', id === 'network.dns' ? { fixes: ['fix-dns'] } : {}));
    const items = menuFor(makeReport(many), 'darwin');
    assert.equal(problemLines(items).length, 5);
    // Name resolution and the proxy failing are one cause (the network), so six lines, not seven.
    assert.match(byId(items, 'status')?.label ?? '', /^Anthropic can’t be reached from this network \(\+5 more\)$/);
    assert.equal(problemLines(items)[0]?.label, 'Fix DNS resolution for Anthropic hosts…', 'the status line names it; its line is the fix');
    assert.deepEqual(byId(items, 'more-problems'), {
      id: 'more-problems',
      kind: 'normal',
      label: '1 more…',
      enabled: true,
      action: 'open-wizard',
    });
  });

  test('the template is plain data', () => {
    const items = menuFor(makeReport([lockedKeychain(), outage()]), 'darwin');
    assert.deepEqual(JSON.parse(JSON.stringify(items)), items);
  });
});
