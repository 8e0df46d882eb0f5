/** The one "Signed in as …" line the wizard's ending and the CLI's `fix` ending both say. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedInLine } from '../../src/shared/causes.js';
import type { HealthReport } from '../../src/shared/report.js';

function report(login: unknown): HealthReport {
  return { facts: { login } } as unknown as HealthReport;
}

test('signedInLine: the masked account and the plan, capitalised; null when the account is not known', () => {
  assert.equal(signedInLine(report({ account: 'd***@example.com', subscription: 'max' })), 'Signed in as d***@example.com (Max)');
  assert.equal(signedInLine(report({ account: 'd***@example.com', subscription: null })), 'Signed in as d***@example.com');
  assert.equal(signedInLine(report({ account: null, subscription: 'pro' })), null);
  assert.equal(signedInLine(report(undefined)), null);
});
