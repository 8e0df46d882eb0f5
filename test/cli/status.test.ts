import { describe, test } from 'node:test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';
import { chmod, chown, lstat, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { environmentKey } from '../../src/core/diagnosis/snapshot.js';
import { LOCAL_CHECK_IDS } from '../../src/core/diagnosis/local-check.js';
import type { HealthReport } from '../../src/shared/report.js';
import { runCli } from '../helpers/cli.js';
import { CANARY, oauthCredentials } from '../helpers/world.js';

const execFileP = promisify(execFile);

interface Home {
  readonly home: string;
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly snapshot: string;
}

/** A home with a stored login (no network needed: every run here is offline or reads the snapshot). */
async function makeHome(extraEnv: Record<string, string> = {}): Promise<Home> {
  const home = await mkdtemp(join(tmpdir(), 'cad-status-'));
  await mkdir(join(home, '.claude'), { recursive: true });
  await writeFile(join(home, '.claude', '.credentials.json'), JSON.stringify(oauthCredentials()), { mode: 0o600 });
  const dataDir = join(home, 'doctor-data');
  const env: NodeJS.ProcessEnv = {
    HOME: home,
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    USER: userInfo().username,
    CLAUDE_AUTH_DOCTOR_DATA_DIR: dataDir,
    NO_COLOR: '1',
    ...extraEnv,
  };
  return { home, dataDir, env, snapshot: join(dataDir, 'last-report.json') };
}

const place = (h: Home): Parameters<typeof environmentKey>[0] => ({
  env: h.env,
  os: 'linux',
  homeDir: h.home,
});

/** A snapshot file as the doctor writes it, `ageMs` old, around the report `check --offline --json` printed. */
async function plant(h: Home, report: HealthReport, ageMs: number, patch: Record<string, unknown> = {}): Promise<void> {
  await mkdir(h.dataDir, { recursive: true, mode: 0o700 });
  const snapshot = {
    kind: 'claude-auth-doctor/last-report',
    version: 1,
    takenAt: new Date(Date.now() - ageMs).toISOString(),
    by: 'watch',
    environment: environmentKey(place(h)),
    report,
    ...patch,
  };
  await writeFile(h.snapshot, JSON.stringify(snapshot), { mode: 0o600 });
}

const EXIT_OF = { ok: 0, warn: 1, unknown: 1, fail: 2 } as const;

/** A full (offline) check's report; its exit code is the one its overall verdict maps to. */
async function fullReport(h: Home): Promise<HealthReport> {
  const run = await runCli(['check', '--offline', '--json'], { env: h.env });
  const report = JSON.parse(run.stdout) as HealthReport;
  assert.equal(run.code, EXIT_OF[report.overall], run.stderr);
  return report;
}

const onPosix = process.platform === 'win32' ? { skip: 'owner and mode checks are POSIX' } : {};

describe('status', () => {
  test('without a snapshot it runs the local checks only, offline, with check-like JSON and exit code', async () => {
    const h = await makeHome();
    try {
      const run = await runCli(['status', '--json'], { env: h.env });
      const report = JSON.parse(run.stdout) as HealthReport;
      assert.equal(report.schemaVersion, 1);
      assert.equal(report.context.offline, true);
      assert.deepEqual(new Set(report.checks.map((c) => c.id)), new Set(LOCAL_CHECK_IDS));
      assert.equal(run.code, EXIT_OF[report.overall]);
      const human = await runCli(['status'], { env: h.env });
      assert.match(human.stdout, /No recent full check \(no check has saved a report yet\); local checks only, no network/);
      assert.doesNotMatch(human.stdout + human.stderr + run.stdout, /CANARY/);
    } finally {
      await rm(h.home, { recursive: true, force: true });
    }
  });

  test('a full check saves a 0600 snapshot that status prints unchanged, with the same exit code', async () => {
    const h = await makeHome();
    try {
      const report = await fullReport(h);
      const stat = await lstat(h.snapshot);
      if (process.platform !== 'win32') assert.equal(stat.mode & 0o777, 0o600);
      const saved = JSON.parse(await readFile(h.snapshot, 'utf8')) as { by: string; takenAt: string; report: HealthReport };
      assert.equal(saved.by, 'check');
      assert.ok(Date.parse(saved.takenAt) > 0);
      assert.doesNotMatch(await readFile(h.snapshot, 'utf8'), new RegExp(CANARY.access.slice(0, 20)));
      const run = await runCli(['status', '--json'], { env: h.env });
      assert.equal(run.code, EXIT_OF[report.overall]);
      assert.deepEqual(JSON.parse(run.stdout), report);
      const human = await runCli(['status'], { env: h.env });
      assert.match(human.stdout, /^Last full check \d+ s ago \(\d\d:\d\d, by check\)\.\n/);
      // The saved full report, not the local checks: its skipped network checks are counted.
      const skipped = report.checks.filter((c) => c.status === 'skip').length;
      assert.ok(skipped > 0, 'an offline full check skips the network checks');
      assert.match(human.stdout, new RegExp(`\\b${skipped} skipped\\b`));
    } finally {
      await rm(h.home, { recursive: true, force: true });
    }
  });

  test('a --only check does not replace the snapshot', async () => {
    const h = await makeHome();
    try {
      const run = await runCli(['check', '--offline', '--only', 'auth.token'], { env: h.env });
      assert.notEqual(run.code, 3, run.stderr);
      await assert.rejects(lstat(h.snapshot), { code: 'ENOENT' });
    } finally {
      await rm(h.home, { recursive: true, force: true });
    }
  });

  test('a snapshot older than --max-age, or taken with other credential variables, gives way to the local checks', async () => {
    const h = await makeHome();
    try {
      const report = await fullReport(h);
      await plant(h, report, 10 * 60_000);
      const fresh = await runCli(['status', '--json', '--max-age', '3600'], { env: h.env });
      assert.equal((JSON.parse(fresh.stdout) as HealthReport).checks.length, report.checks.length);
      const old = await runCli(['status', '--max-age', '300'], { env: h.env });
      assert.match(old.stdout, /the last full check is 10 m old, more than --max-age 300 s/);
      const other = await runCli(['status'], { env: { ...h.env, CLAUDE_CODE_OAUTH_TOKEN: CANARY.envOauth } });
      assert.match(other.stdout, /taken with another login setup/);
      assert.doesNotMatch(other.stdout + other.stderr, /CANARY/);
    } finally {
      await rm(h.home, { recursive: true, force: true });
    }
  });

  test('what the doctor did not write is not trusted: a message, then the local checks', async (t) => {
    const h = await makeHome();
    try {
      const report = await fullReport(h);
      const cases: [string, () => Promise<void>, RegExp][] = [
        ['bad JSON', () => writeFile(h.snapshot, '{"kind": "claude-auth-doctor/last-report", '), /is not JSON/],
        ['not a report', () => plant(h, report, 0, { report: { schemaVersion: 1 } }), /does not have the shape of `check --json`/],
        ['from the future', () => plant(h, report, -3600_000), /taken in the future/],
        [
          'a symbolic link',
          async () => {
            const elsewhere = join(h.home, 'planted.json');
            await plant(h, report, 0);
            await rm(elsewhere, { force: true });
            await writeFile(elsewhere, await readFile(h.snapshot));
            await rm(h.snapshot);
            await symlink(elsewhere, h.snapshot);
          },
          /is a symbolic link/,
        ],
        // A FIFO would block a plain open: it is refused at once. A folder, or a file far bigger than a report, is not one the doctor wrote.
        ['a FIFO', () => execFileP('mkfifo', [h.snapshot]).then(() => undefined), /is not a regular file/],
        ['a folder', () => mkdir(h.snapshot), /is not a regular file/],
        ['too large', () => writeFile(h.snapshot, ' '.repeat(1024 * 1024 + 1)), /is larger than 1048576 bytes/],
        [
          'writable by others',
          async () => {
            await plant(h, report, 0);
            await chmod(h.snapshot, 0o666);
          },
          /can be written by others \(mode 666\)/,
        ],
      ];
      for (const [name, make, message] of cases) {
        await t.test(name, onPosix, async () => {
          await rm(h.snapshot, { recursive: true, force: true });
          await make();
          const run = await runCli(['status', '--json'], { env: h.env });
          assert.match(run.stderr, message);
          assert.equal((JSON.parse(run.stdout) as HealthReport).context.offline, true);
          assert.equal((JSON.parse(run.stdout) as HealthReport).checks.length, LOCAL_CHECK_IDS.length);
        });
      }
      await t.test('owned by another user', process.getuid?.() === 0 ? {} : { skip: 'needs root to give a file away' }, async () => {
        await rm(h.snapshot, { recursive: true, force: true });
        await plant(h, report, 0);
        await chown(h.snapshot, 4242, 4242);
        const run = await runCli(['status'], { env: h.env });
        assert.match(run.stderr, /belongs to user id 4242, not to you/);
        assert.match(run.stdout, /local checks only/);
      });
    } finally {
      await rm(h.home, { recursive: true, force: true });
    }
  });

  test("as root in another user's home, a check saves nothing there", process.getuid?.() === 0 ? {} : { skip: 'needs root' }, async () => {
    const h = await makeHome();
    try {
      await chown(h.home, 4242, 4242);
      const run = await runCli(['check', '--offline'], { env: h.env });
      assert.match(run.stderr, /not saving the last report for "status": running as root in .*, which is not root's/);
      await assert.rejects(lstat(h.dataDir), { code: 'ENOENT' });
    } finally {
      await rm(h.home, { recursive: true, force: true });
    }
  });

  test('--max-age takes seconds', async () => {
    const h = await makeHome();
    try {
      const run = await runCli(['status', '--max-age', '5m'], { env: h.env });
      assert.equal(run.code, 3);
      assert.match(run.stderr, /--max-age takes seconds/);
    } finally {
      await rm(h.home, { recursive: true, force: true });
    }
  });
});
