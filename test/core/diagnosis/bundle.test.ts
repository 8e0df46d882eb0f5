import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDiagnosticBundle } from '../../../src/core/diagnosis/bundle.js';
import { buildReport } from '../../../src/core/diagnosis/build-report.js';
import type { ReportContext } from '../../../src/shared/report.js';

const context: ReportContext = {
  os: 'linux',
  osRelease: '6',
  arch: 'x64',
  nodeVersion: 'v20',
  session: 'ssh',
  ssh: true,
  display: false,
  wsl: false,
  container: false,
  offline: false,
  configDir: '/home/u/.claude',
};

describe('buildDiagnosticBundle', () => {
  const report = buildReport({
    checks: [
      {
        id: 'auth.token',
        status: 'fail',
        title: 'Token',
        summary: 'Server rejected sk-ant-oat01-CANARY-leaked-in-summary-0123456789',
        cause: null,
        fixes: ['reauthenticate'],
        durationMs: 3,
        evidence: { fingerprint: 'fp:12345678', nested: { raw: 'Bearer CANARYsecretvalue1234' } },
        facts: {},
      },
    ],
    context,
    version: '1.2.3',
    now: 0,
  });
  const env = {
    ANTHROPIC_API_KEY: 'sk-ant-api03-CANARY-env-key-0123456789abcdef',
    CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-CANARY-env-oauth-0123456789',
    HTTPS_PROXY: 'http://alice:CANARYpw@proxy.corp:3128',
    NO_PROXY: 'localhost,.corp',
    NODE_EXTRA_CA_CERTS: '/etc/corp-ca.pem',
    PATH: '/usr/bin',
    HOME: '/home/u',
  };
  const bundle = buildDiagnosticBundle(report, env);
  const text = JSON.stringify(bundle);

  test('names the relevant variables, never their secret values', () => {
    assert.deepEqual(bundle.environment.variablesPresent, [
      'ANTHROPIC_API_KEY',
      'CLAUDE_CODE_OAUTH_TOKEN',
      'HTTPS_PROXY',
      'NODE_EXTRA_CA_CERTS',
      'NO_PROXY',
    ]);
    assert.equal(bundle.environment.values['ANTHROPIC_API_KEY'], undefined);
    assert.equal(bundle.environment.values['NODE_EXTRA_CA_CERTS'], '/etc/corp-ca.pem');
    assert.equal(bundle.environment.values['NO_PROXY'], 'localhost,.corp');
  });

  test('strips proxy credentials', () => {
    assert.equal(bundle.environment.values['HTTPS_PROXY'], 'http://***:***@proxy.corp:3128/');
  });

  test('no canary anywhere, even one that slipped into a summary or evidence', () => {
    assert.doesNotMatch(text, /CANARY/);
    assert.match(text, /fp:12345678/);
  });

  test('keeps the report whole', () => {
    assert.equal(bundle.report.overall, 'fail');
    assert.deepEqual(bundle.report.plan, ['reauthenticate']);
    assert.equal(bundle.kind, 'claude-auth-doctor-diagnostic');
  });
});
