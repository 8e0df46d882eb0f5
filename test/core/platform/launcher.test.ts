import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Os } from '../../../src/core/io/os.js';
import { appLocation, installLauncher, launcherPath, launcherScript } from '../../../src/core/platform/launcher.js';

const POSIX_SKIP = process.platform === 'win32' ? 'runs the POSIX launcher with /bin/sh' : false;

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { env, timeout: 20_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A fake installed app: a CLI script a Node runs, and an "app" that answers as the app's --cli mode would. */
async function installed(os: Os): Promise<{ dir: string; launcher: string; nodeDir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'cad launcher '));
  const cli = join(dir, 'App Resources', 'dist', 'cli', 'main.js');
  await mkdir(dirname(cli), { recursive: true });
  await writeFile(cli, 'console.log(JSON.stringify(["node", ...process.argv.slice(2)]))\n');
  const app = join(dir, "Claude Auth Doctor's app");
  await writeFile(app, '#!/bin/sh\nprintf \'["app"\'; for a in "$@"; do printf \',"%s"\' "$a"; done; echo "]"\n');
  await chmod(app, 0o755);
  const launcher = launcherPath(join(dir, 'data'), os);
  assert.equal(await installLauncher(launcher, launcherScript(os, { app: [app], cliScript: cli })), 'written');
  const nodeDir = join(dir, 'node-bin');
  await mkdir(nodeDir);
  await writeFile(join(nodeDir, 'node'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} "$@"\n`);
  await chmod(join(nodeDir, 'node'), 0o755);
  return { dir, launcher, nodeDir };
}

describe('the stable launcher', () => {
  test('Linux: a system Node runs the unpacked CLI (no window system needed); arguments arrive whole', { skip: POSIX_SKIP }, async () => {
    const { launcher, nodeDir } = await installed('linux');
    assert.equal(((await stat(launcher)).mode & 0o777).toString(8), '755');
    const out = await run(launcher, ['api-key', 'two words'], { PATH: `${nodeDir}:/usr/bin:/bin` });
    assert.equal(out.code, 0, out.stderr);
    assert.deepEqual(JSON.parse(out.stdout), ['node', 'api-key', 'two words']);
  });

  test('no Node on PATH: the app itself, in its --cli mode (no ELECTRON_RUN_AS_NODE)', { skip: POSIX_SKIP }, async () => {
    const { dir, launcher } = await installed('linux');
    // Only shell builtins are needed; a PATH with nothing on it hides any system Node.
    const out = await run(launcher, ['api-key'], { PATH: join(dir, 'data') });
    assert.equal(out.code, 0, out.stderr);
    assert.deepEqual(JSON.parse(out.stdout), ['app', '--cli', 'api-key']);
    assert.doesNotMatch(launcherScript('linux', { app: ['/x'], cliScript: '/y' }), /ELECTRON_RUN_AS_NODE/);
  });

  test(
    'macOS: the app first (the keychain items it stored answer its own signed identity without a prompt)',
    { skip: POSIX_SKIP },
    async () => {
      const { launcher, nodeDir } = await installed('darwin');
      const out = await run(launcher, ['api-key'], { PATH: `${nodeDir}:/usr/bin:/bin` });
      assert.deepEqual(JSON.parse(out.stdout), ['app', '--cli', 'api-key']);
    },
  );

  test('the app gone and no Node: exit 3 and what to do', { skip: POSIX_SKIP }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cad-launcher-'));
    const launcher = launcherPath(dir, 'linux');
    await installLauncher(launcher, launcherScript('linux', { app: [join(dir, 'moved-away')], cliScript: join(dir, 'none.js') }));
    const out = await run(launcher, ['api-key'], { PATH: dir });
    assert.equal(out.code, 3);
    assert.match(out.stderr, /no longer at .*moved-away; open Claude Auth Doctor once to repair this launcher/);
  });

  test('development: the Electron binary with the app folder before --cli', () => {
    const script = launcherScript('linux', {
      app: ['/repo/node_modules/electron/dist/electron', '/repo'],
      cliScript: '/repo/dist/cli/main.js',
    });
    assert.match(script, /exec "\$APP" '\/repo' --cli "\$@"/);
  });

  test('an AppImage: no Node route (the CLI is inside its mount only while it runs), the AppImage itself', () => {
    const script = launcherScript('linux', { app: ['/home/j/Apps/Claude Auth Doctor.AppImage'], cliScript: null });
    assert.doesNotMatch(script, /node|CLI=/);
    assert.match(script, /exec "\$APP" --cli "\$@"/);
  });

  test('rewritten only when its text changes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cad-launcher-'));
    const path = launcherPath(dir, 'linux');
    const script = launcherScript('linux', { app: ['/opt/a'], cliScript: '/opt/b' });
    assert.equal(await installLauncher(path, script), 'written');
    assert.equal(await installLauncher(path, script), 'unchanged');
    assert.equal(await installLauncher(path, launcherScript('linux', { app: ['/opt/moved'], cliScript: '/opt/b' })), 'written');
  });

  test('Windows: a .cmd with CRLF lines, % doubled, Node first then the app', () => {
    const script = launcherScript('win32', {
      app: ['C:\\Users\\Jane\\AppData\\Local\\Programs\\Claude Auth Doctor\\Claude Auth Doctor.exe'],
      cliScript: 'C:\\Users\\100%\\resources\\app.asar.unpacked\\dist\\cli\\main.js',
    });
    assert.equal(
      launcherPath('C:\\Users\\Jane\\AppData\\Roaming\\Claude Auth Doctor', 'win32').endsWith('\\bin\\claude-auth-doctor.cmd'),
      true,
    );
    assert.ok(script.split('\r\n').length > 10 && !/[^\r]\n/.test(script));
    assert.match(script, /set "CLI=C:\\Users\\100%%\\resources/);
    assert.ok(script.indexOf('node "%CLI%" %*') < script.indexOf('"%APP%" --cli %*'));
  });
});

describe('appLocation: where a launcher or login item may point', () => {
  const cases: [string, Os, string, Record<string, string>, 'stable' | 'temporary'][] = [
    [
      'AppImage: the file, not its mount',
      'linux',
      '/tmp/.mount_ClaudeXy12/claude-auth-doctor',
      { APPIMAGE: '/home/j/Apps/Claude.AppImage' },
      'stable',
    ],
    ['an AppImage mount without APPIMAGE', 'linux', '/tmp/.mount_ClaudeXy12/claude-auth-doctor', {}, 'temporary'],
    ['deb', 'linux', '/opt/Claude Auth Doctor/claude-auth-doctor', {}, 'stable'],
    [
      'macOS translocated',
      'darwin',
      '/private/var/folders/x/T/AppTranslocation/ABC/d/Claude Auth Doctor.app/Contents/MacOS/Claude Auth Doctor',
      {},
      'temporary',
    ],
    [
      'macOS from the disk image',
      'darwin',
      '/Volumes/Claude Auth Doctor/Claude Auth Doctor.app/Contents/MacOS/Claude Auth Doctor',
      {},
      'temporary',
    ],
    ['macOS in Applications', 'darwin', '/Applications/Claude Auth Doctor.app/Contents/MacOS/Claude Auth Doctor', {}, 'stable'],
    [
      'Windows per-user install',
      'win32',
      'C:\\Users\\J\\AppData\\Local\\Programs\\Claude Auth Doctor\\Claude Auth Doctor.exe',
      {},
      'stable',
    ],
  ];
  for (const [name, os, exe, env, kind] of cases) {
    test(name, () => {
      const location = appLocation(os, exe, env);
      assert.equal(location.kind, kind);
      if (name.startsWith('AppImage')) assert.equal(location.exe, '/home/j/Apps/Claude.AppImage');
    });
  }
});
