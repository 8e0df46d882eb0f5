/** A host's plan, written for that host: sign in from here, or a command run there over ssh -t. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostPlan } from '../../../src/core/remote/host-plan.js';
import type { RemoteHostResult } from '../../../src/shared/remote.js';
import type { HealthReport } from '../../../src/shared/report.js';

const base: RemoteHostResult = {
  name: 'vps-1',
  destination: 'deploy@vps-1.example.com',
  via: 'shell',
  overall: 'fail',
  report: null,
  error: null,
  checkedAt: '2026-01-01T00:00:00.000Z',
};
const withPlan = (plan: HealthReport['plan'], via: RemoteHostResult['via'] = 'shell'): RemoteHostResult => ({
  ...base,
  via,
  report: { plan } as unknown as HealthReport,
});

test('an ended login: sign in from here, or a setup token for an always-on server (listed once)', () => {
  const steps = hostPlan(withPlan(['reauthenticate', 'use-oauth-token']));
  assert.deepEqual(
    steps.map((s) => s.command),
    ['claude-auth-doctor remote login vps-1', 'claude setup-token  # then: claude-auth-doctor remote login vps-1 --setup-token'],
  );
});

test('a locked keychain is unlocked there over ssh -t; other fixes run by the host’s own doctor when it has one', () => {
  assert.equal(
    hostPlan(withPlan(['unlock-keychain']))[0]?.command,
    'ssh -t deploy@vps-1.example.com security unlock-keychain ~/Library/Keychains/login.keychain-db',
  );
  assert.equal(
    hostPlan(withPlan(['fix-proxy'], 'installed'))[0]?.command,
    'ssh -t deploy@vps-1.example.com claude-auth-doctor fix fix-proxy',
  );
});

test('an unreachable host: reach it by hand first, with why', () => {
  const [step] = hostPlan({ ...base, via: null, overall: 'unknown', error: 'host key changed or unknown' });
  assert.equal(step?.title, "See ssh's own words");
  assert.equal(step?.command, 'ssh deploy@vps-1.example.com');
});
