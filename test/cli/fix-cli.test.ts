import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cliCommand, runCli, type CliRun } from '../helpers/cli.js';
import { acquireFixLock } from '../../src/core/fixes/lock.js';
import { appDataDir } from '../../src/core/platform/app-dirs.js';
import {
  CANARY,
  makeLogoutStub,
  makeWorld,
  oauthCredentials,
  POSIX_ONLY,
  snapshot,
  treeDigest,
  type TempWorld,
} from '../core/fixes/helpers.js';

let world: TempWorld;
let runs: CliRun[];

async function cli(args: string[], input?: string): Promise<CliRun> {
  const run = await runCli(args, { env: world.env, input, timeoutMs: 60_000 });
  runs.push(run);
  return run;
}

beforeEach(async () => {
  world = await makeWorld();
  runs = [];
  const creds = join(world.configDir, '.credentials.json');
  await writeFile(creds, JSON.stringify(oauthCredentials({ accessToken: '', expiresAt: 0 })));
  await chmod(creds, 0o600);
  await writeFile(join(world.home, '.bashrc'), `export CLAUDE_CODE_OAUTH_TOKEN=${CANARY.envOauth}\n`);
  await mkdir(join(world.configDir, 'cache'));
  await makeLogoutStub(world.bin);
});

afterEach(async () => {
  for (const run of runs) {
    assert.ok(
      !run.stdout.includes('CANARY') && !run.stderr.includes('CANARY'),
      `no canary in the output of a run:\n${run.stdout}\n${run.stderr}`,
    );
  }
  await world.cleanup();
});

describe('claude-auth-doctor fix', { skip: POSIX_ONLY }, () => {
  test('--dry-run prints the plan and what would happen, and changes nothing at all', async () => {
    const before = treeDigest(await snapshot(world.root));
    const plan = await cli(['fix', '--dry-run', '--offline']);
    assert.equal(plan.code, 2, plan.stderr);
    assert.match(plan.stdout, /Fix 1\/\d: Sign in to Claude Code again \(reauthenticate\)/);
    assert.match(plan.stdout, /would: Backs up ~\/\.claude\/\.credentials\.json, ~\/\.claude\.json/);
    assert.match(plan.stdout, /Dry run: nothing was changed\./);
    const one = await cli(['fix', 'clear-cache', '--dry-run', '--offline']);
    assert.match(one.stdout, /Move ~\/\.claude\/cache aside \[run, asks first\]/);
    assert.equal(treeDigest(await snapshot(world.root)), before, 'the whole temp tree hashes the same: not even the data dir was created');
  });

  test('without a terminal and without --yes it prints the steps, runs nothing and exits 1', async () => {
    const before = treeDigest(await snapshot(world.root));
    const run = await cli(['fix', 'reset-credentials', '--offline']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /Move ~\/\.claude\/\.credentials\.json aside \[run, automatic\]/);
    assert.match(run.stderr, /Re-run with --yes/);
    assert.equal(treeDigest(await snapshot(world.root)), before);
  });

  test('--yes runs the automatic steps and re-checks; undo --yes puts everything back', async () => {
    const before = await snapshot(world.home);
    const run = await cli(['fix', 'reset-credentials', '--yes', '--offline']);
    assert.equal(run.code, 2, 'still failing: the user has to sign in again');
    assert.match(run.stdout, /· done: Moved ~\/\.claude\/\.credentials\.json into backup (\d{8}-\d{6}-reset-credentials-[0-9a-f]{4})/);
    assert.match(run.stdout, /✗ Stored login: No stored login[\s\S]*Not fixed yet\./, 'no green done over a failing check');
    const list = await cli(['undo', '--list']);
    assert.equal(list.code, 0);
    assert.match(
      list.stdout,
      /reset-credentials-[0-9a-f]{4} .* complete\n {2}reset-credentials: Move ~\/\.claude\/\.credentials\.json aside/,
    );
    const refused = await cli(['undo']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /Re-run with --yes/);
    const undo = await cli(['undo', '--yes']);
    assert.equal(undo.code, 0, undo.stdout + undo.stderr);
    assert.match(undo.stdout, /✓ Restored ~\/\.claude\/\.credentials\.json/);
    assert.deepEqual(await snapshot(world.home), before);
    const none = await cli(['undo', '--yes']);
    assert.equal(none.code, 1);
    assert.match(none.stdout, /Nothing to undo/);
  });

  test('--yes skips the steps that ask first, and says how to run them', async () => {
    const before = await snapshot(world.home);
    const run = await cli(['fix', 'clear-cache', '--yes', '--offline']);
    assert.match(run.stdout, /Step 2 – Move ~\/\.claude\/cache aside: skipped; it asks first/);
    assert.deepEqual(await snapshot(world.home), before);
  });

  test('--yes with no fix named acts only on what fails: a warning never signs anyone out', async () => {
    // A BOM makes the stored login a warning (with re-login suggested), nothing fails.
    const creds = join(world.configDir, '.credentials.json');
    await writeFile(creds, '\uFEFF' + JSON.stringify(oauthCredentials()));
    await writeFile(join(world.home, '.bashrc'), '');
    const before = await snapshot(world.home);
    const run = await cli(['fix', '--yes', '--offline']);
    assert.match(run.stderr, /--yes acts only on what fails; not run: .*reauthenticate/);
    assert.match(run.stdout, /Nothing fails, so nothing was run\./);
    assert.deepEqual(await snapshot(world.home), before, 'no logout, nothing moved');
  });

  test('usage errors exit 3', async () => {
    const bad = await cli(['fix', 'reset-everything']);
    assert.equal(bad.code, 3);
    assert.match(bad.stderr, /Unknown fix "reset-everything"\. Fix ids: wait-for-service, /);
    const badUndo = await cli(['undo', '../../etc/passwd']);
    assert.equal(badUndo.code, 3);
    const unknown = await cli(['undo', '20260101-000000-reset-credentials-abcd']);
    assert.equal(unknown.code, 3);
    assert.match(unknown.stderr, /no backup "20260101-000000-reset-credentials-abcd"/);
  });

  test('two fix runs at once never interleave: a run waits while another holds the lock, then goes on', async () => {
    // The other run is this test: it holds the lock the way a fix run does.
    const held = await acquireFixLock(appDataDir(world.env, 'linux', world.home));
    const creds = join(world.configDir, '.credentials.json');
    const { file, args } = cliCommand();
    const child = spawn(file, [...args, 'fix', 'reset-credentials', '--yes', '--offline'], {
      env: world.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      for (let i = 0; i < 600 && !/Waiting for another fix run \(process \d+\)/.test(stderr); i++)
        await new Promise((r) => setTimeout(r, 50));
      assert.match(stderr, new RegExp(`Waiting for another fix run \\(process ${process.pid}\\) to finish`));
      await readFile(creds, 'utf8'); // nothing moved while it waits
    } finally {
      await held.release();
    }
    const code = await exited;
    runs.push({ code, stdout, stderr, elapsedMs: 0 });
    assert.match(stdout, /Moved ~\/\.claude\/\.credentials\.json into backup/);
    await assert.rejects(readFile(creds, 'utf8'), /ENOENT/);
  });

  test('fix --yes on its own plan never signs anyone out: the sign-in after it needs a person', async () => {
    const log = join(world.root, 'logout.log');
    await makeLogoutStub(world.bin, { log });
    const creds = join(world.configDir, '.credentials.json');
    const before = await readFile(creds, 'utf8');
    const run = await cli(['fix', '--yes', '--offline']);
    assert.match(run.stdout, /Sign out of Claude Code: skipped; signing out unattended would leave you signed out/);
    await assert.rejects(readFile(log, 'utf8'), /ENOENT/, 'claude auth logout never ran');
    assert.equal(await readFile(creds, 'utf8'), before);
  });

  test('fix reauthenticate --yes without a terminal refuses the sign-out and says what to do instead', async () => {
    const log = join(world.root, 'logout.log');
    await makeLogoutStub(world.bin, { log });
    const creds = join(world.configDir, '.credentials.json');
    const before = await readFile(creds, 'utf8');
    const run = await cli(['fix', 'reauthenticate', '--yes', '--offline']);
    assert.match(run.stderr, /Sign out of Claude Code: not run\. With no terminal, nobody could sign in after it/);
    assert.match(run.stderr, /in a terminal \(the sign-in follows right there\)/);
    assert.match(run.stderr, /`claude setup-token`/);
    assert.notEqual(run.code, 0, 'what was asked was not done');
    await assert.rejects(readFile(log, 'utf8'), /ENOENT/, 'claude auth logout never ran');
    assert.equal(await readFile(creds, 'utf8'), before);
  });

  test('fix reauthenticate --yes --sign-in-after: the caller signs in after, so the sign-out runs (backed up)', async () => {
    const creds = join(world.configDir, '.credentials.json');
    const run = await cli(['fix', 'reauthenticate', '--yes', '--sign-in-after', '--offline']);
    assert.match(run.stdout, /Step 2 – Sign out of Claude Code\n[\s\S]*done/);
    await assert.rejects(readFile(creds, 'utf8'), /ENOENT/, 'signed out');
    assert.match(run.stdout, /undo: claude-auth-doctor undo /);
  });
});

describe(
  'interactive fix in a terminal',
  { skip: POSIX_ONLY || (spawnSync('script', ['--version']).status !== 0 ? 'util-linux `script` (a pty) is not installed' : false) },
  () => {
    test('Enter runs a step, s skips, and the result is re-checked', async () => {
      const { file, args } = cliCommand();
      const command = [file, ...args, 'fix', 'reset-credentials', '--offline'].map((a) => `'${a}'`).join(' ');
      const result = spawnSync('script', ['-qec', command, '/dev/null'], {
        env: { ...world.env, TERM: 'dumb' },
        input: '\ns\n',
        encoding: 'utf8',
        timeout: 60_000,
      });
      const out = result.stdout.replace(/\r/g, '');
      runs.push({ code: result.status, stdout: out, stderr: result.stderr, elapsedMs: 0 });
      assert.match(out, /\n {2}Move ~\/\.claude\/\.credentials\.json aside\n[\s\S]*?\n {2}\[Enter\] run · s skip · q quit › /);
      // Wrapped to the pty's width with a hanging indent.
      assert.match(out.replace(/\n +/g, ' '), /· done: Moved ~\/\.claude\/\.credentials\.json into backup/);
      assert.match(out, /✗ Stored login: No stored login/);
      // A sign-in is run right here (the terminal handed over), not left for the user to copy.
      assert.match(out, /\n {2}Sign in with a pasted code\n[\s\S]*?\n {2}\[Enter\] run `claude auth login` here · s skip · q quit › /);
      assert.equal(result.status, 2);
    });
  },
);
