import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { environmentKey } from '../../src/core/diagnosis/snapshot.js';
import type { HealthReport } from '../../src/shared/report.js';
import { runCli } from '../helpers/cli.js';
import { oauthCredentials } from '../helpers/world.js';

const run = promisify(execFile);
const DAY = 86_400_000;
const homes: string[] = [];
after(async () => {
  for (const dir of homes) await rm(dir, { recursive: true, force: true });
});

async function makeHome(endsInMs = 30 * DAY): Promise<{ home: string; env: NodeJS.ProcessEnv }> {
  const home = await mkdtemp(join(tmpdir(), 'cad-statusline-'));
  homes.push(home);
  await mkdir(join(home, '.claude'), { recursive: true });
  const credentials = oauthCredentials({ refreshTokenExpiresAt: Date.now() + endsInMs });
  await writeFile(join(home, '.claude', '.credentials.json'), JSON.stringify(credentials), { mode: 0o600 });
  const env = {
    HOME: home,
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    USER: userInfo().username,
    CLAUDE_AUTH_DOCTOR_DATA_DIR: join(home, 'doctor-data'),
  };
  return { home, env };
}

/** The report a full offline check saves, with every check made ok (a healthy machine with network and `claude`). */
async function healthySnapshot(h: { home: string; env: NodeJS.ProcessEnv }): Promise<void> {
  const checked = await runCli(['check', '--offline', '--json'], { env: h.env });
  const report = JSON.parse(checked.stdout) as HealthReport;
  const healthy: HealthReport = { ...report, overall: 'ok', checks: report.checks.map((c) => ({ ...c, status: 'ok' as const })), plan: [] };
  const place = { env: h.env, os: 'linux' as const, homeDir: h.home, user: userInfo().username };
  const snapshot = {
    kind: 'claude-auth-doctor/last-report',
    version: 1,
    takenAt: new Date().toISOString(),
    by: 'watch',
    environment: environmentKey(place),
    report: healthy,
  };
  await writeFile(join(h.env['CLAUDE_AUTH_DOCTOR_DATA_DIR'] ?? '', 'last-report.json'), JSON.stringify(snapshot), { mode: 0o600 });
}

const SESSION = JSON.stringify({ session_id: 'abc', cwd: '/tmp', model: { id: 'claude-sonnet-4-5', display_name: 'Sonnet' } });

async function line(env: NodeJS.ProcessEnv, input = SESSION): Promise<string> {
  const out = await runCli(['statusline'], { env, input });
  assert.equal(out.code, 0, out.stderr);
  assert.equal(out.stderr, '');
  assert.match(out.stdout, /^[^\n]+\n$/, `one line, got ${JSON.stringify(out.stdout)}`);
  const text = out.stdout.slice(0, -1);
  assert.ok([...text].length <= 40, `${text} is longer than 40`);
  return text;
}

describe('statusline', () => {
  test('says when nothing was checked yet, whatever arrives on stdin', async () => {
    const h = await makeHome();
    assert.equal(await line(h.env), '○ login: not checked yet');
    assert.equal(await line(h.env, 'x'.repeat(2 * 1024 * 1024)), '○ login: not checked yet');
    assert.equal(await line(h.env, ''), '○ login: not checked yet');
  });

  test('reads the saved report: healthy with the days the login has left, or the login ending, always one short line', async () => {
    const healthy = await makeHome(30 * DAY - 3600_000);
    await healthySnapshot(healthy);
    assert.equal(await line(healthy.env), '● login ok · 29d');
    const ending = await makeHome(2 * DAY - 3600_000);
    await healthySnapshot(ending);
    assert.match(await line(ending.env), /^▲ login ends in 1 d 2\d h$/);
    const broken = await makeHome();
    await runCli(['check', '--offline'], { env: { ...broken.env, PATH: '/nonexistent' } });
    assert.match(await line(broken.env), /^✗ /);
  });

  test('install chains the statusLine that was there; uninstall and undo put settings.json back', async () => {
    const h = await makeHome();
    await healthySnapshot(h);
    const settings = join(h.home, '.claude', 'settings.json');
    const original = JSON.stringify(
      { model: 'opus', statusLine: { type: 'command', command: `echo "mine $(cat | head -c 14)"`, padding: 0 }, env: { A: '1' } },
      null,
      4,
    );
    await writeFile(settings, original + '\n');
    const installed = await runCli(['statusline', 'install'], { env: h.env });
    assert.equal(installed.code, 0, installed.stdout + installed.stderr);
    const merged = JSON.parse(await readFile(settings, 'utf8')) as {
      model: string;
      env: object;
      statusLine: { command: string; padding: number };
    };
    assert.deepEqual([merged.model, merged.env, merged.statusLine.padding], ['opus', { A: '1' }, 0]);
    // Claude Code runs the hot commands' own file beside the bundled main.js on every refresh.
    assert.match(merged.statusLine.command, /\S+\/dist\/cli\/hot\.cjs statusline --chain b64:[A-Za-z0-9_-]+$/);
    assert.match(merged.statusLine.command, /^CLAUDE_AUTH_DOCTOR_EXTRA_CA_CERTS="\$NODE_EXTRA_CA_CERTS" NODE_EXTRA_CA_CERTS= /);
    // As Claude Code runs it: through a shell, the session's JSON on stdin.
    const shown = await run('sh', ['-c', `printf '%s' '${SESSION}' | ${merged.statusLine.command}`], { env: h.env });
    assert.equal(shown.stdout, 'mine {"session_id": · ● login ok · 29d\n');
    const again = await runCli(['statusline', 'install'], { env: h.env });
    assert.match(again.stdout, /already says so; nothing to change/);
    const removed = await runCli(['statusline', 'uninstall'], { env: h.env });
    assert.equal(removed.code, 0, removed.stdout);
    assert.deepEqual(JSON.parse(await readFile(settings, 'utf8')), JSON.parse(original));
    const undone = await runCli(['undo', '--yes'], { env: h.env });
    assert.equal(undone.code, 0, undone.stdout + undone.stderr);
    assert.deepEqual(JSON.parse(await readFile(settings, 'utf8')), merged);
  });

  test('behind a TLS-inspecting proxy (NODE_EXTRA_CA_CERTS set), the doctor starts without it and the chained command gets it back', async () => {
    const h = await makeHome();
    await healthySnapshot(h);
    const settings = join(h.home, '.claude', 'settings.json');
    await writeFile(settings, JSON.stringify({ statusLine: { type: 'command', command: 'echo "ca:[${NODE_EXTRA_CA_CERTS-unset}]"' } }));
    assert.equal((await runCli(['statusline', 'install'], { env: h.env })).code, 0);
    const { statusLine } = JSON.parse(await readFile(settings, 'utf8')) as { statusLine: { command: string } };
    // Node warns on stderr as it starts when the file cannot be read: a doctor that got the variable would say so.
    const ca = '/nonexistent/company-ca.pem';
    const shown = await run('sh', ['-c', `printf '%s' '${SESSION}' | ${statusLine.command}`], {
      env: { ...h.env, NODE_EXTRA_CA_CERTS: ca },
    });
    assert.equal(shown.stdout, `ca:[${ca}] · ● login ok · 29d\n`);
    assert.doesNotMatch(shown.stderr, /extra certs/i);
    const unset = await run('sh', ['-c', `printf '%s' '${SESSION}' | ${statusLine.command}`], { env: h.env });
    assert.equal(unset.stdout, 'ca:[unset] · ● login ok · 29d\n');
  });

  test('without a statusLine before, install adds one and uninstall removes it; a settings.json that is not JSON is left alone', async () => {
    const h = await makeHome();
    const settings = join(h.home, '.claude', 'settings.json');
    await writeFile(settings, '{"model": "opus"}\n');
    await runCli(['statusline', 'install'], { env: h.env });
    const installed = JSON.parse(await readFile(settings, 'utf8')) as { statusLine: { type: string; command: string } };
    assert.equal(installed.statusLine.type, 'command');
    assert.match(installed.statusLine.command, /statusline$/);
    await runCli(['statusline', 'uninstall'], { env: h.env });
    assert.deepEqual(JSON.parse(await readFile(settings, 'utf8')), { model: 'opus' });
    await writeFile(settings, '{"model": ');
    const refused = await runCli(['statusline', 'install'], { env: h.env });
    assert.equal(refused.code, 2);
    assert.match(refused.stdout, /not valid JSON/);
    assert.equal(await readFile(settings, 'utf8'), '{"model": ');
  });
});
