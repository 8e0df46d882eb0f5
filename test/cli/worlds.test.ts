/**
 * The CLI end to end, as whole processes, against worlds built on loopback: a healthy one and
 * each broken one the issue names. Every output of every run is swept for canary tokens.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stat, readFile, truncate, writeFile, symlink, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CHECK_IDS, type CheckResult, type HealthReport } from '../../src/shared/report.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { startKeyring } from '../helpers/keyring.js';
import { makeWorld, oauthCredentials, CANARY, type World, type WorldOptions } from '../helpers/world.js';

const outputs: CliRun[] = [];
const worlds: World[] = [];

async function check(
  options: WorldOptions,
  args: string[] = ['check', '--json'],
): Promise<{ run: CliRun; report: HealthReport; world: World }> {
  const world = await makeWorld(options);
  worlds.push(world);
  const run = await runCli(args, { env: world.env });
  outputs.push(run);
  let report: HealthReport;
  try {
    report = JSON.parse(run.stdout) as HealthReport;
  } catch {
    assert.fail(`check --json printed no JSON (exit ${run.code}): ${run.stdout.slice(0, 500)} ${run.stderr.slice(0, 500)}`);
  }
  return { run, report, world };
}

function byId(report: HealthReport, id: string): CheckResult {
  const found = report.checks.find((c) => c.id === id);
  assert.ok(found, `report has ${id}`);
  return found;
}

after(async () => {
  await Promise.all(worlds.map((w) => w.close()));
});

describe('check --json, end to end', () => {
  test('healthy world: every check present, overall ok, exit 0, the token checked with the server', async () => {
    const { run, report, world } = await check({});
    assert.equal(run.code, 0, run.stdout);
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.tool.name, 'claude-auth-doctor');
    assert.equal(report.checks.length, 12);
    assert.equal(report.overall, 'ok', JSON.stringify(report.checks.filter((c) => c.status !== 'ok' && c.status !== 'skip')));
    assert.deepEqual(report.plan, []);
    assert.equal(byId(report, 'auth.token').status, 'ok');
    assert.ok(world.apiRequests().some((r) => r.path.startsWith('/api/oauth/profile')));
    for (const c of report.checks) {
      assert.equal(typeof c.durationMs, 'number');
      assert.ok(['ok', 'warn', 'fail', 'unknown', 'skip'].includes(c.status));
    }
  });

  test('expired login without a refresh token: auth.token fails, plan starts with re-login, exit 2', async () => {
    const { run, report } = await check({ credentials: oauthCredentials({ expiresAt: Date.now() - 3600_000, refreshToken: undefined }) });
    assert.equal(run.code, 2);
    assert.equal(byId(report, 'auth.token').status, 'fail');
    assert.ok(report.plan.includes('reauthenticate'));
  });

  test('expired access token with a live refresh token is fine (Claude Code renews it; the doctor never does)', async () => {
    const { report, world } = await check({ credentials: oauthCredentials({ expiresAt: Date.now() - 3600_000 }) });
    assert.equal(byId(report, 'auth.token').status, 'ok');
    assert.match(byId(report, 'auth.token').summary, /renews it on its next request/);
    assert.ok(!world.apiRequests().some((r) => r.path.startsWith('/api/oauth/profile')), 'no online check of an expired token');
  });

  test('emptied tokens (a refresh failed with invalid_grant): credentials fail', async () => {
    const { report } = await check({ credentials: oauthCredentials({ accessToken: '', refreshToken: '', expiresAt: 0 }) });
    assert.equal(byId(report, 'auth.credentials').status, 'fail');
    assert.match(JSON.stringify(byId(report, 'auth.credentials')), /emptied|invalid_grant/i);
  });

  test('the server rejects a token that should be valid: fail with the server reason', async () => {
    const { report } = await check({ api: 'reject' });
    const token = byId(report, 'auth.token');
    assert.equal(token.status, 'fail');
    assert.match(`${token.summary} ${token.cause}`, /revoked/);
  });

  test('an outage: service.status fails and the plan rules it out first', async () => {
    const { report } = await check({ status: 'major-outage' });
    const status = byId(report, 'service.status');
    assert.equal(status.status, 'fail');
    assert.match(`${status.summary} ${status.cause}`, /Elevated errors on Claude API/);
    assert.equal(report.plan[0], 'wait-for-service');
  });

  test('TLS interception: the API presents an untrusted corporate certificate', async () => {
    const { report } = await check({ api: 'rogue-tls' });
    const tls = byId(report, 'network.tls');
    assert.equal(tls.status, 'fail');
    assert.match(`${tls.summary} ${tls.cause}`, /Contoso/);
    assert.ok(tls.fixes.includes('trust-corporate-ca'));
    assert.equal(byId(report, 'auth.token').status, 'unknown', 'a network error never reads as expired');
  });

  test('every endpoint blackholed: the whole check ends near --timeout and nothing reads as expired', async () => {
    const { run, report } = await check({ api: 'blackhole', status: 'blackhole' }, ['check', '--json', '--timeout', '1500']);
    assert.ok(run.elapsedMs < 1500 + 2500, `took ${run.elapsedMs} ms`);
    assert.equal(byId(report, 'auth.token').status, 'unknown');
    assert.equal(byId(report, 'service.status').status, 'unknown');
    assert.notEqual(report.overall, 'ok');
  });

  test('corrupt credentials JSON: named, with the reset fix', async () => {
    const { report } = await check({ credentials: '{"claudeAiOauth": {"accessToken": "sk-ant-oat01-CANARY-trunc' });
    const creds = byId(report, 'auth.credentials');
    assert.equal(creds.status, 'fail');
    assert.ok(creds.fixes.includes('reset-credentials'));
  });

  const badFiles: [string, string | object][] = [
    ['BOM', '\uFEFF' + JSON.stringify(oauthCredentials())],
    ['a non-object', '[]'],
    ['wrong field types', { claudeAiOauth: { accessToken: 42, expiresAt: 'soon' } }],
  ];
  for (const [name, content] of badFiles) {
    test(`credentials with ${name}: a clear status, never a crash`, async () => {
      const { run, report } = await check({ credentials: content });
      assert.ok([0, 1, 2].includes(run.code ?? -1), run.stderr);
      const creds = byId(report, 'auth.credentials');
      assert.ok(creds.summary.length > 0);
      if (name !== 'BOM') assert.equal(creds.status, 'fail');
    });
  }

  test('a 50 MB credentials file is reported, not read', async () => {
    const world = await makeWorld({});
    worlds.push(world);
    const path = join(world.configDir, '.credentials.json');
    await truncate(path, 50 * 1024 * 1024);
    const run = await runCli(['check', '--json', '--offline'], { env: world.env });
    outputs.push(run);
    const creds = byId(JSON.parse(run.stdout) as HealthReport, 'auth.credentials');
    assert.equal(creds.status, 'fail');
    assert.match(`${creds.summary} ${creds.cause}`, /large|MB|MiB/i);
  });

  test('a symlink to nowhere is named', async () => {
    const world = await makeWorld({ credentials: null });
    worlds.push(world);
    await symlink(join(world.home, 'gone.json'), join(world.configDir, '.credentials.json'));
    const run = await runCli(['check', '--json', '--offline'], { env: world.env });
    const creds = byId(JSON.parse(run.stdout) as HealthReport, 'auth.credentials');
    assert.equal(creds.status, 'fail');
    assert.match(`${creds.summary} ${creds.cause}`, /gone\.json|link/i);
  });

  test('ANTHROPIC_API_KEY silently overriding a subscription login is flagged', async () => {
    const { report } = await check({ env: { ANTHROPIC_API_KEY: CANARY.apiKey } });
    const method = byId(report, 'auth.method');
    assert.equal(method.status, 'warn');
    assert.ok(method.fixes.includes('unset-conflicting-env'));
  });

  test('a malformed ANTHROPIC_BASE_URL is named', async () => {
    const { report } = await check({ env: { ANTHROPIC_BASE_URL: 'api.anthropic.com' } });
    assert.match(JSON.stringify(report.checks), /ANTHROPIC_BASE_URL/);
    assert.notEqual(report.overall, 'ok');
  });

  test('a malformed proxy URL is named', async () => {
    const { report } = await check({ env: { HTTPS_PROXY: 'http://proxy:notaport' } });
    const proxy = byId(report, 'network.proxy');
    assert.equal(proxy.status, 'fail');
    assert.match(`${proxy.summary} ${proxy.cause}`, /HTTPS_PROXY/);
  });

  test('a Console login (primaryApiKey) is checked with x-api-key against /v1/models', async () => {
    const { report, world } = await check({ credentials: null, primaryApiKey: true });
    assert.equal(byId(report, 'auth.method').status, 'ok');
    assert.equal(byId(report, 'auth.token').status, 'ok');
    assert.ok(world.apiRequests().some((r) => r.path.startsWith('/v1/models')));
  });

  test('a locked Secret Service (real gnome-keyring) is reported with the unlock fix', async (t) => {
    const keyring = await startKeyring();
    if ('skip' in keyring) {
      t.skip(keyring.skip);
      return;
    }
    try {
      await keyring.lock();
      const { report } = await check({ env: { DBUS_SESSION_BUS_ADDRESS: keyring.env.DBUS_SESSION_BUS_ADDRESS } }, [
        'check',
        '--json',
        '--offline',
      ]);
      const keychain = byId(report, 'keychain');
      assert.equal(keychain.status, 'warn');
      assert.ok(report.plan.includes('unlock-keychain'));
    } finally {
      await keyring.stop();
    }
  });

  test('--offline: no network, network checks skipped, local verdict stands', async () => {
    const { report, world } = await check({}, ['check', '--json', '--offline']);
    assert.equal(world.apiRequests().length, 0);
    for (const id of ['network.dns', 'network.tls', 'service.status']) assert.equal(byId(report, id).status, 'skip');
    assert.equal(report.context.offline, true);
  });

  test('--only limits the report', async () => {
    const { report } = await check({}, ['check', '--json', '--only', 'auth.credentials,cli.install']);
    assert.deepEqual(
      report.checks.map((c) => c.id),
      ['auth.credentials', 'cli.install'],
    );
  });
});

describe('human output and usage', () => {
  test('one line per check, then the plan; no colour when piped', async () => {
    const world = await makeWorld({ credentials: oauthCredentials({ expiresAt: Date.now() - 3600_000, refreshToken: undefined }) });
    worlds.push(world);
    const run = await runCli(['check', '--offline'], { env: world.env });
    outputs.push(run);
    assert.equal(run.code, 2);
    assert.ok(!run.stdout.includes('\u001b['));
    // The wizard's words: the cause as the headline, check titles (ids stay in --json).
    assert.match(
      run.stdout,
      /^Your Claude login expired\nRun `claude-auth-doctor fix`: it signs you in right there and checks it works\.\n/,
    );
    assert.match(run.stdout, /\n✗ Token +Access token expired/);
    assert.doesNotMatch(run.stdout, /auth\.token/);
    assert.match(run.stdout, /Plan:\n\s+1\. Sign in to Claude Code again\n/);
  });

  test('FORCE_COLOR colours, NO_COLOR wins over it', async () => {
    const world = await makeWorld({});
    worlds.push(world);
    const coloured = await runCli(['check', '--offline'], { env: { ...world.env, FORCE_COLOR: '1' } });
    assert.ok(coloured.stdout.includes('\u001b['));
    const plain = await runCli(['check', '--offline'], { env: { ...world.env, FORCE_COLOR: '1', NO_COLOR: '1' } });
    assert.ok(!plain.stdout.includes('\u001b['));
  });

  test('usage errors exit 3 with a hint', async () => {
    const world = await makeWorld({});
    worlds.push(world);
    for (const args of [['check', '--only', 'nope'], ['frobnicate'], ['check', '--timeout', 'x']]) {
      const run = await runCli(args, { env: world.env });
      assert.equal(run.code, 3, args.join(' '));
      assert.match(run.stderr, /--help/);
    }
  });

  test('--version and --help', async () => {
    const world = await makeWorld({});
    worlds.push(world);
    const version = await runCli(['--version'], { env: world.env });
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    const help = await runCli(['--help'], { env: world.env });
    assert.match(help.stdout, /Exit codes/);
    // One 80×24 screen that says where to start; every option with `help all`.
    assert.match(help.stdout, /^Start here: +claude-auth-doctor fix$/m);
    const lines = help.stdout.trimEnd().split('\n');
    assert.ok(lines.length <= 23, `--help is ${lines.length} lines`);
    for (const line of lines) assert.ok(line.length <= 80, `wider than 80: ${line}`);
    const all = await runCli(['help', 'all'], { env: world.env });
    assert.match(all.stdout, /CLAUDE_AUTH_DOCTOR_STATUS_URL/);
  });

  test('a mistyped command, flag, fix or check id suggests the nearest', async () => {
    const world = await makeWorld({});
    worlds.push(world);
    const cases: [string[], RegExp][] = [
      [['chek'], /Unknown command "chek"\. Did you mean "check"\?/],
      [['check', '--jsno'], /Unknown option '--jsno'\. Did you mean "--json"\?/],
      [['remote', 'add', '-oProxyCommand=x'], /Unknown option '-o'\. See --help\.\n/],
      [['fix', 'reauthenticat'], /Unknown fix "reauthenticat"\. Did you mean "reauthenticate"\?/],
      [['check', '--only', 'auth.tokn'], /unknown: auth\.tokn\. Did you mean "auth\.token"\?/],
      [['frobnicate'], /Unknown command "frobnicate"\. Commands: check, /],
    ];
    for (const [args, expected] of cases) {
      const run = await runCli(args, { env: world.env });
      assert.equal(run.code, 3, args.join(' '));
      assert.match(run.stderr, expected);
    }
  });
});

describe('explain and report', () => {
  test('explain --json gives ranked matches; nothing matching exits 1', async () => {
    const world = await makeWorld({});
    worlds.push(world);
    const hit = await runCli(
      [
        'explain',
        '--json',
        'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"OAuth token has expired. Please obtain a new token or refresh your existing token."}}',
      ],
      { env: world.env },
    );
    assert.equal(hit.code, 0);
    const parsed = JSON.parse(hit.stdout) as { matches: { id: string; fixes: string[]; severity: string }[] };
    assert.ok(parsed.matches.length >= 1);
    assert.ok(parsed.matches[0]?.fixes.includes('reauthenticate'));
    const miss = await runCli(['explain', '--json', 'the quick brown fox'], { env: world.env });
    assert.equal(miss.code, 1);
    assert.deepEqual(JSON.parse(miss.stdout), { matches: [] });
  });

  test('explain <check-id> says what that check touches, for every check', async () => {
    const world = await makeWorld({});
    worlds.push(world);
    for (const id of CHECK_IDS) {
      const run = await runCli(['explain', '--json', id], { env: world.env });
      assert.equal(run.code, 0, run.stderr);
      const { check } = JSON.parse(run.stdout) as { check: { id: string; touches: string } };
      assert.equal(check.id, id);
      assert.ok(check.touches.length > 20, `${id} says what it touches`);
    }
    const token = await runCli(['explain', 'auth.token'], { env: world.env });
    assert.match(token.stdout, /^auth\.token — /);
    assert.match(token.stdout, /Touches: .*never refreshes/i);
  });

  test('explain - reads stdin, and never echoes a pasted token', async () => {
    const world = await makeWorld({});
    worlds.push(world);
    const run = await runCli(['explain', '-'], { env: world.env, input: `Invalid API key · Fix external API key (key ${CANARY.apiKey})` });
    outputs.push(run);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /API key/i);
  });

  test('report --out writes a 0600 redacted bundle', async () => {
    const world = await makeWorld({
      env: { HTTPS_PROXY: 'http://alice:CANARYproxypw@127.0.0.1:9', ANTHROPIC_AUTH_TOKEN: CANARY.envOauth },
    });
    worlds.push(world);
    const out = join(world.home, 'report.json');
    const run = await runCli(['report', '--out', out], { env: world.env });
    assert.equal(run.code, 0, run.stderr);
    assert.equal((await stat(out)).mode & 0o777, 0o600);
    const text = await readFile(out, 'utf8');
    outputs.push({ code: 0, stdout: text, stderr: run.stderr, elapsedMs: 0 });
    const bundle = JSON.parse(text) as { report: HealthReport; environment: { variablesPresent: string[] } };
    assert.ok(bundle.environment.variablesPresent.includes('ANTHROPIC_AUTH_TOKEN'));
    assert.equal(bundle.report.checks.length, 12);
    await rm(out);
    await writeFile(out, '');
  });
});

describe('secrets', () => {
  test('no canary token in any stdout or stderr of any run above', () => {
    assert.ok(outputs.length >= 10, `swept ${outputs.length} runs`);
    for (const run of outputs) {
      assert.doesNotMatch(run.stdout, /CANARY/, run.stdout.slice(0, 300));
      assert.doesNotMatch(run.stderr, /CANARY/, run.stderr.slice(0, 300));
    }
  });
});
