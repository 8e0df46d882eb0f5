/**
 * `service install|uninstall|status` as a user runs them on Linux: through the fix engine (backups,
 * undo), against a stand-in `systemctl`/`loginctl` (a /bin/sh script that records its calls and
 * keeps the unit's state in a file) since a test cannot start a systemd user manager, and without
 * any systemctl at all. The unit itself is checked by systemd-analyze in user-service/render.test.ts.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { startWatch } from '../helpers/metrics-watch.js';
import { snapshot } from '../core/fixes/helpers.js';
import { makeWorld as makeLoopbackWorld } from '../helpers/world.js';

const POSIX = process.platform === 'linux' ? {} : { skip: 'the Linux service path (systemd) and /bin/sh stand-ins' };

let root: string;
let env: NodeJS.ProcessEnv;
let unit: string;
let calls: string;

/** A systemctl/loginctl stand-in: show-environment answers, enable/disable flip a state file, every call is logged. */
async function standIns(bin: string, state: string): Promise<void> {
  await mkdir(bin, { recursive: true });
  const systemctl = [
    '#!/bin/sh',
    `echo "systemctl $*" >> ${JSON.stringify(calls)}`,
    `STATE=${JSON.stringify(state)}`,
    'case "$*" in',
    '  "--user show-environment") echo "HOME=$HOME"; exit 0 ;;',
    '  "--user daemon-reload") exit 0 ;;',
    '  "--user enable --now claude-auth-doctor.service") echo active > "$STATE"; exit 0 ;;',
    '  "--user disable --now claude-auth-doctor.service") echo inactive > "$STATE"; exit 0 ;;',
    '  "--user show claude-auth-doctor.service"*)',
    '    if [ "$(cat "$STATE" 2>/dev/null)" = active ]; then',
    '      printf "LoadState=loaded\\nUnitFileState=enabled\\nActiveState=active\\nSubState=running\\nMainPID=4242\\nNRestarts=0\\nActiveEnterTimestamp=Mon 2026-01-05 09:00:00 UTC\\n"',
    '    else printf "LoadState=not-found\\nUnitFileState=\\nActiveState=inactive\\nSubState=dead\\nMainPID=0\\nNRestarts=0\\n"; fi; exit 0 ;;',
    'esac',
    'echo "unexpected: $*" >&2; exit 1',
  ].join('\n');
  const loginctl = ['#!/bin/sh', `echo "loginctl $*" >> ${JSON.stringify(calls)}`, 'echo no'].join('\n');
  await writeFile(join(bin, 'systemctl'), systemctl + '\n');
  await writeFile(join(bin, 'loginctl'), loginctl + '\n');
  await chmod(join(bin, 'systemctl'), 0o755);
  await chmod(join(bin, 'loginctl'), 0o755);
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cad-service-'));
  const home = join(root, 'home');
  await mkdir(join(home, '.claude'), { recursive: true });
  calls = join(root, 'calls.log');
  env = { HOME: home, USER: 'tester', PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', CLAUDE_CONFIG_DIR: join(home, '.claude'), NO_COLOR: '1' };
  unit = join(home, '.config', 'systemd', 'user', 'claude-auth-doctor.service');
});
afterEach(() => rm(root, { recursive: true, force: true }));

const withStandIns = async (): Promise<NodeJS.ProcessEnv> => {
  await standIns(join(root, 'bin'), join(root, 'unit-state'));
  return { ...env, PATH: `${join(root, 'bin')}:/usr/bin:/bin` };
};
const logged = async (): Promise<string[]> => (await readFile(calls, 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);

describe('service on Linux', POSIX, () => {
  test('install --dry-run prints the unit and the commands, and changes nothing', async () => {
    const withSystemd = await withStandIns();
    const before = await snapshot(root);
    const run = await runCli(['service', 'install', '--dry-run', '--metrics', '127.0.0.1:9464', '--label', 'host=vps-1'], {
      env: withSystemd,
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Would write ~\/\.config\/systemd\/user\/claude-auth-doctor\.service \(systemd user unit\):$/m);
    assert.match(run.stdout, /^ExecStart=\S+node (--import tsx )?\S+main\.(js|ts) watch --metrics 127\.0\.0\.1:9464 --label host=vps-1$/m);
    assert.match(run.stdout, /^Would run: systemctl --user enable --now claude-auth-doctor\.service$/m);
    assert.match(run.stdout, /^Nothing was changed \(--dry-run\)\.$/m);
    const after = await snapshot(root, ['calls.log']);
    delete before['calls.log'];
    assert.deepEqual(after, before);
    assert.deepEqual(
      await logged().then((l) => l.filter((c) => !/show-environment|--user show |loginctl/.test(c))),
      [],
      'only questions were asked',
    );
  });

  test(
    'install writes the unit through the fix engine and starts it; status says it runs; undo and uninstall put things back',
    { timeout: 120_000 },
    async () => {
      const withSystemd = await withStandIns();
      const install = await runCli(['service', 'install', '--metrics', '127.0.0.1:9464'], { env: withSystemd });
      assert.equal(install.code, 0, install.stdout + install.stderr);
      assert.match(
        install.stdout,
        /✓ Write the systemd user unit: Wrote ~\/\.config\/systemd\/user\/claude-auth-doctor\.service \(backup (\S+-service-install-[0-9a-f]{4})\)/,
      );
      assert.match(install.stdout, /Lingering is off: .*loginctl enable-linger \S+$/m);
      assert.deepEqual(
        (await logged()).filter((c) => /daemon-reload|enable|disable/.test(c)),
        ['systemctl --user daemon-reload', 'systemctl --user enable --now claude-auth-doctor.service'],
      );
      assert.match(await readFile(unit, 'utf8'), /^Environment="?CLAUDE_CONFIG_DIR=/m);

      // status: the manager says it runs; a real watch answers on the metrics port the status is given.
      const world = await makeLoopbackWorld();
      const watch = await startWatch(world.env, ['--offline']);
      try {
        const status = await runCli(['service', 'status', '--metrics', `127.0.0.1:${watch.port}`], { env: withSystemd });
        assert.equal(status.code, 0, status.stdout + status.stderr);
        assert.match(status.stdout, /^systemd user unit ~\/\.config\/systemd\/user\/claude-auth-doctor\.service: installed$/m);
        assert.match(status.stdout, /^ {2}enabled; active \(running\), pid 4242 since Mon 2026-01-05 09:00:00 UTC$/m);
        assert.match(status.stdout, new RegExp(`^  metrics: http://127\\.0\\.0\\.1:${watch.port}/metrics answers$`, 'm'));
        assert.match(status.stdout, /^The watch is running\.$/m);
      } finally {
        await watch.stop();
        await world.close();
      }

      const uninstall = await runCli(['service', 'uninstall'], { env: withSystemd });
      assert.equal(uninstall.code, 0, uninstall.stdout);
      assert.match(uninstall.stdout, /✓ Stop and disable the watch/);
      assert.match(uninstall.stdout, /✓ Move the systemd user unit into a backup: Moved .* into backup (\S+)\./);
      await assert.rejects(readFile(unit), /ENOENT/);
      const stopped = await runCli(['service', 'status'], { env: withSystemd });
      assert.equal(stopped.code, 1);
      assert.match(stopped.stdout, /: not installed$/m);
      assert.match(stopped.stdout, /^The watch is not running\.$/m);

      // undo of the uninstall brings the unit back byte for byte.
      const unitText = /ExecStart=.*/.exec(install.stdout);
      assert.equal(unitText, null, 'install does not print the unit');
      const undo = await runCli(['undo', '--yes'], { env: withSystemd });
      assert.equal(undo.code, 0, undo.stdout);
      assert.match(await readFile(unit, 'utf8'), /^Restart=on-failure$/m);
    },
  );

  test('undo of an install moves the unit aside', async () => {
    const install = await runCli(['service', 'install'], { env });
    assert.equal(install.code, 1, 'installed but not started: no systemd user manager here');
    const id = /backup (\S+-service-install-[0-9a-f]{4})/.exec(install.stdout)?.[1];
    assert.ok(id, install.stdout);
    const undo = await runCli(['undo', id, '--yes'], { env });
    assert.equal(undo.code, 0, undo.stdout);
    await assert.rejects(readFile(unit), /ENOENT/);
  });

  test('without systemd the unit is written and the commands to start it are printed', async () => {
    await mkdir(join(root, 'no-systemd'));
    const bare = { ...env, PATH: join(root, 'no-systemd') };
    const run = await runCli(['service', 'install', '--metrics', ':9464'], { env: bare });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(
      run.stdout,
      /The service manager cannot be reached from here: systemctl is not installed \(no systemd here\)\. Run these yourself:\n {2}systemctl --user daemon-reload\n {2}systemctl --user enable --now claude-auth-doctor\.service/,
    );
    assert.match(await readFile(unit, 'utf8'), /--metrics 127\.0\.0\.1:9464/);
    const status = await runCli(['service', 'status'], { env: bare });
    assert.equal(status.code, 1);
    assert.match(status.stdout, /cannot tell whether it runs: systemctl is not installed/);
    assert.match(status.stdout, /metrics: http:\/\/127\.0\.0\.1:9464\/metrics does not answer \(refused\)/);
  });

  test('bad calls are usage errors that say why', async () => {
    const cases: [string[], RegExp][] = [
      [['service'], /service takes one of install, uninstall, status/],
      [['service', 'start'], /service takes one of install, uninstall, status/],
      [['service', 'install', '--metrics', '127.0.0.1:0'], /needs a fixed port/],
      [['service', 'install', '--label', 'host=a'], /--label goes with --metrics/],
      [['service', 'status', '--dry-run'], /changes nothing/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args, { env });
      assert.equal(run.code, 3, args.join(' '));
      assert.match(run.stderr, message);
    }
  });
});
