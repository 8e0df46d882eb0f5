/** The "what next" line of `check` in a terminal: the command to type, never "the app". */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextInTerminal } from '../../src/cli/render-human.js';
import { FINDING_CODES, type Finding, type HealthReport } from '../../src/shared/report.js';

function finding(code: Finding['code'], fixes: Finding['fixes']): Finding {
  return {
    code,
    title: code,
    detail: code,
    next: 'The app does it.',
    severity: 'fail',
    checks: [],
    fixes,
    dependsOn: [],
    suppressedBy: null,
    timeToVisibleMs: 0,
  };
}

function report(display: boolean): HealthReport {
  return { context: { display } } as unknown as HealthReport;
}

test('every cause’s next line in a terminal names a command, not the app; the wizard only with a desktop', () => {
  for (const code of FINDING_CODES.filter((c) => c !== 'stale-terminal')) {
    for (const fixes of [['reauthenticate'], []] as Finding['fixes'][]) {
      const headless = nextInTerminal(finding(code, fixes), report(false));
      assert.doesNotMatch(headless, /\bthe app\b/i, `${code}: ${headless}`);
      assert.match(headless, /`claude-auth-doctor (fix|check|wait)`/, `${code}: ${headless}`);
      assert.doesNotMatch(headless, /wizard/, `${code}: no window to open over SSH`);
    }
  }
  assert.match(nextInTerminal(finding('login-expired', ['reauthenticate']), report(true)), /`claude-auth-doctor wizard` in a window/);
});
