/**
 * The whole path a team would run: `watch --metrics` on loopback, scraped by a real Prometheus
 * (Debian's package) that loads the shipped alert rules, queried through its HTTP API; the state
 * it records follows the credentials file, and `up` drops when the watch stops.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWatch } from '../helpers/metrics-watch.js';
import { startPrometheus } from '../helpers/prometheus-server.js';
import { needs } from '../helpers/prometheus-tools.js';
import { makeWorld, oauthCredentials } from '../helpers/world.js';

function deployDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'deploy', 'prometheus');
}

const credentialsFail = 'claude_auth_check_status{job="claude-auth-doctor",check="auth.credentials",status="fail"}';
const one = (values: number[]): boolean => values.length === 1 && values[0] === 1;
const zero = (values: number[]): boolean => values.length === 1 && values[0] === 0;

test('a real Prometheus scrapes watch --metrics and sees the login break', { ...needs('prometheus'), timeout: 180_000 }, async () => {
  const world = await makeWorld({ credentials: oauthCredentials({ refreshTokenExpiresAt: Date.now() + 20 * 86_400_000 }) });
  const watch = await startWatch(world.env, ['--offline', '--label', 'host=dev-1']);
  const prometheus = await startPrometheus({
    targets: [`127.0.0.1:${watch.port}`],
    ruleFiles: [join(deployDir(), 'claude-auth-doctor.rules.yml')],
  });
  try {
    await prometheus.waitFor('up{job="claude-auth-doctor"}', one);
    await prometheus.waitFor(credentialsFail, zero);
    const overall = await prometheus.query('claude_auth_overall_status == 1');
    assert.equal(overall.result.length, 1);
    assert.equal(overall.result[0]?.metric['host'], 'dev-1', 'the --label reaches Prometheus');
    assert.notEqual(overall.result[0]?.metric['status'], 'fail');
    const expiry = await prometheus.query('claude_auth_token_expiry_timestamp_seconds - time()');
    assert.ok(Number(expiry.result[0]?.value[1]) > 3600, 'the token has hours left');
    const login = await prometheus.query('claude_auth_login_expiry_timestamp_seconds - time()');
    assert.ok(Number(login.result[0]?.value[1]) > 19 * 86_400, 'the login has about 20 days left');

    // Every dashboard query is valid PromQL and finds data on this Prometheus.
    const dashboard = JSON.parse(readFileSync(join(deployDir(), 'grafana-dashboard.json'), 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    for (const panel of dashboard.panels)
      for (const { expr } of panel.targets) {
        if (expr.includes('keychain_locked')) continue; // no secret store here: the series is rightly absent
        const answer = await prometheus.query(expr.replaceAll('$instance', '.*'));
        assert.ok(answer.result.length > 0, `${panel.title}: ${expr} found nothing`);
      }

    // The shipped rules load and evaluate cleanly in a real Prometheus.
    const rules = (await prometheus.api('/api/v1/rules')) as { groups: { rules: { name: string; health: string }[] }[] };
    const loaded = rules.groups.flatMap((g) => g.rules);
    assert.equal(loaded.length, 6);
    await prometheus.waitFor('count(ALERTS) or vector(0)', () => true);
    for (const rule of loaded) assert.notEqual(rule.health, 'err', rule.name);

    // The stored login is emptied (an invalid_grant refresh): Prometheus records the failure.
    await writeFile(
      join(world.configDir, '.credentials.json'),
      JSON.stringify(oauthCredentials({ accessToken: '', refreshToken: '', expiresAt: 0 })),
    );
    await prometheus.waitFor(credentialsFail, one);
    await prometheus.waitFor('claude_auth_overall_status{status="fail"}', one);
    await prometheus.waitFor('ALERTS{alertname="ClaudeAuthFailing",alertstate="pending"}', one);

    // The exporter goes away: up drops to 0.
    assert.deepEqual(await watch.stop(), { code: 0, signal: null });
    await prometheus.waitFor('up{job="claude-auth-doctor"}', zero);
  } finally {
    await prometheus.close();
    await watch.stop();
    await world.close();
  }
});
