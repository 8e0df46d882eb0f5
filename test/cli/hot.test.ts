/**
 * The hot commands (`status`, `statusline`, `hook check`) run from their own small file
 * (dist/cli/hot.cjs, what the shell hook and Claude Code's status line call) and through the bin
 * (dist/cli/main.js, which hands them to that file). Both must say exactly what the full CLI's
 * router says (src/cli/router.ts with the command modules), byte for byte, with the same exit code,
 * in the same worlds: a fresh, a stale and no snapshot; a healthy, a locked and an ending login;
 * a shell start at home and over SSH; bad flags.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { environmentKey } from '../../src/core/diagnosis/snapshot.js';
import type { HealthReport } from '../../src/shared/report.js';
import { runCli, runNode } from '../helpers/cli.js';
import { loginHome, type LoginHome } from '../helpers/login-home.js';
import { CANARY } from '../helpers/world.js';

const DAY = 86_400_000;
const FROM_SOURCE = fileURLToPath(import.meta.url).endsWith('.ts');
const dist = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const HOT = dist('cli/hot.cjs');
const ROUTER = dist('src/cli/router.js');
const needsBuild =
  FROM_SOURCE || !existsSync(HOT) ? { skip: 'compares the built files: npm run build, then node --test dist/test/cli/hot.test.js' } : {};

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

async function spawnRun(args: readonly string[], env: NodeJS.ProcessEnv, input: string): Promise<Run> {
  const { code, stdout, stderr } = await runNode(args, { env, input });
  return { code, stdout, stderr };
}

/** The full CLI: the router and the command modules as tsc compiled them, none of the hot files. */
const viaRouter = (args: readonly string[], env: NodeJS.ProcessEnv, input = ''): Promise<Run> =>
  spawnRun(
    ['--input-type=module', '-e', `(await import(${JSON.stringify(ROUTER)})).runRouter(process.argv.slice(1))`, ...args],
    env,
    input,
  );
const viaHot = (args: readonly string[], env: NodeJS.ProcessEnv, input = ''): Promise<Run> => spawnRun([HOT, ...args], env, input);
const viaBin = (args: readonly string[], env: NodeJS.ProcessEnv, input = ''): Promise<Run> => runCli(args, { env, input });

/** A report made now (the local checks) says when it was made, how long each check took and the disk's free space then: not compared. */
const LIVE = new Set(['generatedAt', 'durationMs', 'freeSpace']);
function untimed(run: Run): Run {
  if (!run.stdout.startsWith('{')) return run;
  const drop = (key: string, value: unknown): unknown => (LIVE.has(key) ? undefined : value);
  return { ...run, stdout: JSON.stringify(JSON.parse(run.stdout, drop), null, 2) };
}

/** The same words from all three, and not a token in any of them. */
async function same(args: readonly string[], env: NodeJS.ProcessEnv, input = ''): Promise<Run> {
  const full = untimed(await viaRouter(args, env, input));
  const hot = untimed(await viaHot(args, env, input));
  const bin = untimed(await viaBin(args, env, input));
  const show = (r: Run): string => JSON.stringify(r);
  assert.deepEqual({ ...hot }, { ...full }, `hot.cjs ${args.join(' ')}: ${show(hot)} vs the router: ${show(full)}`);
  assert.deepEqual({ code: bin.code, stdout: bin.stdout, stderr: bin.stderr }, { ...full }, `main.js ${args.join(' ')}`);
  for (const r of [full, hot, bin]) for (const secret of Object.values(CANARY)) assert.ok(!(r.stdout + r.stderr).includes(secret));
  return full;
}

const homes: string[] = [];
after(async () => {
  for (const dir of homes) await rm(dir, { recursive: true, force: true });
});

type Home = LoginHome;

async function makeHome(endsInMs: number, extra: Record<string, string> = {}): Promise<Home> {
  const h = await loginHome('cad-hot-', endsInMs, { TZ: 'UTC', ...extra });
  homes.push(h.home);
  return h;
}

/** A snapshot as the doctor writes it, `ageMs` old (half a minute past a whole minute, so its age reads the same for each run). */
async function plant(h: Home, ageMs: number, edit: (report: HealthReport) => HealthReport = (r) => r): Promise<void> {
  const checked = await runCli(['check', '--offline', '--json'], { env: h.env });
  const report = edit(JSON.parse(checked.stdout) as HealthReport);
  const place = { env: h.env, os: 'linux' as const, homeDir: h.home, user: userInfo().username };
  const snapshot = {
    kind: 'claude-auth-doctor/last-report',
    version: 1,
    takenAt: new Date(Date.now() - ageMs).toISOString(),
    by: 'watch',
    environment: environmentKey(place),
    report,
  };
  const dir = h.env['CLAUDE_AUTH_DOCTOR_DATA_DIR'] ?? '';
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(join(dir, 'last-report.json'), JSON.stringify(snapshot), { mode: 0o600 });
}

const healthy = (r: HealthReport): HealthReport => ({
  ...r,
  overall: 'ok',
  checks: r.checks.map((c) => ({ ...c, status: 'ok' as const })),
  plan: [],
});
const locked = (r: HealthReport): HealthReport => ({
  ...r,
  context: { ...r.context, os: 'darwin' },
  facts: { ...r.facts, keychain: { state: 'locked' } },
});
const SESSION = JSON.stringify({ session_id: 'abc', cwd: '/tmp', model: { id: 'claude-sonnet-4-5', display_name: 'Sonnet' } });
const SSH = { SSH_CONNECTION: '192.0.2.1 50000 192.0.2.2 22', SSH_CLIENT: '192.0.2.1 50000 22' };

describe('the hot commands say what the full CLI says', needsBuild, () => {
  test('status: a fresh snapshot, one past --max-age (the local checks), none; human and JSON', async () => {
    const h = await makeHome(30 * DAY);
    const none = await same(['status'], h.env);
    assert.match(none.stdout, /^No recent full check \(no check has saved a report yet\)/);
    const local = await same(['status', '--json', '--timeout', '3000'], h.env);
    assert.equal((JSON.parse(local.stdout) as HealthReport).context.offline, true);
    await plant(h, 10 * 60_000 + 30_000);
    const fresh = await same(['status'], h.env);
    assert.match(fresh.stdout, /^Last full check 10 m ago \(\d\d:\d\d, by watch\)\.\n/);
    const json = await same(['status', '--json'], h.env);
    assert.equal((JSON.parse(json.stdout) as HealthReport).context.offline, true);
    const stale = await same(['status', '--max-age', '60'], h.env);
    assert.match(stale.stdout, /^No recent full check \(the last full check is 10 m old, more than --max-age 60 s\)/);
  });

  test('statusline: healthy, keychain locked, login ending, nothing checked; with the session on stdin or none', async () => {
    const fine = await makeHome(30 * DAY - 3600_000);
    assert.equal((await same(['statusline'], fine.env, SESSION)).stdout, '○ login: not checked yet\n');
    await plant(fine, 60_000 + 30_000, healthy);
    assert.equal((await same(['statusline'], fine.env, SESSION)).stdout, '● login ok · 29d\n');
    assert.equal((await same(['statusline'], fine.env)).stdout, '● login ok · 29d\n');
    const shut = await makeHome(30 * DAY);
    await plant(shut, 60_000 + 30_000, (r) => locked(healthy(r)));
    assert.equal((await same(['statusline'], shut.env, SESSION)).stdout, '✗ keychain locked\n');
    const ending = await makeHome(2 * DAY - 3600_000);
    await plant(ending, 60_000 + 30_000, healthy);
    assert.match((await same(['statusline'], ending.env, SESSION)).stdout, /^▲ login ends in 1 d 2\d h\n$/);
  });

  test('hook check: silent when healthy, the line (and exit 0) when the login ends, over SSH the setup-token hint', async () => {
    const fine = await makeHome(30 * DAY);
    const quiet = await same(['hook', 'check', '--shell', 'bash', '--deadline', '5000'], fine.env);
    assert.deepEqual(quiet, { code: 0, stdout: '', stderr: '' });
    const ending = await makeHome(2 * DAY);
    const local = await same(['hook', 'check', '--deadline', '5000'], ending.env);
    assert.match(local.stdout, /^▲ Claude Code's login ends in 1 d 23 h: sign in again \(claude, then \/login\)\.\n$/);
    // hot.cjs sends `hook check` to its own bundle; status's bundle (hot-code.cjs) still runs it the same, through hot-local.cjs.
    assert.deepEqual(await spawnRun([dist('cli/hot-code.cjs'), 'hook', 'check', '--deadline', '5000'], ending.env, ''), local);
    const remote = await same(['hook', 'check', '--shell', 'zsh', '--deadline', '5000'], { ...ending.env, ...SSH });
    assert.match(remote.stdout, /\n {2}For an always-on box, a one-year token: claude setup-token\n$/);
  });

  test('with CLAUDE_CONFIG_DIR set (its storage keyed by a hash), the local checks and the hook agree too', async () => {
    const h = await makeHome(2 * DAY);
    const env = { ...h.env, CLAUDE_CONFIG_DIR: join(h.home, '.claude') };
    const local = await same(['status', '--json', '--max-age', '0'], env);
    const report = JSON.parse(local.stdout) as HealthReport;
    assert.deepEqual(
      report.checks.filter((c) => c.status === 'unknown').map((c) => c.id),
      [],
      'no check failed to run',
    );
    assert.match((await same(['hook', 'check', '--deadline', '5000'], env)).stdout, /^▲ Claude Code's login ends in 1 d 23 h/);
  });

  test('bad flags are the same usage errors, exit 3', async () => {
    const h = await makeHome(30 * DAY);
    for (const args of [
      ['status', '--max-age', 'soon'],
      ['status', '--timeout', '3'],
      ['status', '--bogus'],
      ['statusline', '--chain', 'nope'],
      ['hook', 'check', '--deadline', '0'],
      ['hook', 'check', 'extra'],
    ]) {
      const bad = await same(args, h.env);
      assert.equal(bad.code, 3, args.join(' '));
      assert.match(bad.stderr, /Run "claude-auth-doctor --help" for usage\.\n$/);
    }
  });

  test('hot.cjs run by hand with another command says to use claude-auth-doctor', async () => {
    const h = await makeHome(30 * DAY);
    const other = await viaHot(['check'], h.env);
    assert.equal(other.code, 3);
    assert.match(other.stderr, /this entry runs only status, statusline and hook check \(got "check"\); run claude-auth-doctor instead/);
  });
});
