/**
 * The published package installs anywhere: `npm pack`, then `npm install -g <tarball>` into a
 * temporary prefix on this Node, on a PATH whose `pkg-config` knows no libsecret (as on a fresh
 * machine without libsecret-1-dev), from the real npm registry. keytar (an optional dependency)
 * cannot build there; the install must still succeed, `claude-auth-doctor check` must work end to
 * end against a loopback world, and `api-key` must say what to install.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { CHECK_IDS, type HealthReport } from '../../src/shared/report.js';
import { repoRoot } from '../e2e/harness.js';
import { makeWorld, type World } from '../helpers/world.js';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(file: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** npm's own CLI script, run by this Node (npm test sets npm_execpath; otherwise next to node). */
function npmCli(): string | null {
  const candidates = [
    process.env['npm_execpath'],
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
  ];
  return candidates.find((path): path is string => Boolean(path && path.endsWith('.js') && existsSync(path))) ?? null;
}

const NPM = npmCli();
const root = repoRoot();

/**
 * This machine's environment (its proxy and CA settings reach the registry) without what an
 * enclosing `npm test` adds (npm_config_*, npm_lifecycle_*), on a PATH where pkg-config knows no libsecret.
 */
function cleanEnv(fakebin: string): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name));
  return {
    ...Object.fromEntries(kept),
    PATH: [fakebin, dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}

async function registryAnswers(env: NodeJS.ProcessEnv): Promise<string | false> {
  if (!NPM) return 'npm-cli.js not found next to this Node';
  const ping = await run(process.execPath, [NPM, 'ping'], { cwd: tmpdir(), env, timeoutMs: 20_000 }).catch(() => null);
  return ping?.code === 0 ? false : `the npm registry does not answer (npm ping: ${(ping?.stderr ?? 'timeout').trim().split('\n').at(-1)})`;
}

describe('npm pack → npm install -g on a machine without libsecret development files', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let skip: string | false = process.platform === 'win32' ? 'the fake pkg-config is a shell script' : false;
  let world: World | null = null;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cad-install-'));
    const fakebin = join(dir, 'fakebin');
    await mkdir(fakebin);
    await writeFile(
      join(fakebin, 'pkg-config'),
      '#!/bin/sh\necho "Package libsecret-1 was not found in the pkg-config search path" >&2\nexit 1\n',
    );
    await chmod(join(fakebin, 'pkg-config'), 0o755);
    env = cleanEnv(fakebin);
    skip ||= await registryAnswers(env);
    if (skip) console.log(`# skipped: ${skip}`);
  });

  after(async () => {
    await world?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('installs, runs check end to end, and names what the keychain features need', { timeout: 300_000 }, async (t) => {
    if (skip || !NPM) return t.skip(String(skip));
    const pkg = join(dir, 'pack');
    await mkdir(pkg);
    // The build is fresh (npm test builds first); --ignore-scripts keeps pack from rebuilding.
    const packed = await run(process.execPath, [NPM, 'pack', '--ignore-scripts', '--pack-destination', pkg], {
      cwd: root,
      env: { ...env, PATH: process.env['PATH'] },
      timeoutMs: 120_000,
    });
    assert.equal(packed.code, 0, packed.stderr);
    const [tarball = ''] = await readdir(pkg);
    assert.ok(tarball.endsWith('.tgz'), `npm pack wrote ${tarball}`);

    const prefix = join(dir, 'prefix');
    const install = await run(
      process.execPath,
      [NPM, 'install', '-g', join(pkg, tarball), '--prefix', prefix, '--foreground-scripts', '--loglevel=warn'],
      { cwd: dir, env, timeoutMs: 240_000 },
    );
    assert.equal(install.code, 0, `npm install -g failed:\n${install.stdout}\n${install.stderr}`);
    // The condition this test is about: keytar could not be built here.
    assert.match(install.stdout + install.stderr, /pkg-config --cflags libsecret-1|libsecret-1 was not found/);
    const installed = join(prefix, 'lib', 'node_modules', 'claude-auth-doctor');
    assert.equal(existsSync(join(installed, 'node_modules', 'keytar')), false, 'keytar, optional, was left out');
    assert.equal(existsSync(join(installed, 'node_modules', 'electron')), false, 'no Electron in the published install');

    const bin = join(prefix, 'bin', 'claude-auth-doctor');
    const version = await run(bin, ['--version'], { cwd: dir, env, timeoutMs: 20_000 });
    assert.equal(version.code, 0, version.stderr);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);

    world = await makeWorld({});
    const worldEnv = { ...world.env, PATH: `${world.env['PATH']}${delimiter}${dirname(process.execPath)}` };
    const checked = await run(bin, ['check', '--json'], { cwd: dir, env: worldEnv, timeoutMs: 60_000 });
    const report = JSON.parse(checked.stdout) as HealthReport;
    assert.equal(report.checks.length, CHECK_IDS.length);
    assert.equal(report.checks.find((c) => c.id === 'auth.token')?.status, 'ok', 'the token was checked with the loopback API');
    assert.equal(report.checks.find((c) => c.id === 'cli.install')?.status, 'ok');
    assert.ok(world.apiRequests().length > 0);

    const apiKey = await run(bin, ['api-key'], { cwd: dir, env, timeoutMs: 30_000 });
    assert.equal(apiKey.code, 2);
    assert.match(apiKey.stderr, /keytar\) could not be loaded.*not installed.*libsecret-1-dev/s);
  });
});
