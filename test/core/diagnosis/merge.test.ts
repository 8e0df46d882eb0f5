import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeReport } from '../../../src/core/diagnosis/merge.js';
import { HOUR, lockedKeychain, makeReport, outage, statusFacts, T0 } from '../tray/sample-reports.js';

test('mergeReport replaces fresh checks, keeps the rest, and recomputes overall and plan', () => {
  const before = makeReport();
  const partial = makeReport([lockedKeychain()], 'darwin', T0 + HOUR);
  const merged = mergeReport(before, { ...partial, checks: partial.checks.filter((c) => c.id === 'keychain') });
  assert.equal(merged.checks.length, before.checks.length);
  assert.equal(merged.overall, 'fail');
  assert.deepEqual(merged.plan, ['unlock-keychain']);
  assert.equal(merged.generatedAt, new Date(T0 + HOUR).toISOString());
});

test('a status check answered 304 keeps the verdict it had; any other answer replaces it', () => {
  const before = makeReport([outage('fail')]);
  const poll = makeReport([], 'darwin', T0 + HOUR);
  const statusOk = poll.checks.find((c) => c.id === 'service.status')!;
  const notModified = { ...statusOk, facts: { status: { ...statusFacts([]), httpStatus: 304 } }, durationMs: 42 };
  const kept = mergeReport(before, { ...poll, checks: [notModified] });
  assert.equal(kept.checks.find((c) => c.id === 'service.status')?.status, 'fail');
  assert.equal(kept.checks.find((c) => c.id === 'service.status')?.durationMs, 42);
  const replaced = mergeReport(before, { ...poll, checks: [statusOk] });
  assert.equal(replaced.checks.find((c) => c.id === 'service.status')?.status, 'ok');
});

test('with no report before, the partial report is the report', () => {
  const partial = makeReport();
  assert.equal(mergeReport(null, partial), partial);
});
