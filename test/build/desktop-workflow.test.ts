/**
 * .github/workflows/desktop.yml cannot run here (no Electron binary, no macOS or Windows); what can
 * be checked here is: its structure and the contexts its expressions use, every shell script in it
 * (`bash -n`), that the npm scripts, files and fuses it names exist and agree with
 * electron-builder.yml, and that actions are pinned.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../e2e/harness.js';

const root = repoRoot();
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<
    string,
    {
      'runs-on': string;
      env?: Record<string, string>;
      strategy: { 'fail-fast': boolean; matrix: { include: Record<string, string>[] } };
      defaults?: { run?: { shell?: string } };
      steps: Step[];
    }
  >;
}

const workflow = yaml.load(readFileSync(join(root, '.github', 'workflows', 'desktop.yml'), 'utf8')) as Workflow;
const builder = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
  productName: string;
  linux: { executableName: string };
  electronFuses: Record<string, boolean>;
};
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const job = workflow.jobs['desktop'];
const steps = job?.steps ?? [];
const runs = steps.filter((s) => s.run).map((s) => s.run ?? '');
const stepNamed = (pattern: RegExp): Step | undefined => steps.find((s) => pattern.test(s.name ?? ''));

/** Contexts GitHub allows in a job's `env` and `runs-on` (no `runner`, no `steps`). */
const JOB_LEVEL_CONTEXTS = new Set(['github', 'needs', 'strategy', 'matrix', 'vars', 'secrets', 'inputs']);

function expressions(text: string): string[] {
  return [...text.matchAll(/\$\{\{(.*?)\}\}/g)].map((m) => (m[1] ?? '').trim());
}

describe('.github/workflows/desktop.yml', () => {
  test('runs on pushes and pull requests with read-only permissions, on macOS, Windows and Ubuntu', () => {
    assert.ok('push' in workflow.on && 'pull_request' in workflow.on);
    assert.deepEqual(workflow.permissions, { contents: 'read' });
    assert.ok(job, 'a desktop job');
    assert.equal(job.strategy['fail-fast'], false);
    assert.deepEqual(job.strategy.matrix.include.map((m) => m['os']).sort(), ['macos-latest', 'ubuntu-latest', 'windows-latest']);
    assert.equal(job.defaults?.run?.shell, 'bash');
  });

  test('the matrix names the folders and executables electron-builder.yml produces', () => {
    const byOs = Object.fromEntries(job?.strategy.matrix.include.map((m) => [m['os'], m]) ?? []);
    const name = builder.productName;
    assert.deepEqual(byOs['macos-latest'], {
      os: 'macos-latest',
      display: '',
      unpacked: 'release/mac-arm64',
      app: `${name}.app`,
      exe: `${name}.app/Contents/MacOS/${name}`,
    });
    assert.deepEqual(byOs['windows-latest'], {
      os: 'windows-latest',
      display: '',
      unpacked: 'release/win-unpacked',
      app: `${name}.exe`,
      exe: `${name}.exe`,
    });
    const linux = builder.linux.executableName;
    assert.deepEqual(byOs['ubuntu-latest'], {
      os: 'ubuntu-latest',
      display: 'xvfb-run --auto-servernum',
      unpacked: 'release/linux-unpacked',
      app: linux,
      exe: linux,
    });
  });

  test('job-level expressions use only the contexts GitHub allows there', () => {
    const jobLevel = [...Object.values(job?.env ?? {}), job?.['runs-on'] ?? ''];
    for (const expression of jobLevel.flatMap(expressions)) {
      const context = /^[a-z]+/.exec(expression)?.[0] ?? '';
      assert.ok(JOB_LEVEL_CONTEXTS.has(context), `"${expression}" uses ${context}, not available in a job's env`);
    }
  });

  test('every action is pinned to a major version or a commit', () => {
    const uses = steps.filter((s) => s.uses).map((s) => s.uses ?? '');
    assert.ok(uses.length >= 3);
    for (const action of uses) assert.match(action, /^[\w-]+\/[\w-]+@(v\d+|[0-9a-f]{40})$/, action);
  });

  test('a normal install (no skipped Electron download), Node >= 22.12 for Electron, Xvfb and libsecret on Linux', () => {
    assert.ok(runs.some((r) => /^npm ci$/m.test(r)));
    assert.ok(!JSON.stringify(workflow).includes('ELECTRON_SKIP_BINARY_DOWNLOAD'));
    assert.equal(steps.find((s) => s.uses?.startsWith('actions/setup-node'))?.with?.['node-version'], '22.x');
    assert.ok(runs.some((r) => /install-electron/.test(r)));
    const linux = stepNamed(/Linux packages/);
    assert.equal(linux?.if, "runner.os == 'Linux'");
    assert.match(linux?.run ?? '', /xvfb\b.*libsecret-1-dev/s);
  });

  test('in order: strict config check, the suite (development), npm run dist, the fuses, the suite (packaged)', () => {
    const index = (pattern: RegExp): number => runs.findIndex((r) => pattern.test(r));
    const strict = index(/validate-builder-config\.mjs --strict/);
    const dev = index(/^\$RUN node --test dist\/test\/desktop\/$/m);
    const dist = index(/npm run dist/);
    const fuses = index(/electron-fuses read/);
    const packaged = index(/CLAUDE_AUTH_DOCTOR_APP=.*node --test dist\/test\/desktop\//);
    assert.ok(
      strict >= 0 && strict < dev && dev < dist && dist < fuses && fuses < packaged,
      JSON.stringify({ strict, dev, dist, fuses, packaged }),
    );
    assert.ok(existsSync(join(root, 'test', 'desktop', 'app.desktop.test.ts')));
    for (const script of runs.flatMap((r) => [...r.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1] ?? '')))
      assert.ok(pkg.scripts[script], `npm run ${script} exists`);
  });

  test('the fuses it checks in the binary are the ones electron-builder.yml sets, with the same state', () => {
    const read = runs.find((r) => /electron-fuses read/.test(r)) ?? '';
    const checked = Object.fromEntries([...read.matchAll(/'(\w+) is (Enabled|Disabled)'/g)].map((m) => [m[1], m[2] === 'Enabled']));
    const names: Record<string, string> = {
      runAsNode: 'RunAsNode',
      enableCookieEncryption: 'EnableCookieEncryption',
      enableNodeOptionsEnvironmentVariable: 'EnableNodeOptionsEnvironmentVariable',
      enableNodeCliInspectArguments: 'EnableNodeCliInspectArguments',
      enableEmbeddedAsarIntegrityValidation: 'EnableEmbeddedAsarIntegrityValidation',
      onlyLoadAppFromAsar: 'OnlyLoadAppFromAsar',
    };
    for (const [key, fuse] of Object.entries(names))
      assert.equal(checked[fuse], builder.electronFuses[key], `${fuse} checked as configured`);
    const packaged = runs.find((r) => /CLAUDE_AUTH_DOCTOR_APP=/.test(r)) ?? '';
    assert.match(
      packaged,
      /electron-fuses write --app "\$copy\/\$\{\{ matrix\.app \}\}" EnableNodeCliInspectArguments=on/,
      'only a copy is made inspectable',
    );
  });

  test('macOS: security on a throwaway keychain (locked: 36, not found: 44, restored through security -i)', () => {
    const keychain = stepNamed(/macOS keychain/);
    assert.equal(keychain?.if, "runner.os == 'macOS'");
    const script = keychain?.run ?? '';
    for (const part of [
      'create-keychain',
      'lock-keychain',
      'show-keychain-info',
      'unlock-keychain',
      'test "$locked" = 36',
      'test "$missing" = 44',
      '| security -i',
      'delete-keychain',
    ])
      assert.ok(script.includes(part), part);
    assert.doesNotMatch(script, /-w restored/, 'the restored value never goes on a command line');
  });

  test('every script parses as bash', { skip: existsSync('/bin/bash') ? false : 'bash is not installed' }, () => {
    for (const script of runs) {
      const text = script.replace(/\$\{\{(.*?)\}\}/g, 'EXPR');
      const checked = spawnSync('/bin/bash', ['-n'], { input: text, encoding: 'utf8' });
      assert.equal(checked.status, 0, `${checked.stderr}\n${script}`);
    }
  });
});
