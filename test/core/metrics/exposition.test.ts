import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { STATUSES } from '../../../src/shared/report.js';
import { createExporter } from '../../../src/core/metrics/exporter.js';
import { renderExposition } from '../../../src/core/metrics/exposition.js';
import { check, HOUR, makeReport, T0 } from '../tray/sample-reports.js';
import { assertValidExposition, needs, sample } from '../../helpers/prometheus-tools.js';

const CANARY = 'sk-ant-oat01-CANARY-metrics-0123456789abcdefghijklmnop';

/** A failing, locked machine whose evidence is full of things that must never reach a scrape. */
function lockedReport() {
  return makeReport([
    check('auth.credentials', 'fail', {
      evidence: { accessToken: CANARY, email: 'jane@example.com' },
      facts: {
        login: {
          store: 'keychain',
          keychainLocked: true,
          hasAccessToken: false,
          hasRefreshToken: false,
          problems: [],
          account: null,
          subscription: null,
          endsAt: '2025-03-03T09:00:00.000Z',
          ended: null,
        },
      },
    }),
    check('keychain', 'fail', { facts: { keychain: { state: 'locked' } } }),
    check('cli.install', 'ok', {
      facts: { claude: { version: '2.1.14', method: 'native', path: '/home/jane/.local/bin/claude', installs: [], processes: null } },
    }),
    check('network.vpn', 'unknown'),
  ]);
}

describe('renderExposition', () => {
  test('each check is one-hot over the five statuses, with its duration; overall one-hot over four', async () => {
    const report = lockedReport();
    const text = await renderExposition(report, { version: '9.8.7' });
    for (const c of report.checks) {
      const hot = STATUSES.filter((s) => sample(text, 'claude_auth_check_status', { check: c.id, status: s }) === 1);
      assert.deepEqual(hot, [c.status], c.id);
      assert.equal(STATUSES.filter((s) => sample(text, 'claude_auth_check_status', { check: c.id, status: s }) === 0).length, 4);
      assert.equal(sample(text, 'claude_auth_check_duration_seconds', { check: c.id }), c.durationMs / 1000);
    }
    assert.equal(report.overall, 'fail');
    assert.deepEqual(
      ['ok', 'warn', 'fail', 'unknown'].map((s) => sample(text, 'claude_auth_overall_status', { status: s })),
      [0, 0, 1, 0],
    );
    assert.equal(sample(text, 'claude_auth_overall_status', { status: 'skip' }), undefined);
  });

  test('times and states come from the typed facts', async () => {
    const text = await renderExposition(lockedReport(), { version: '9.8.7' });
    assert.equal(sample(text, 'claude_auth_last_check_timestamp_seconds'), T0 / 1000);
    assert.equal(sample(text, 'claude_auth_token_expiry_timestamp_seconds'), (T0 + 5 * HOUR + 12 * 60_000) / 1000);
    assert.equal(sample(text, 'claude_auth_login_expiry_timestamp_seconds'), Date.parse('2025-03-03T09:00:00.000Z') / 1000);
    assert.equal(sample(text, 'claude_auth_keychain_locked'), 1);
    assert.equal(sample(text, 'claude_auth_doctor_build_info', { version: '9.8.7', claude_code_version: '2.1.14' }), 1);
  });

  test('what is not known is left out, not reported as 0', async () => {
    const report = makeReport(
      [
        check('keychain', 'skip', { facts: { keychain: { state: 'unsupported' } } }),
        check('auth.token', 'unknown', { facts: { token: { kind: 'api-key', expiresAt: null, hasRefreshToken: false } } }),
      ],
      'win32',
    );
    const text = await renderExposition(report, { version: '1.0.0' });
    for (const name of [
      'claude_auth_keychain_locked',
      'claude_auth_token_expiry_timestamp_seconds',
      'claude_auth_login_expiry_timestamp_seconds',
    ])
      assert.ok(!text.includes(`\n${name}`) && !text.startsWith(name), `${name} should be absent:\n${text}`);
    assert.equal(sample(text, 'claude_auth_doctor_build_info', { claude_code_version: '' }), 1);
  });

  test('before the first report: build info only', async () => {
    const text = await renderExposition(null, { version: '1.0.0' });
    assert.deepEqual(
      text.split('\n').filter((l) => l && !l.startsWith('#')),
      ['claude_auth_doctor_build_info{version="1.0.0",claude_code_version=""} 1'],
    );
  });

  test('extra labels go on every series; no secret, e-mail or evidence reaches the text', async () => {
    const text = await renderExposition(lockedReport(), { version: '9.8.7', labels: { host: 'build-7', team: 'infra' } });
    const samples = text.split('\n').filter((l) => l && !l.startsWith('#'));
    assert.ok(samples.length > 60);
    for (const line of samples) assert.match(line, /host="build-7",team="infra"\}/, line);
    assert.ok(!text.includes('CANARY') && !text.includes('@') && !text.includes('/home/jane'), text);
  });

  test('a claude version that is not version-shaped is not copied into a label', async () => {
    const report = makeReport([
      check('cli.install', 'warn', {
        facts: { claude: { version: 'weird "x"\nnext', method: null, path: null, installs: [], processes: null } },
      }),
    ]);
    const text = await renderExposition(report, { version: '1.0.0' });
    assert.equal(sample(text, 'claude_auth_doctor_build_info', { claude_code_version: '' }), 1);
  });

  test('the exporter renders once per report and serves the latest', async () => {
    const exporter = createExporter({ version: '1.0.0' });
    assert.equal(sample(await exporter.text(), 'claude_auth_overall_status', { status: 'ok' }), undefined);
    exporter.update(makeReport());
    assert.equal(sample(await exporter.text(), 'claude_auth_overall_status', { status: 'ok' }), 1);
    exporter.update(lockedReport());
    const text = await exporter.text();
    assert.equal(sample(text, 'claude_auth_overall_status', { status: 'fail' }), 1);
    assert.equal(await exporter.text(), text, 'the same text until the next report');
  });

  test('promtool check metrics accepts every exposition', needs('promtool'), async () => {
    const reports = [null, makeReport(), lockedReport(), makeReport([], 'win32'), makeReport([], 'linux')];
    for (const report of reports) {
      await assertValidExposition(await renderExposition(report, { version: '0.1.0' }));
      await assertValidExposition(await renderExposition(report, { version: '0.1.0', labels: { host: 'vps-3' } }));
    }
  });
});

test('the promtool check can fail: a broken exposition and a lint problem are reported', needs('promtool'), async () => {
  await assert.rejects(assertValidExposition('claude_auth_x{check="a" 1\n'), /promtool check metrics rejected it/);
  await assert.rejects(assertValidExposition('# HELP c_bytes x\n# TYPE c_bytes counter\nc_bytes 1\n'), /"_total" suffix/);
});
