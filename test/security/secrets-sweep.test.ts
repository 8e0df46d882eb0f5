/**
 * Secrets that got past redaction, replayed, then swept for in every output channel:
 *  - an apiKeyHelper command embedding a vault token (not Anthropic-shaped: no pattern list knows it);
 *  - passwords in CLAUDE_AUTH_DOCTOR_AUTH_URL / _STATUS_URL, `?api_key=` in ANTHROPIC_BASE_URL;
 *  - a proxy `user:password@`.
 * Redaction is by structure (every URL's userinfo and secret-named parameters, every secret-named
 * flag and assignment, random-looking arguments of a command line), so the sweep finds none of
 * them in: stdout/stderr of every CLI command, every file the doctor writes (reports, manifests,
 * logs), the web host's answers, the IPC payloads, the tray's copied report, the notifications.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { buildDiagnosticBundle } from '../../src/core/diagnosis/bundle.js';
import { createFileLogger } from '../../src/core/log/logger.js';
import { decideNotifications } from '../../src/core/notify/decide.js';
import { DEFAULT_NOTIFY_RULES } from '../../src/core/notify/rules.js';
import { redactCommandLine } from '../../src/core/redact/command-line.js';
import { redactText, stripUrlCredentials } from '../../src/core/redact/redact.js';
import { FIX_IDS, type HealthReport } from '../../src/shared/report.js';
import { startSweepHost, type SweepHost } from '../helpers/sweep-host.js';
import { cliCommand, runCli } from '../helpers/cli.js';
import { makeWorld, type World } from '../helpers/world.js';

const POSIX_ONLY = process.platform === 'win32' ? 'the world uses a /bin/sh stub claude' : false;
const MARK = /CANARY/;

function assertClean(where: string, text: string): void {
  const found = MARK.exec(text);
  if (found) assert.fail(`a planted secret reached ${where}: …${text.slice(Math.max(0, found.index - 80), found.index + 60)}…`);
}

/** A helper command as people write them: a vault token in the env prefix, a flag, a URL, a bare random argument. */
const HELPER =
  'VAULT_TOKEN=s.CANARYvaultEnvPrefix0x9 /opt/bin/get-key --password CANARYpassFlag99 ' +
  '--url "https://svc:CANARYurlPw@vault.corp/v1/claude?token=CANARYqueryTok&v=2" -H "X-Vault-Token: CANARYhdr1" 7CANARYx9Rk2Lm5Qp8Wz3Tv6Yb1';

describe('redaction by structure (units)', () => {
  test('the helper command keeps its shape, loses every secret', () => {
    const shown = redactCommandLine(HELPER);
    assertClean('the shown helper', shown);
    assert.match(shown, /^VAULT_TOKEN=\[redacted fp:[0-9a-f]{8}\] \/opt\/bin\/get-key --password \[redacted fp:[0-9a-f]{8}\]/);
    assert.match(shown, /https:\/\/\*\*\*:\*\*\*@vault\.corp\/v1\/claude\?token=\*\*\*&v=2/);
  });

  test('any URL anywhere: userinfo and secret-named parameters go, host and path stay', () => {
    for (const [text, kept] of [
      ['proxy http://bob:CANARYpw@proxy.corp:3128 refused', 'proxy.corp:3128'],
      ['socks5://CANARYuser@127.0.0.1:1080', '127.0.0.1:1080'],
      ['GET https://api.example/v1/models?api_key=CANARYk&page=2', 'page=2'],
      ['https://x.example/cb#access_token=CANARYfrag&state=ok', 'state=ok'],
      ['redirect to /oauth/callback?code=CANARYcode&state=s1 failed', 'state=s1'],
      ['user:CANARYpw@proxy.corp:3128 (no scheme)', 'proxy.corp:3128'],
      ['https://s3.example/o?X-Amz-Signature=CANARYsig&X-Amz-Credential=CANARYcred', 's3.example/o'],
    ] as const) {
      const out = redactText(text);
      assertClean(text, out);
      assert.ok(out.includes(kept), `${out} keeps ${kept}`);
    }
    assertClean('a stripped URL', stripUrlCredentials('https://a:CANARYpw@h.example/p?apikey=CANARYk'));
  });

  test('property: secrets in structured places never survive, and redacting twice changes nothing', () => {
    const word = fc.stringMatching(/^[a-z0-9]{1,8}$/);
    const secret = fc.stringMatching(/^[A-Za-z0-9]{6,20}$/).map((s) => `CANARY${s}`);
    const placed = fc.oneof(
      fc.tuple(word, secret).map(([h, s]) => `https://user:${s}@${h}.example/p`),
      fc.tuple(word, secret).map(([h, s]) => `http://${h}.example/?api_key=${s}&x=1`),
      fc.tuple(word, secret).map(([n, s]) => `${n.toUpperCase()}_TOKEN=${s}`),
      secret.map((s) => `--client-secret ${s}`),
      secret.map((s) => `--password=${s}`),
      fc.tuple(word, secret).map(([h, s]) => `${h}:${s}@proxy.example:8080`),
      secret.map((s) => `Authorization: Bearer ${s}`),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(word, placed), { minLength: 1, maxLength: 8 }), (parts) => {
        const text = parts.join(' ');
        const once = redactText(text);
        assertClean(text, once);
        assert.equal(redactText(once), once);
        assertClean(text, redactCommandLine(text));
      }),
      { numRuns: 400, seed: 7 },
    );
  });
});

interface Sweep {
  readonly world: World;
  readonly env: NodeJS.ProcessEnv;
}

async function plantedWorld(): Promise<Sweep> {
  const world = await makeWorld({ api: 'reject' });
  try {
    return await plant(world);
  } catch (error) {
    // A failed set-up must not leave the world's servers holding the test process open.
    await world.close();
    throw error;
  }
}

async function plant(world: World): Promise<Sweep> {
  const api = new URL(world.env['CLAUDE_AUTH_DOCTOR_API_URL'] ?? '');
  const status = new URL(world.env['CLAUDE_AUTH_DOCTOR_STATUS_URL'] ?? '');
  await writeFile(join(world.configDir, 'settings.json'), JSON.stringify({ apiKeyHelper: HELPER }), { mode: 0o600 });
  const env: NodeJS.ProcessEnv = {
    ...world.env,
    // The gateway (ANTHROPIC_BASE_URL) and the token-check host (CLAUDE_AUTH_DOCTOR_API_URL) both carry a query secret.
    ANTHROPIC_BASE_URL: `${api.origin}/?api_key=CANARYbaseQuery1&region=eu`,
    CLAUDE_AUTH_DOCTOR_API_URL: `${api.origin}/?api_key=CANARYapiQuery1&region=eu`,
    CLAUDE_AUTH_DOCTOR_AUTH_URL: `https://doctor:CANARYauthPw1@${api.host}`,
    CLAUDE_AUTH_DOCTOR_STATUS_URL: `https://status:CANARYstatusPw1@${status.host}`,
    HTTPS_PROXY: 'http://proxyuser:CANARYproxyPw1@127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost',
    CLAUDE_AUTH_DOCTOR_LOG_DIR: join(world.home, 'logs'),
    XDG_STATE_HOME: join(world.home, 'state'),
    NO_COLOR: '1',
  };
  return { world, env };
}

/** Everything under the world's home the doctor wrote (the user's own planted files excluded). */
async function sweepFiles(root: string): Promise<string[]> {
  const own = [
    /^\.claude\/\.credentials\.json$/,
    /^\.claude\/\.claude\.json$/,
    /^\.claude\/settings\.json$/,
    /\/items\//,
    /\/displaced\//,
    /^bin\//,
  ];
  const seen: string[] = [];
  async function visit(dir: string): Promise<void> {
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const path = join(dir, name);
      const info = await stat(path).catch(() => null);
      if (info?.isDirectory()) await visit(path);
      else if (info?.isFile()) {
        const rel = relative(root, path);
        if (own.some((p) => p.test(rel))) continue;
        seen.push(rel);
        assertClean(`the file ${rel}`, await readFile(path, 'utf8'));
      }
    }
  }
  await visit(root);
  return seen;
}

describe('the planted secrets, swept through every output channel', { skip: POSIX_ONLY }, () => {
  let sweep: Sweep;
  let report: HealthReport;
  before(async () => {
    sweep = await plantedWorld();
  });
  after(async () => {
    const planted = sweep as Sweep | undefined; // undefined when the set-up failed
    await planted?.world.close();
    if (planted) await rm(planted.world.home, { recursive: true, force: true });
  });

  async function cli(args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const run = await runCli(args, { env: sweep.env, input, timeoutMs: 60_000 });
    assertClean(`stdout of \`${args.join(' ')}\``, run.stdout);
    assertClean(`stderr of \`${args.join(' ')}\``, run.stderr);
    assert.notEqual(run.code, 3, `\`${args.join(' ')}\`: ${run.stderr}`);
    return run;
  }

  test('check (--json, human, offline): the helper shows its shape, not its secrets', async () => {
    const json = await cli(['check', '--json', '--timeout', '4000']);
    report = JSON.parse(json.stdout) as HealthReport;
    const method = report.checks.find((c) => c.id === 'auth.method');
    assert.match(String(method?.evidence['apiKeyHelper']), /^VAULT_TOKEN=\[redacted fp:[0-9a-f]{8}\] \/opt\/bin\/get-key/);
    await cli(['check', '--timeout', '4000']);
    await cli(['check', '--json', '--offline']);
  });

  test('report (stdout and --out), the tray’s copied report', async () => {
    const printed = await cli(['report', '--offline']);
    const bundle = JSON.parse(printed.stdout) as { environment: { values: Record<string, string> } };
    assert.equal(bundle.environment.values['CLAUDE_AUTH_DOCTOR_AUTH_URL']?.startsWith('https://***:***@127.0.0.1:'), true);
    assert.match(bundle.environment.values['ANTHROPIC_BASE_URL'] ?? '', /\?api_key=\*\*\*&region=eu$/);
    await mkdir(join(sweep.world.home, 'reports'), { recursive: true });
    await cli(['report', '--out', join(sweep.world.home, 'reports', 'bundle.json')]);
    assertClean('the tray’s copied report', JSON.stringify(buildDiagnosticBundle(report, sweep.env), null, 2));
  });

  test('explain, fix --dry-run for every fix, fix --yes and undo, watch --json', async () => {
    await cli(['explain', `proxy http://u:CANARYpastedPw@proxy:3128 said 407; helper ${HELPER}`]);
    await cli(['explain', '--json', '-'], `GET /v1/models?api_key=CANARYpastedKey failed\n`);
    for (const fix of FIX_IDS) await cli(['fix', fix, '--dry-run', '--offline']);
    await cli(['fix', 'reset-credentials', '--yes', '--offline']);
    await cli(['undo', '--list']);
    await cli(['undo', '--yes']);
    const { file, args } = cliCommand();
    const watched = await new Promise<string>((resolve, reject) => {
      const child = spawn(file, [...args, 'watch', '--json', '--timeout', '3000'], { env: sweep.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) child.kill('SIGINT');
      });
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('error', reject);
      child.on('close', () => {
        clearTimeout(killer);
        resolve(out);
      });
    });
    assert.ok(watched.length > 0);
    assertClean('watch --json', watched);
  });

  test('logs: the tray’s log, fed what the tray logs (reports, step results, errors quoting the proxy and the helper)', async () => {
    const dir = join(sweep.world.home, 'logs');
    const log = createFileLogger({ dir, name: 'app' });
    log.info('report', {
      overall: report.overall,
      checks: report.checks.map((c) => ({ id: c.id, summary: c.summary, cause: c.cause, evidence: c.evidence })),
    });
    log.error('check failed', { error: String(new Error(`connect ECONNREFUSED via ${sweep.env['HTTPS_PROXY']}`)) });
    log.warn('helper', { command: HELPER, url: sweep.env['CLAUDE_AUTH_DOCTOR_STATUS_URL'] });
    log.info(`apiKeyHelper is ${String(report.checks.find((c) => c.id === 'auth.method')?.evidence['apiKeyHelper'])}`);
    // The same command as the argv a runner would log (quotes already removed by the shell).
    const argv = [
      '/opt/bin/get-key',
      '--password',
      'CANARYpassFlag99',
      '--url',
      'https://svc:CANARYurlPw@vault.corp/v1/claude?token=CANARYqueryTok',
      '-H',
      'X-Vault-Token: CANARYhdr1',
      '7CANARYx9Rk2Lm5Qp8Wz3Tv6Yb1',
    ];
    log.info('ran a helper', { argv });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const text = (await readdir(dir)).length > 0 ? await readFile(log.path, 'utf8') : '';
    assert.match(text, /check failed/);
    assertClean('the log', text);
  });

  test('notifications built from the report carry none', () => {
    const shown = decideNotifications({
      previous: null,
      next: report,
      event: null,
      rules: { ...DEFAULT_NOTIFY_RULES, incidents: true },
      shown: [],
      now: Date.now(),
    });
    assertClean('notifications', JSON.stringify(shown));
  });

  test('every file the doctor wrote: reports, backup manifests, logs', async () => {
    const files = await sweepFiles(sweep.world.home);
    assert.ok(
      files.some((f) => f.endsWith('manifest.json')),
      files.join(', '),
    );
    assert.ok(
      files.some((f) => f.startsWith('logs/')),
      files.join(', '),
    );
    assert.ok(
      files.some((f) => f === 'reports/bundle.json'),
      files.join(', '),
    );
  });
});

describe('the planted secrets, swept through the web host and the IPC payloads', { skip: POSIX_ONLY }, () => {
  let sweep: Sweep;
  let served: SweepHost;
  before(async () => {
    sweep = await plantedWorld();
    served = await startSweepHost(sweep.env, assertClean);
  });
  after(async () => {
    await served?.close();
    const planted = sweep as Sweep | undefined; // undefined when the set-up failed
    await planted?.world.close();
    if (planted) await rm(planted.world.home, { recursive: true, force: true });
  });

  test('every channel of the web host', async () => {
    await served.post('report:run-check', []);
    await served.post('report:get', []);
    await served.post('history:get', []);
    await served.post('explain:text', [`proxy http://u:CANARYpastedPw@p:3128 and ${HELPER}`]);
    for (const fixId of FIX_IDS) await served.post('fix:start', [fixId]);
    assert.deepEqual(served.scrubbed, [], 'nothing token-shaped reached the boundary guard');
  });

  test('the IPC payloads the tray window gets', async () => {
    for (const channel of ['report:run-check', 'report:get', 'history:get'] as const) await served.ipc(channel, []);
    for (const id of FIX_IDS) await served.ipc('fix:start', [id]);
  });
});
