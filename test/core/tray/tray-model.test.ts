import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_THEME,
  MAX_TOOLTIP,
  trayModel,
  truncate,
  type IconTheme,
  type TrayFace,
  type TrayState,
} from '../../../src/core/tray/tray-model.js';
import { trayIconTheme } from '../../../src/core/tray/icon-theme.js';
import type { Os } from '../../../src/core/io/os.js';
import { check, HOUR, lockedKeychain, loginWithEnd, makeReport, MINUTE, outage, STATE_REPORTS, T0, tokenOk } from './sample-reports.js';

const OSES: readonly Os[] = ['darwin', 'linux', 'win32'];
const EXT: Record<Os, string> = { darwin: 'png', linux: 'png', win32: 'ico' };
/** macOS: one template image per face; Linux and Windows: one per face and surface. */
const icon = (os: Os, face: TrayFace, theme: IconTheme): string =>
  os === 'darwin' ? 'darwin/tray-' + face + 'Template.png' : `${os}/tray-${face}-${theme}.${EXT[os]}`;

const TOOLTIPS: Record<TrayState, string> = {
  ok: 'Token valid for 5 h 12 m',
  warn: 'ANTHROPIC_API_KEY overrides your subscription login',
  fail: 'TLS certificate not trusted',
  unknown: 'DNS: Did not finish within 8000 ms',
};

describe('trayModel: every state on every OS', () => {
  for (const os of OSES) {
    for (const state of ['ok', 'warn', 'fail', 'unknown'] as const) {
      test(`${os} ${state}`, () => {
        const model = trayModel(STATE_REPORTS[state](os), false, os, T0);
        assert.deepEqual(model, {
          state,
          face: state,
          icon: icon(os, state, DEFAULT_THEME[os]),
          tooltip: TOOLTIPS[state],
          checking: false,
        });
      });
    }
    test(`${os} before the first report, checking`, () => {
      assert.deepEqual(trayModel(null, true, os, T0, 'light'), {
        state: 'unknown',
        face: 'checking',
        icon: icon(os, 'checking', 'light'),
        tooltip: 'Checking…',
        checking: true,
      });
    });
    test(`${os} before the first report, idle`, () => {
      const model = trayModel(null, false, os, T0);
      assert.equal(model.tooltip, 'Not checked yet');
      assert.equal(model.face, 'unknown');
    });
    test(`${os} checking again keeps the last state and says so`, () => {
      const model = trayModel(STATE_REPORTS.fail(os), true, os, T0, 'dark');
      assert.equal(model.state, 'fail');
      assert.equal(model.face, 'fail', 'a re-check keeps the verdict on the icon');
      assert.equal(model.icon, icon(os, 'fail', 'dark'));
      assert.equal(model.tooltip, 'Checking… (TLS certificate not trusted)');
    });
  }
});

describe('trayIconTheme: the surface the icon sits on', () => {
  const cases: [string, Os, Parameters<typeof trayIconTheme>[1], IconTheme][] = [
    ['Windows: a dark taskbar with light apps', 'win32', { desktop: undefined, systemDark: true, appDark: false }, 'dark'],
    ['Windows: a light taskbar with dark apps', 'win32', { desktop: undefined, systemDark: false, appDark: true }, 'light'],
    ['GNOME: the bar is dark under a light GTK theme', 'linux', { desktop: 'GNOME', systemDark: false, appDark: false }, 'dark'],
    ["Ubuntu's GNOME", 'linux', { desktop: 'ubuntu:GNOME', systemDark: false, appDark: false }, 'dark'],
    ['KDE with a light theme', 'linux', { desktop: 'KDE', systemDark: false, appDark: false }, 'light'],
    ['KDE with a dark theme', 'linux', { desktop: 'KDE', systemDark: false, appDark: true }, 'dark'],
    ['macOS: template images, tinted by the system', 'darwin', { desktop: undefined, systemDark: true, appDark: true }, 'light'],
  ];
  for (const [name, os, signals, expected] of cases) test(name, () => assert.equal(trayIconTheme(os, signals), expected));
});

describe('trayModel: the one thing that matters', () => {
  const cases: [string, Parameters<typeof makeReport>[0], number, string][] = [
    ['countdown moves with now', [], T0 + HOUR, 'Token valid for 4 h 12 m'],
    [
      'keychain locked beats other failures',
      [lockedKeychain(), check('auth.token', 'fail', { summary: 'No usable access token' })],
      T0,
      'Keychain locked',
    ],
    ['an outage beats the keychain', [lockedKeychain(), outage('fail')], T0, 'Claude Code outage: Elevated errors on Claude Code'],
    ['a degraded service is a warning line', [outage('warn')], T0, 'Claude service degraded: Elevated errors on Claude Code'],
    [
      'several causes: the first named in plain words, the rest counted',
      [check('network.dns', 'fail', { summary: 'api.anthropic.com does not resolve' }), check('network.tls', 'fail')],
      T0,
      'Anthropic can’t be reached from this network (+1 more)',
    ],
    ['a token past expiry with a refresh token', [tokenOk(T0 - MINUTE)], T0, 'Token expired; Claude Code renews it on its next request'],
    [
      'an API key has no countdown',
      [check('auth.token', 'ok', { summary: 'API key from ANTHROPIC_API_KEY accepted by Anthropic', evidence: { method: 'api-key' } })],
      T0,
      'API key from ANTHROPIC_API_KEY accepted by Anthropic',
    ],
  ];
  for (const [name, replace, now, tooltip] of cases) {
    test(name, () => {
      assert.equal(trayModel(makeReport(replace), false, 'darwin', now).tooltip, tooltip);
    });
  }

  test('Linux keyring locked is amber and says so', () => {
    const model = trayModel(makeReport([lockedKeychain('linux')], 'linux'), false, 'linux', T0);
    assert.equal(model.state, 'warn');
    assert.equal(model.tooltip, 'Keychain locked');
  });

  test('a long summary is cut to the Windows limit', () => {
    const long = check('network.proxy', 'fail', { summary: 'The proxy '.repeat(30) });
    const model = trayModel(makeReport([long], 'win32'), true, 'win32', T0);
    assert.equal(model.tooltip.length, MAX_TOOLTIP);
    assert.ok(model.tooltip.endsWith('…'));
  });

  test('truncate never splits a surrogate pair', () => {
    assert.equal(truncate('ab😀cd', 4), 'ab…');
    assert.equal(truncate('short', 10), 'short');
  });
});

describe("trayModel: the login's time limit", () => {
  const DAY = 24 * HOUR;
  const endsAt = T0 + 2 * DAY + 4 * HOUR;
  const nearing = check('auth.token', 'warn', { summary: 'Login ends in 2 d 4 h' });
  test('inside 3 days the deadline leads, counted down live from now', () => {
    const report = makeReport([loginWithEnd(endsAt), nearing]);
    assert.equal(trayModel(report, false, 'darwin', T0).tooltip, 'Login ends in 2 d 4 h');
    assert.equal(trayModel(report, false, 'darwin', T0 + DAY).tooltip, 'Login ends in 1 d 4 h');
    assert.equal(trayModel(report, false, 'darwin', T0).state, 'warn');
  });
  test('within 10 days (when claude -p starts warning) the healthy line carries it', () => {
    const report = makeReport([loginWithEnd(T0 + 6 * DAY)]);
    assert.equal(trayModel(report, false, 'darwin', T0).tooltip, 'Token valid for 5 h 12 m; login ends in 6 d');
  });
  test('further away, or none stored: not a word about it', () => {
    assert.equal(trayModel(makeReport([loginWithEnd(T0 + 20 * DAY)]), false, 'darwin', T0).tooltip, 'Token valid for 5 h 12 m');
    assert.equal(trayModel(makeReport([loginWithEnd(null)]), false, 'darwin', T0).tooltip, 'Token valid for 5 h 12 m');
  });
  test('past it, with the token check failing: the time limit is named', () => {
    const over = check('auth.token', 'fail', { summary: 'Login reached its time limit' });
    assert.equal(trayModel(makeReport([loginWithEnd(T0 - HOUR), over]), false, 'darwin', T0).tooltip, 'Login reached its time limit');
  });
  test('another failure first keeps its place', () => {
    const tls = check('network.tls', 'fail', { summary: 'TLS certificate not trusted' });
    assert.equal(
      trayModel(makeReport([loginWithEnd(endsAt), nearing, tls]), false, 'darwin', T0).tooltip,
      'TLS certificate not trusted (+1 more)',
    );
  });
});
