import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { overallOf, planFixes } from '../../../src/core/diagnosis/plan.js';
import { buildReport } from '../../../src/core/diagnosis/build-report.js';
import type { CheckId, CheckResult, FixId, ReportContext, ReportFacts, Status } from '../../../src/shared/report.js';

function check(id: CheckId, status: Status, fixes: FixId[] = [], facts: CheckResult['facts'] = {}): CheckResult {
  return { id, status, title: id, summary: id, cause: null, fixes, durationMs: 1, evidence: {}, facts };
}

const context: ReportContext = {
  os: 'linux',
  osRelease: '6',
  arch: 'x64',
  nodeVersion: 'v20',
  session: 'desktop',
  ssh: false,
  display: true,
  wsl: false,
  container: false,
  offline: false,
  configDir: '/home/u/.claude',
};

describe('overallOf', () => {
  const table: [Status[], string][] = [
    [['ok', 'ok'], 'ok'],
    [['ok', 'skip'], 'ok'],
    [[], 'ok'],
    [['ok', 'unknown'], 'unknown'],
    [['unknown', 'warn'], 'warn'],
    [['warn', 'fail', 'unknown'], 'fail'],
  ];
  for (const [statuses, expected] of table) {
    test(`${statuses.join(',') || '(none)'} → ${expected}`, () => assert.equal(overallOf(statuses), expected));
  }
});

describe('planFixes', () => {
  test('each cause once, the right fix first: failures in the decision tree order, then warnings', () => {
    const plan = planFixes([
      check('network.tls', 'fail', ['trust-corporate-ca', 'fix-proxy']),
      check('auth.token', 'fail', ['reauthenticate', 'reset-credentials']),
      check('service.status', 'warn', ['wait-for-service']),
      check('auth.credentials', 'fail', ['reset-credentials', 'reauthenticate']),
      check('keychain', 'fail', ['unlock-keychain']),
    ]);
    assert.deepEqual(plan, [
      'unlock-keychain',
      'reauthenticate',
      'reset-credentials',
      'trust-corporate-ca',
      'fix-proxy',
      'wait-for-service',
    ]);
  });

  test('TLS interception without a proxy: only the certificate fix, and the token it leaves unconfirmed adds nothing', () => {
    const tls = { tls: { issuer: 'Contoso TLS Inspection CA', failure: 'tls-untrusted', extraCaCerts: null, extraCaProblem: null } };
    const plan = planFixes(
      [check('network.tls', 'fail', ['trust-corporate-ca'], tls), check('auth.token', 'unknown', ['reauthenticate'])],
      tls,
    );
    assert.deepEqual(plan, ['trust-corporate-ca']);
  });

  test('ok and skip checks contribute nothing', () => {
    assert.deepEqual(planFixes([check('keychain', 'ok', ['unlock-keychain']), check('auth.token', 'skip', ['reauthenticate'])]), []);
  });

  test('a failure with no fix of its own still gets a way out', () => {
    assert.deepEqual(planFixes([check('cli.install', 'fail')]), ['contact-support']);
  });
});

describe('buildReport', () => {
  test('a VPN alone is informational', () => {
    const report = buildReport({
      checks: [check('network.vpn', 'ok', [], { vpn: { up: true } }), check('network.tls', 'ok')],
      context,
      version: '1.0.0',
      now: 0,
    });
    assert.equal(report.overall, 'ok');
    assert.equal(report.checks[0]?.status, 'ok');
  });

  test('a VPN up while the API is unreachable becomes a warning with network fixes', () => {
    const report = buildReport({
      checks: [check('network.vpn', 'ok', [], { vpn: { up: true } }), check('network.tls', 'fail', ['fix-proxy'])],
      context,
      version: '1.0.0',
      now: Date.UTC(2026, 0, 1),
    });
    const vpn = report.checks.find((c) => c.id === 'network.vpn');
    assert.equal(vpn?.status, 'warn');
    assert.match(vpn?.cause ?? '', /VPN/);
    assert.equal(report.overall, 'fail');
    // The failing connection's fix first, then what the VPN warning adds.
    assert.deepEqual(report.plan, ['fix-proxy', 'fix-dns']);
    assert.equal(report.generatedAt, '2026-01-01T00:00:00.000Z');
    assert.equal(report.schemaVersion, 1);
  });
});

describe('planFixes: a missing Claude Code leads', () => {
  test('no claude and no login: install first, then sign in (the sign-in needs `claude`)', () => {
    // Only what the rules read: no login method at all.
    const none = { method: { kind: 'none' } } as unknown as ReportFacts;
    const plan = planFixes(
      [check('auth.method', 'fail', ['reauthenticate'], none), check('cli.install', 'fail', ['update-claude-code'])],
      none,
    );
    assert.deepEqual(plan, ['update-claude-code', 'reauthenticate']);
  });

  test('an outdated Claude Code (a warning) does not jump ahead of a failing login', () => {
    const plan = planFixes([check('auth.token', 'fail', ['reauthenticate']), check('cli.install', 'warn', ['update-claude-code'])]);
    assert.deepEqual(plan, ['reauthenticate', 'update-claude-code']);
  });

  test('an outage still comes first: it needs nothing from this machine', () => {
    const plan = planFixes([check('cli.install', 'fail', ['update-claude-code']), check('service.status', 'fail', ['wait-for-service'])]);
    assert.deepEqual(plan, ['wait-for-service', 'update-claude-code']);
  });
});
