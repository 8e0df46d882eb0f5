/**
 * The canary sweep: a world where every place a secret can live holds one (the login file,
 * ~/.claude.json's primaryApiKey, settings.json's env and apiKeyHelper, API keys and tokens in
 * the environment, a password in the proxy URL), and an "Anthropic" that quotes the credential
 * back in its 401. Then every output channel is searched for the canary mark:
 *  - stdout and stderr of every CLI command (check, check --json, --offline, explain, report,
 *    fix --dry-run, fix --yes, undo --list, undo --yes, watch --json, api-key);
 *  - every file the doctor wrote (logs under CLAUDE_AUTH_DOCTOR_LOG_DIR/XDG_STATE_HOME — the CLI
 *    writes none today —, the `report --out` bundle, the backups' manifest.json files, the lock);
 *    the backed-up secret files themselves are the user's data and are left out;
 *  - the web host's responses (headers and bodies) and the IPC payloads the renderer gets, for
 *    every channel, over the same world.
 * The other reliability files sweep their own outputs too (fault server, keyring, crash runs).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { resolveEndpoints } from '../../src/core/network/endpoints.js';
import { FIX_IDS, type HealthReport } from '../../src/shared/report.js';
import { startSweepHost, type SweepHost } from '../helpers/sweep-host.js';
import { cliCommand, runCli, type CliRun } from '../helpers/cli.js';
import { makePki } from '../helpers/pki.js';
import { startHttpsServer, type RunningServer } from '../helpers/servers.js';
import { CANARY, makeWorld, type World } from '../helpers/world.js';
import { assertNoCanary } from './arbitraries.js';

const POSIX_ONLY = process.platform === 'win32' ? 'the world uses a /bin/sh stub claude' : false;
/** Not token-shaped on purpose: only stripping the URL's userinfo keeps it out, not the redactor. */
const PROXY_PASSWORD = 'p4ss-CANARY-proxy';
const SETTINGS_KEY = 'sk-ant-api03-CANARY-settings-0123456789abcdefghij';
const HELPER_TOKEN = 'sk-ant-api03-CANARY-helper-0123456789abcdefghijk';

/** An API that rejects every credential and quotes it back, as a misconfigured gateway might. */
function echoingApi(): Promise<RunningServer> {
  return startHttpsServer({
    pki: makePki(),
    handler: (req, res) => {
      const given = req.headers.authorization ?? req.headers['x-api-key'] ?? '';
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': `Bearer realm="${String(given)}"` });
      res.end(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: `invalid credential ${String(given)}` } }));
    },
  });
}

interface Sweep {
  readonly world: World;
  readonly api: RunningServer;
  readonly env: NodeJS.ProcessEnv;
  readonly runs: { readonly args: readonly string[]; readonly run: CliRun }[];
}

async function everythingWorld(): Promise<Sweep> {
  const api = await echoingApi();
  const world = await makeWorld({
    primaryApiKey: true,
    env: {
      ANTHROPIC_BASE_URL: api.url,
      CLAUDE_AUTH_DOCTOR_API_URL: api.url,
      CLAUDE_AUTH_DOCTOR_AUTH_URL: api.url,
      // Quotes and a trailing space make auth.method warn about the value (its message must not quote it).
      ANTHROPIC_API_KEY: ` "${CANARY.apiKey}" `,
      CLAUDE_CODE_OAUTH_TOKEN: CANARY.envOauth,
      ANTHROPIC_AUTH_TOKEN: CANARY.envOauth.replace('envtoken', 'authtoken'),
      HTTPS_PROXY: `http://user:${PROXY_PASSWORD}@127.0.0.1:9`,
      NO_PROXY: '127.0.0.1,localhost',
      NO_COLOR: '1',
    },
  });
  await writeFile(
    join(world.configDir, 'settings.json'),
    JSON.stringify({ apiKeyHelper: `echo ${HELPER_TOKEN}`, env: { ANTHROPIC_API_KEY: SETTINGS_KEY, SOME_FLAG: 1 } }),
    { mode: 0o600 },
  );
  // The settings key approved for interactive use (its last 20 characters, as Claude Code keeps them), so it beats the helper.
  const claudeJson = join(world.configDir, '.claude.json');
  const account = JSON.parse(await readFile(claudeJson, 'utf8')) as Record<string, unknown>;
  await writeFile(
    claudeJson,
    JSON.stringify({ ...account, customApiKeyResponses: { approved: [SETTINGS_KEY.slice(-20)], rejected: [] } }),
    { mode: 0o600 },
  );
  const env = {
    ...world.env,
    CLAUDE_AUTH_DOCTOR_LOG_DIR: join(world.home, 'logs'),
    XDG_STATE_HOME: join(world.home, 'state'),
    XDG_DATA_HOME: join(world.home, 'data'),
  };
  return { world, api, env, runs: [] };
}

/** Files the sweep reads: everything under HOME the doctor may have written, minus the user's own secrets. */
const USER_DATA = [
  /^\.claude\/\.credentials\.json$/,
  /^\.claude\.json$/,
  /^\.claude\/\.claude\.json$/,
  /^\.claude\/settings\.json$/,
  /\/items\//,
  /\/displaced\//,
  /^bin\//,
];

async function sweepFiles(root: string): Promise<string[]> {
  const seen: string[] = [];
  async function visit(dir: string): Promise<void> {
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const path = join(dir, name);
      const info = await stat(path).catch(() => null);
      if (!info) continue;
      if (info.isDirectory()) await visit(path);
      else if (info.isFile()) {
        const rel = relative(root, path);
        if (USER_DATA.some((pattern) => pattern.test(rel))) continue;
        seen.push(rel);
        assertNoCanary(`the file ${rel}`, await readFile(path, 'utf8'));
      }
    }
  }
  await visit(root);
  return seen;
}

/** `watch --json` until its first NDJSON line, then SIGINT. */
function watchOnce(env: NodeJS.ProcessEnv): Promise<CliRun> {
  const { file, args } = cliCommand();
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args, 'watch', '--json', '--timeout', '2000'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('\n')) child.kill('SIGINT');
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, elapsedMs: Date.now() - started });
    });
  });
}

describe('canary sweep over every output channel', { skip: POSIX_ONLY }, () => {
  let sweep: Sweep;

  before(async () => {
    sweep = await everythingWorld();
  });
  after(async () => {
    await sweep.api.close();
    await sweep.world.close();
    await rm(sweep.world.home, { recursive: true, force: true });
  });

  async function cli(args: string[], input?: string): Promise<CliRun> {
    const run = await runCli(args, { env: sweep.env, input, timeoutMs: 40_000 });
    sweep.runs.push({ args, run });
    assertNoCanary(`stdout of \`${args.join(' ')}\``, run.stdout);
    assertNoCanary(`stderr of \`${args.join(' ')}\``, run.stderr);
    assert.ok(run.code !== 3, `\`${args.join(' ')}\` crashed: ${run.stderr}`);
    return run;
  }

  test('check (human and --json, online and offline): the world is as intended, and no canary', async () => {
    const json = await cli(['check', '--json', '--timeout', '3000']);
    const report = JSON.parse(json.stdout) as HealthReport;
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    assert.equal(byId['auth.method']?.status, 'warn', 'several credentials compete, with quotes around one');
    assert.equal(byId['auth.token']?.status, 'fail', 'the API rejected the credential');
    // The 401 quoted the credential back; the cause keeps the server's words with a fingerprint in its place.
    assert.match(byId['auth.token']?.cause ?? '', /invalid credential (Bearer )?\[redacted fp:[0-9a-f]{8}\]/);
    await cli(['check', '--timeout', '3000']);
    await cli(['check', '--json', '--offline']);
  });

  test('explain (argument, --json, stdin) with tokens in the pasted text', async () => {
    await cli(['explain', `OAuth token revoked · Please run /login ${CANARY.access}`]);
    await cli(['explain', '--json', `Invalid API key · Fix external API key x-api-key: ${CANARY.apiKey}`]);
    await cli(
      ['explain', '--json', '-'],
      `{"error":{"message":"Invalid bearer token ${CANARY.envOauth}"}}\nAuthorization: Bearer ${CANARY.access}\n`,
    );
  });

  test('report to stdout and report --out: the bundle carries fingerprints only', async () => {
    const printed = await cli(['report', '--offline']);
    const bundle = JSON.parse(printed.stdout) as { kind: string; environment: { variablesPresent: string[] } };
    assert.equal(bundle.kind, 'claude-auth-doctor-diagnostic');
    assert.ok(bundle.environment.variablesPresent.includes('ANTHROPIC_API_KEY'), 'names are listed');
    const out = join(sweep.world.home, 'reports', 'bundle.json');
    await mkdir(join(sweep.world.home, 'reports'));
    const written = await cli(['report', '--out', out]);
    assert.match(written.stderr, /Diagnostic report written to/);
    assertNoCanary('the report --out file', await readFile(out, 'utf8'));
  });

  test('fix --dry-run, fix --yes, undo --list, undo --yes, watch --json, api-key', async () => {
    await cli(['fix', '--dry-run', '--offline']);
    for (const fix of FIX_IDS) await cli(['fix', fix, '--dry-run', '--offline']);
    const moved = await cli(['fix', 'reset-credentials', '--yes', '--offline']);
    assert.match(moved.stdout, /✓ done: Moved/);
    await cli(['undo', '--list']);
    assert.equal((await cli(['undo', '--yes'])).code, 0);
    const watched = await watchOnce(sweep.env);
    assert.ok(watched.stdout.length > 0, `watch printed a line: ${watched.stderr}`);
    assertNoCanary('watch --json stdout', watched.stdout);
    assertNoCanary('watch --json stderr', watched.stderr);
    // No key was stored with use-api-key: api-key fails, and says so without a secret.
    const key = await cli(['api-key']);
    assert.notEqual(key.code, 0);
  });

  test('every file the doctor wrote: logs, the report bundle, backup manifests, the lock — no canary', async () => {
    const files = await sweepFiles(sweep.world.home);
    assert.ok(
      files.some((f) => /^reports\/bundle\.json$/.test(f)),
      files.join(', '),
    );
    assert.ok(
      files.some((f) => /backups\/.+\/manifest\.json$/.test(f)),
      `a backup manifest was swept: ${files.join(', ')}`,
    );
    const logs = files.filter((f) => f.startsWith('logs/') || f.startsWith('state/'));
    // The CLI keeps no log today (only the tray app does); whatever appears there is swept above.
    assert.ok(Array.isArray(logs));
    assert.ok(sweep.runs.length >= 20, `${sweep.runs.length} CLI runs swept`);
  });
});

describe('canary sweep of the web host and the IPC payloads', { skip: POSIX_ONLY }, () => {
  let sweep: Sweep;
  let served: SweepHost;
  const bodies: string[] = [];

  before(async () => {
    sweep = await everythingWorld();
    served = await startSweepHost(sweep.env, assertNoCanary);
  });
  after(async () => {
    await served.close();
    await sweep.api.close();
    await sweep.world.close();
  });

  async function post(channel: string, args: unknown): Promise<{ status: number; body: string }> {
    const reply = await served.post(channel, args);
    bodies.push(reply.body);
    return reply;
  }

  test('every channel, good and bad requests, a fix run and its undo: no canary, nothing for the boundary guard to scrub', async () => {
    assert.equal((await post('report:run-check', [])).status, 200);
    assert.equal((await post('report:get', [])).status, 200);
    assert.equal((await post('history:get', [])).status, 200);
    assert.equal((await post('explain:text', [`Invalid API key ${CANARY.apiKey} Bearer ${CANARY.access}`])).status, 200);
    for (const fixId of FIX_IDS) assert.equal((await post('fix:start', [fixId])).status, 200, fixId);
    const session = JSON.parse((await post('fix:start', ['reset-credentials'])).body) as { runId: string; steps: { kind: string }[] };
    const runIndex = session.steps.findIndex((s) => s.kind === 'run');
    assert.ok(runIndex >= 0);
    const step = JSON.parse((await post('fix:run-step', [session.runId, runIndex])).body) as { ok: boolean; backupId: string | null };
    assert.equal(step.ok, true);
    assert.ok(step.backupId);
    assert.equal((await post('fix:undo', [step.backupId])).status, 200);
    // Refusals quote nothing of what was sent.
    for (const [channel, args] of [
      ['fix:undo', [`../${CANARY.access}`]],
      ['fix:start', [CANARY.refresh]],
      ['explain:text', [`${CANARY.apiKey} `.repeat(400)]],
      ['settings:set', [{ theme: CANARY.envOauth }]],
      ['report:get', [CANARY.access]],
    ] as const) {
      const reply = await post(channel, args);
      assert.ok(reply.status >= 400, `${channel} refused`);
    }
    assert.deepEqual(served.scrubbed, [], 'the engine handed out nothing token-shaped');
    assert.ok(bodies.length > FIX_IDS.length + 8);
    // A token-shaped backup id passes validation (the id alphabet allows it) and the "no backup" answer
    // quotes it back: only the caller's own input, but the boundary guard has to scrub it.
    const echoed = await post('fix:undo', [CANARY.access]);
    assert.equal(echoed.status, 200);
    assert.equal((JSON.parse(echoed.body) as { ok: boolean }).ok, false);
  });

  test('the IPC payloads the renderer gets (dispatchIpc over the same service): no canary', async () => {
    const calls: [Parameters<SweepHost['ipc']>[0], unknown[]][] = [
      ['report:run-check', []],
      ['report:get', []],
      ['history:get', []],
      ['explain:text', [`OAuth token revoked ${CANARY.access}`]],
      ...FIX_IDS.map((id): [Parameters<SweepHost['ipc']>[0], unknown[]] => ['fix:start', [id]]),
    ];
    for (const [channel, args] of calls) await served.ipc(channel, args);
    await assert.rejects(served.ipc('fix:undo', [`../${CANARY.access}`]), (error: Error) => {
      assertNoCanary('an IPC refusal', error.message);
      return true;
    });
  });
});

describe('secrets in malformed values (found by this sweep)', { skip: POSIX_ONLY }, () => {
  test('a proxy written without a scheme (HTTPS_PROXY=user:password@host:port) does not put its password in the report bundle', async () => {
    const world = await makeWorld({ env: { HTTPS_PROXY: `user:${PROXY_PASSWORD}@127.0.0.1:9` } });
    try {
      const run = await runCli(['report', '--offline'], { env: world.env });
      assertNoCanary('report stdout', run.stdout);
    } finally {
      await world.close();
    }
  });

  test('an endpoint override that is not a valid URL (bad port) does not echo its password in check or report', async () => {
    assertNoCanary(
      'the endpoint error',
      resolveEndpoints({ ANTHROPIC_BASE_URL: `https://u:${PROXY_PASSWORD}@127.0.0.1:99999` }).api.error ?? '',
    );
    const world = await makeWorld({ env: { ANTHROPIC_BASE_URL: `https://u:${PROXY_PASSWORD}@127.0.0.1:99999` } });
    try {
      const run = await runCli(['check', '--json', '--timeout', '2000'], { env: world.env });
      assertNoCanary('check stdout', run.stdout);
    } finally {
      await world.close();
    }
  });
});
