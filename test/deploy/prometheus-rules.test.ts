/** The shipped alert rules and dashboard, checked by Prometheus' own tool: promtool check/test rules. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { needs, promtool } from '../helpers/prometheus-tools.js';

function deployDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'deploy', 'prometheus');
}

const DIR = deployDir();
const RULES = join(DIR, 'claude-auth-doctor.rules.yml');
const RULE_TESTS = join(DIR, 'claude-auth-doctor.rules.test.yml');
const ALERTS = [
  'ClaudeLoginEndsSoon',
  'ClaudeAuthFailing',
  'ClaudeKeychainLocked',
  'ClaudeAuthStatusUnknown',
  'ClaudeAuthDoctorDown',
  'ClaudeAuthDoctorStale',
];

describe('deploy/prometheus', () => {
  test('promtool check rules: the rules parse and lint clean', needs('promtool'), async () => {
    const run = await promtool(['check', 'rules', RULES]);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /SUCCESS: 6 rules found/);
  });

  test('promtool test rules: each alert fires when it should and not before', needs('promtool'), async () => {
    const run = await promtool(['test', 'rules', RULE_TESTS]);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /SUCCESS/);
    const tests = readFileSync(RULE_TESTS, 'utf8');
    for (const alert of ALERTS)
      assert.match(tests, new RegExp(`alertname: ${alert}\\n\\s+exp_alerts:\\n\\s+- exp_labels`), `${alert} is tested firing`);
  });

  test('the dashboard is Grafana JSON whose every query uses only series the doctor exports', () => {
    const dashboard = JSON.parse(readFileSync(join(DIR, 'grafana-dashboard.json'), 'utf8')) as {
      uid: string;
      panels: { title: string; targets: { expr: string }[] }[];
    };
    assert.equal(dashboard.uid, 'claude-auth-doctor');
    assert.ok(dashboard.panels.length >= 5);
    for (const panel of dashboard.panels) {
      assert.ok(panel.targets.length > 0, panel.title);
      for (const { expr } of panel.targets) {
        const names = expr.match(/\bclaude_[a-z_]+/g) ?? [];
        assert.ok(names.length > 0, `${panel.title}: ${expr}`);
        for (const name of names)
          assert.match(
            name,
            /^claude_auth_(check_status|overall_status|check_duration_seconds|last_check_timestamp_seconds|token_expiry_timestamp_seconds|login_expiry_timestamp_seconds|keychain_locked|doctor_build_info)$/,
          );
      }
    }
  });
});
