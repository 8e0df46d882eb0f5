/**
 * The tray in the six worlds of issue 11, as the menu reads: every line, in plain words, each
 * cause named once (the icon's state too: an outage is amber, not the user's fault).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { menuTemplate } from '../../../src/core/tray/menu-template.js';
import { trayModel } from '../../../src/core/tray/tray-model.js';
import type { CheckResult, HealthReport } from '../../../src/shared/report.js';
import { check, HOUR, makeReport, outage, storedLogin, T0 } from './sample-reports.js';

const login = (more: Parameters<typeof storedLogin>[0] = {}, status?: CheckResult['status'], summary?: string): CheckResult =>
  storedLogin({ subscription: 'pro', ...more }, status, summary);

const unconfirmed = (id: 'auth.token' | 'service.status', summary: string): CheckResult => check(id, 'unknown', { summary });

const WORLDS: Record<string, () => HealthReport> = {
  healthy: () => makeReport([login()]),
  'expired login without refresh token': () =>
    makeReport([
      login({ hasRefreshToken: false }),
      check('auth.token', 'fail', {
        summary: 'Access token expired 3 h ago; no refresh token',
        fixes: ['reauthenticate'],
        facts: { token: { kind: 'subscription', expiresAt: new Date(T0 - 3 * HOUR).toISOString(), hasRefreshToken: false } },
      }),
    ]),
  outage: () => makeReport([login(), outage('fail', 'Elevated errors on Claude Code')]),
  'TLS interception': () =>
    makeReport([
      login(),
      check('network.tls', 'fail', {
        summary: 'Certificate for api.anthropic.com issued by Contoso TLS Inspection CA is not trusted',
        fixes: ['trust-corporate-ca'],
        facts: { tls: { issuer: 'Contoso TLS Inspection CA', failure: 'tls-untrusted', extraCaCerts: null, extraCaProblem: null } },
      }),
      // What interception also hides: the token and the status page cannot be confirmed.
      unconfirmed('auth.token', 'Anthropic could not be reached to confirm the token'),
      unconfirmed('service.status', 'Could not reach the status page'),
    ]),
  'API key over Pro': () =>
    makeReport([
      login(),
      check('auth.method', 'warn', {
        summary: 'ANTHROPIC_API_KEY overrides your Pro subscription',
        fixes: ['unset-conflicting-env'],
        facts: {
          method: {
            kind: 'api-key',
            source: 'ANTHROPIC_API_KEY',
            overridesLogin: true,
            provider: 'firstParty',
            interactive: { kind: 'api-key', xApiKey: 'ANTHROPIC_API_KEY', authorization: null },
            print: { kind: 'api-key', xApiKey: 'ANTHROPIC_API_KEY', authorization: null },
            variables: [{ name: 'ANTHROPIC_API_KEY', setIn: 'shells', places: ['~/.zshrc:12'], terminal: 'same' }],
          },
        },
      }),
    ]),
  'damaged credentials': () =>
    makeReport([
      login(
        { store: 'file', hasAccessToken: false, hasRefreshToken: false, problems: ['corrupt-json'] },
        'fail',
        'The saved login file is not valid JSON',
      ),
      check('auth.token', 'fail', { summary: 'No usable access token', fixes: ['reauthenticate'] }),
    ]),
};

/** The whole menu: the status line, the lines under it, then the fixed part with the service line. */
function menu(status: string, lines: string[], service = 'Anthropic status: operational'): string[] {
  return [
    status,
    ...lines,
    '—',
    'Open Fix Wizard…',
    'Check Now',
    '—',
    service,
    '—',
    'Copy Diagnostic Report',
    'Preferences…',
    '—',
    'Quit Claude Auth Doctor',
  ];
}

/** Each world: the icon's state, then the menu's lines (separators as '—'). */
const EXPECTED: Record<string, { state: string; lines: string[] }> = {
  healthy: { state: 'ok', lines: menu('Token valid for 5 h 12 m', []) },
  'expired login without refresh token': { state: 'fail', lines: menu('Your Claude login expired', ['Sign in to Claude Code again…']) },
  outage: {
    state: 'warn',
    lines: menu('Claude Code outage: Elevated errors on Claude Code', [], 'Open the incident on Anthropic’s status page…'),
  },
  'TLS interception': {
    state: 'fail',
    lines: menu(
      'Your network intercepts Claude’s connection',
      ["Trust your company's TLS inspection certificate…"],
      'Anthropic status: unknown',
    ),
  },
  'API key over Pro': {
    state: 'warn',
    lines: menu('An API key overrides your Pro subscription', ['Remove the variable that overrides your login…']),
  },
  'damaged credentials': {
    state: 'fail',
    lines: menu('Your saved login file is damaged', ['Move the damaged stored login aside and sign in again…']),
  },
};

describe('the tray in the six worlds: plain words, each cause once', () => {
  for (const [world, build] of Object.entries(WORLDS)) {
    test(world, () => {
      const report = build();
      const model = trayModel(report, false, 'darwin', T0);
      const menu = menuTemplate(model, report, 'darwin');
      assert.equal(model.state, EXPECTED[world]?.state);
      assert.deepEqual(
        menu.map((i) => (i.kind === 'separator' ? '—' : i.label)),
        EXPECTED[world]?.lines,
      );
      const text = JSON.stringify(menu);
      assert.doesNotMatch(text, /Contoso|sk-ant|fp:/, 'no certificate subject, no credential, no fingerprint');
      for (const line of menu.filter((i) => i.kind === 'normal')) {
        assert.equal(menu.filter((i) => i.label === line.label).length, 1, `"${line.label}" said once`);
      }
    });
  }
});
