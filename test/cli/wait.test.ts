import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cliCommand, runCli } from '../helpers/cli.js';
import { makeWorld, oauthCredentials } from '../helpers/world.js';

test('wait returns 0 once a fresh login appears, woken by the credentials file changing', async () => {
  const world = await makeWorld({ credentials: null });
  try {
    const { file, args } = cliCommand();
    const child = spawn(file, [...args, 'wait', '--timeout', '120'], { env: world.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    const waiting = new Promise<void>((resolve) =>
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString('utf8');
        if (stderr.includes('waiting (fail)')) resolve();
      }),
    );
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await waiting;
    await writeFile(join(world.configDir, '.credentials.json'), JSON.stringify(oauthCredentials()), { mode: 0o600 });
    const code = await exited;
    assert.equal(code, 0, stdout + stderr);
    assert.match(stdout, /^Claude Code sign-in is ok \(after \d+ s\)\.\n$/);
    assert.match(stderr, /waiting \(fail\): /);
    assert.doesNotMatch(stdout + stderr, /CANARY/);
    // What it saw last is what `status` shows now.
    const status = await runCli(['status', '--json'], { env: world.env });
    assert.equal(status.code, 0, status.stderr);
    assert.equal((JSON.parse(status.stdout) as { overall: string }).overall, 'ok');
  } finally {
    await world.close();
  }
});

test('at --timeout, wait exits with the code of the last state', async () => {
  const world = await makeWorld({ credentials: null });
  try {
    const run = await runCli(['wait', '--timeout', '1', '--offline', '--json'], { env: world.env });
    assert.equal(run.code, 2, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { overall: string }).overall, 'fail');
    const bad = await runCli(['wait', '--timeout', '0'], { env: world.env });
    assert.equal(bad.code, 3);
    assert.match(bad.stderr, /--timeout takes seconds/);
  } finally {
    await world.close();
  }
});
