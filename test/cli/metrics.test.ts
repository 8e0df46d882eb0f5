import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { startWatch } from '../helpers/metrics-watch.js';
import { checkWithPromtool, sample } from '../helpers/prometheus-tools.js';
import { CANARY, makeWorld, oauthCredentials } from '../helpers/world.js';

const noSecrets = (text: string): void => {
  assert.ok(!text.includes('CANARY'), 'no token text');
  assert.ok(!text.includes('jane@example.com'), 'no e-mail');
};

describe('check --format prometheus', () => {
  test('prints the exposition of a healthy machine, with the label asked for', { timeout: 60_000 }, async (t) => {
    const world = await makeWorld();
    try {
      const run = await runCli(['check', '--format', 'prometheus', '--label', 'host=ci-7'], { env: world.env });
      assert.equal(run.code, 0, run.stderr + run.stdout);
      assert.equal(sample(run.stdout, 'claude_auth_overall_status', { status: 'ok', host: 'ci-7' }), 1);
      assert.equal(sample(run.stdout, 'claude_auth_check_status', { check: 'auth.token', status: 'ok' }), 1);
      assert.equal(sample(run.stdout, 'claude_auth_doctor_build_info', { claude_code_version: '2.1.14' }), 1);
      const expiry = sample(run.stdout, 'claude_auth_token_expiry_timestamp_seconds');
      assert.ok(expiry !== undefined && expiry * 1000 > Date.now(), `token expiry in the future: ${expiry}`);
      noSecrets(run.stdout + run.stderr);
      await checkWithPromtool(t, run.stdout);
    } finally {
      await world.close();
    }
  });

  test('--out writes the file atomically, world-readable, and prints nothing', { timeout: 60_000 }, async (t) => {
    const world = await makeWorld({ credentials: oauthCredentials({ accessToken: '', refreshToken: '', expiresAt: 0 }) });
    try {
      const out = join(world.home, 'claude_auth.prom');
      const run = await runCli(['check', '--offline', '--format', 'prometheus', '--out', out], { env: world.env });
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.stdout, '');
      const text = await readFile(out, 'utf8');
      assert.equal(sample(text, 'claude_auth_check_status', { check: 'auth.credentials', status: 'fail' }), 1);
      assert.equal((await stat(out)).mode & 0o777, 0o644);
      noSecrets(text);
      await checkWithPromtool(t, text);

      const missing = await runCli(['check', '--offline', '--format', 'prometheus', '--out', join(world.home, 'nope', 'x.prom')], {
        env: world.env,
      });
      assert.equal(missing.code, 3);
      assert.match(missing.stderr, /Could not write the metrics to .*nope\/x\.prom: its directory does not exist/);
    } finally {
      await world.close();
    }
  });

  test('a bad --label is a usage error that says why', async () => {
    const run = await runCli(['check', '--format', 'prometheus', '--label', `token=${CANARY.access}`], {
      env: { PATH: process.env['PATH'] },
    });
    assert.equal(run.code, 3);
    assert.match(run.stderr, /looks like an e-mail address, a credential or a secret/);
    noSecrets(run.stderr);
  });
});

describe('watch --metrics', () => {
  test('serves the merged report and follows a change of the credentials file', { timeout: 90_000 }, async (t) => {
    const world = await makeWorld();
    const watch = await startWatch(world.env, ['--offline', '--label', 'host=dev-1']);
    try {
      const healthy = await watch.scrapeUntil(
        (t) => sample(t, 'claude_auth_check_status', { check: 'auth.credentials', status: 'ok' }) === 1,
      );
      assert.equal(sample(healthy, 'claude_auth_overall_status', { status: 'fail', host: 'dev-1' }), 0);
      assert.equal((await watch.scrape('/-/healthy')).body, 'OK\n');

      // A refresh that failed with invalid_grant empties the tokens: the scrape must show it.
      await writeFile(
        join(world.configDir, '.credentials.json'),
        JSON.stringify(oauthCredentials({ accessToken: '', refreshToken: '', expiresAt: 0 })),
      );
      const broken = await watch.scrapeUntil(
        (t) => sample(t, 'claude_auth_check_status', { check: 'auth.credentials', status: 'fail' }) === 1,
      );
      assert.equal(sample(broken, 'claude_auth_overall_status', { status: 'fail' }), 1);
      assert.equal(sample(broken, 'claude_auth_token_expiry_timestamp_seconds'), undefined, 'no expiry for an emptied login');
      noSecrets(broken);
      await checkWithPromtool(t, broken);
      assert.deepEqual(await watch.stop(), { code: 0, signal: null });
    } finally {
      await watch.stop();
      await world.close();
    }
  });

  test('a port in use is a clear error', { timeout: 60_000 }, async () => {
    const world = await makeWorld();
    const first = await startWatch(world.env, ['--offline']);
    try {
      const second = await runCli(['watch', '--offline', '--metrics', `127.0.0.1:${first.port}`], { env: world.env });
      assert.equal(second.code, 3);
      assert.match(second.stderr, /Cannot serve metrics on 127\.0\.0\.1:\d+: the port is in use .* Pick another with --metrics HOST:PORT/);
    } finally {
      await first.stop();
      await world.close();
    }
  });
});
