/**
 * The plan's order as a person meets it: with no `claude` installed and no login, installing Claude
 * Code comes first (the sign-in needs it), in the report `check --json` prints and in `fix`'s walk.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { HealthReport } from '../../src/shared/report.js';
import { runCli } from '../helpers/cli.js';
import { STUB_CLAUDE_SKIP } from '../helpers/stub-claude.js';
import { makeWorld, type World } from '../helpers/world.js';

let world: World | null = null;
after(() => world?.close());

test('no claude and no login: "Install or update Claude Code" leads, the sign-in follows', { skip: STUB_CLAUDE_SKIP }, async () => {
  world = await makeWorld({ credentials: null });
  await rm(join(world.home, 'bin', 'claude'));
  const env = { ...world.env };
  delete env['CLAUDE_AUTH_DOCTOR_CLAUDE_BIN'];
  const run = await runCli(['check', '--json'], { env });
  const report = JSON.parse(run.stdout) as HealthReport;
  assert.equal(report.checks.find((c) => c.id === 'cli.install')?.status, 'fail', run.stdout.slice(0, 2000));
  assert.equal(report.plan[0], 'update-claude-code', `plan: ${report.plan.join(', ')}`);
  assert.ok(report.plan.includes('reauthenticate'), `the sign-in is still in the plan: ${report.plan.join(', ')}`);
  const human = await runCli(['check'], { env });
  assert.match(human.stdout, /Plan:\n {2}1\. Install or update Claude Code\n {2}2\. /);
});
