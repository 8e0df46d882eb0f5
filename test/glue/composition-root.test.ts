/**
 * The tray app's real composition root (dist/src/main/index.js) run under plain Node, with the
 * `electron` module replaced by a small recording stand-in through a module loader hook (nothing
 * of the project is replaced), in a world on loopback: HTTPS API and status page with a test CA,
 * a stub `claude`, private D-Bus buses with a fake logind and a tray host, and a user whose login
 * shell (real bash) sets PATH, the CA bundle and an API key that the launcher's bare environment
 * lacks.
 *
 * What it proves: wiring and data flow — which events are registered when, what reaches the tray,
 * the windows, the clipboard, the notifications, the login item and the launcher, in which
 * environment the checks run. What it cannot: anything native (drawing, a real notification
 * centre, a real screen lock, signing); the desktop suite (test/desktop) and the CI workflow do that.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { CHECK_IDS, type HealthReport } from '../../src/shared/report.js';
import type { HistoryPoint } from '../../src/shared/ipc.js';
import { repoRoot } from '../e2e/harness.js';
import { fakeLogind, serveOnBus, type FakeService } from '../helpers/fake-dbus-service.js';
import { startSessionBus, type SessionBus } from '../helpers/keyring.js';
import { makeWorld, type World } from '../helpers/world.js';

const root = repoRoot();
const INDEX = join(root, 'dist', 'src', 'main', 'index.js');
const REGISTER = join(root, 'dist', 'test', 'glue', 'electron-register.js');
const PAGE = pathToFileURL(join(root, 'dist', 'bundle', 'index.html')).href;
const API_KEY = 'sk-ant-api03-FAKE-glue-apikey-0123456789abcdefghij';
const AUTH_TOKEN = 'sk-ant-oat01-FAKE-glue-authtoken-0123456789abcdefg';
const SECRET = /FAKE-glue|CANARY/;

const SKIP =
  process.platform !== 'linux'
    ? 'the glue test drives the Linux wiring (bash, D-Bus) on loopback'
    : !existsSync(INDEX) || !existsSync(REGISTER)
      ? 'dist/ is not built (npm run build)'
      : !existsSync('/bin/bash')
        ? '/bin/bash is not installed'
        : false;

interface State {
  ready: boolean;
  calls: { what: string; args: unknown[] }[];
  applicationMenu: 'default' | 'custom' | null;
  tray: { image: string; tooltip: string; menu: { id: string; label: string }[]; menuBuilds: number; popups: number } | null;
  windows: {
    id: number;
    visible: boolean;
    focused: number;
    destroyed: boolean;
    loads: string[];
    webPreferences: Record<string, unknown>;
  }[];
  notifications: { title: string; body: string; actions: unknown[]; shown: number }[];
  clipboard: string[];
  ipcChannels: string[];
  permissionHandlers: boolean;
}

/** The app process and the test's side of the stand-in's channel. */
class RunningApp {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly output: string[] = [];
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    child.on('message', (message: { type: string; id?: number; value?: unknown; error?: string }) => {
      if (message.type !== 'result' || message.id === undefined) return;
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error !== undefined) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message.value);
    });
    child.stdout?.on('data', (d: Buffer) => this.output.push(d.toString('utf8')));
    child.stderr?.on('data', (d: Buffer) => this.output.push(d.toString('utf8')));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  send<T>(cmd: string, fields: Record<string, unknown> = {}): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, cmd, ...fields });
    });
  }

  state(): Promise<State> {
    return this.send<State>('state');
  }

  invoke<T>(channel: string, ...args: unknown[]): Promise<T> {
    return this.send<T>('invoke', { channel, args, senderUrl: PAGE });
  }

  async until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) assert.fail(`${what}: not seen within ${timeoutMs} ms\n${this.output.join('').slice(-2000)}`);
      await sleep(100);
    }
  }

  async history(): Promise<string[]> {
    return (await this.invoke<HistoryPoint[]>('history:get')).map((p) => p.event);
  }
}

const check = (report: HealthReport, id: string) => report.checks.find((c) => c.id === id);

describe('the composition root under Node with a recording electron (wiring and data flow, not native behaviour)', () => {
  let world: World;
  let system: SessionBus | null = null;
  let session: SessionBus | null = null;
  let logind: (FakeService & { setLocked(locked: boolean): void }) | null = null;
  let trayWatcher: FakeService | null = null;
  let app: RunningApp;
  let home: string;
  let skip: string | false = SKIP;

  before(async () => {
    if (skip) return;
    const buses = [await startSessionBus(), await startSessionBus()];
    for (const bus of buses) if ('skip' in bus) skip = bus.skip;
    if (skip) return;
    [system, session] = buses as [SessionBus, SessionBus];
    logind = await fakeLogind(system.address);
    trayWatcher = await serveOnBus(session.address, 'org.kde.StatusNotifierWatcher', {});
    world = await makeWorld({});
    home = world.home;
    // The user's login shell: what a terminal (and Claude Code started from it) has.
    await writeFile(
      join(home, '.bash_profile'),
      `export PATH="$HOME/bin:$PATH"\nexport NODE_EXTRA_CA_CERTS=${String(world.env['NODE_EXTRA_CA_CERTS'])}\nexport ANTHROPIC_API_KEY=${API_KEY}\n`,
    );
    await mkdir(join(home, 'Apps'), { recursive: true });
    // What a desktop launcher gives the app: a bare PATH, none of the user's exports (the world's
    // endpoints stay, so nothing can ever leave loopback).
    const launcherEnv: NodeJS.ProcessEnv = {
      HOME: home,
      USER: 'tester',
      LANG: 'C.UTF-8',
      SHELL: '/bin/bash',
      PATH: '/usr/bin:/bin',
      CLAUDE_AUTH_DOCTOR_API_URL: world.env['CLAUDE_AUTH_DOCTOR_API_URL'],
      CLAUDE_AUTH_DOCTOR_AUTH_URL: world.env['CLAUDE_AUTH_DOCTOR_AUTH_URL'],
      CLAUDE_AUTH_DOCTOR_STATUS_URL: world.env['CLAUDE_AUTH_DOCTOR_STATUS_URL'],
      CLAUDE_AUTH_DOCTOR_LOG_DIR: join(home, 'logs'),
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_DATA_HOME: join(home, '.local', 'share'),
      XDG_CURRENT_DESKTOP: 'KDE',
      XDG_SESSION_ID: '32',
      DBUS_SESSION_BUS_ADDRESS: session.address,
      DBUS_SYSTEM_BUS_ADDRESS: system.address,
      APPIMAGE: join(home, 'Apps', 'Claude Auth Doctor.AppImage'),
      GLUE_PACKAGED: '1',
      GLUE_EXE: '/tmp/.mount_ClaudeGlue/claude-auth-doctor',
      GLUE_APP_PATH: root,
    };
    const child = fork(INDEX, [], {
      execArgv: ['--import', pathToFileURL(REGISTER).href],
      env: launcherEnv,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    app = new RunningApp(child);
  });

  after(async () => {
    if (app && app.child.exitCode === null) app.child.kill('SIGKILL');
    logind?.close();
    trayWatcher?.close();
    await system?.stop();
    await session?.stop();
    await world?.close();
  });

  test('start: lifecycle events before the first await, one settings folder, no default menu, the tray says "checking" first', async (t) => {
    if (skip) return t.skip(String(skip));
    const state = await app.until('the tray', async () => ((await app.state()).tray ? app.state() : null));
    const order = state.calls.map((c) => (c.what === 'app.on' ? `on:${String(c.args[0])}` : c.what));
    const ready = order.indexOf('app.whenReady');
    for (const event of ['second-instance', 'activate', 'window-all-closed', 'before-quit'])
      assert.ok(order.indexOf(`on:${event}`) >= 0 && order.indexOf(`on:${event}`) < ready, `${event} registered before whenReady`);
    assert.ok(order.indexOf('app.requestSingleInstanceLock') < ready);
    assert.deepEqual(
      state.calls.find((c) => c.what === 'app.setPath')?.args,
      ['userData', join(home, '.config', 'Claude Auth Doctor')],
      'dev and packaged runs share the product-named folder',
    );
    assert.equal(state.applicationMenu, null, 'no Reload / Toggle DevTools menu on Linux');
    assert.deepEqual(state.calls.find((c) => c.what === 'Tray')?.args, ['assets/icons/linux/tray-checking-light.png']);
    assert.ok(!state.calls.some((c) => c.what === 'webRequest.onHeadersReceived'), 'no CSP header hook (file:// pages never see one)');
    assert.ok(state.permissionHandlers);
  });

  test("the checks run in the user's login-shell environment, not the launcher's", async (t) => {
    if (skip) return t.skip(String(skip));
    await app.until('a first report', async () => {
      const tooltip = (await app.state()).tray?.tooltip ?? '';
      return tooltip !== '' && !tooltip.startsWith('Checking') && tooltip !== 'Not checked yet';
    });
    const report = await app.invoke<HealthReport>('report:get');
    assert.equal(check(report, 'cli.install')?.status, 'ok', 'claude found on the PATH the shell sets');
    assert.equal(
      check(report, 'auth.method')?.summary,
      'Claude subscription login (Max); `claude -p`: API key from ANTHROPIC_API_KEY',
      'the key exported in .bash_profile (interactive Claude Code asks before using it; -p uses it)',
    );
    assert.equal(check(report, 'network.tls')?.status, 'ok', 'the CA bundle the shell names is trusted');
    assert.doesNotMatch((await app.state()).tray?.tooltip ?? '', /not installed/);
  });

  test('the stable launcher: written in the data dir, naming the AppImage, never ELECTRON_RUN_AS_NODE; use-api-key points at it', async (t) => {
    if (skip) return t.skip(String(skip));
    const launcher = join(home, '.local', 'share', 'claude-auth-doctor', 'bin', 'claude-auth-doctor');
    const script = await app.until('the launcher', async () => existsSync(launcher) && readFile(launcher, 'utf8'));
    assert.match(script, new RegExp(`APP='${join(home, 'Apps', 'Claude Auth Doctor.AppImage')}'`));
    assert.doesNotMatch(script, /ELECTRON_RUN_AS_NODE|\.mount_/);
    const run = await app.invoke<{ steps: { detail: string }[] }>('fix:start', 'use-api-key');
    assert.ok(
      run.steps.some((s) => s.detail.includes(`${launcher} api-key`)),
      JSON.stringify(run.steps.map((s) => s.detail)),
    );
  });

  test('a second launch opens the wizard (hardened); activate brings the same window back', async (t) => {
    if (skip) return t.skip(String(skip));
    await app.send('emit', { target: 'app', event: 'second-instance' });
    const [window] = await app.until('the wizard', async () => {
      const { windows } = await app.state();
      return windows.length === 1 && windows[0]?.visible ? windows : null;
    });
    assert.equal(window?.loads[0], PAGE);
    assert.equal(window?.webPreferences['sandbox'], true);
    assert.equal(window?.webPreferences['contextIsolation'], true);
    await app.send('emit', { target: 'app', event: 'activate' });
    const after = (await app.state()).windows;
    assert.equal(after.length, 1, 'no second window');
    assert.ok((after[0]?.focused ?? 0) >= 1);
  });

  test('Copy Diagnostic Report reaches the clipboard, without a secret; the Copy buttons may write to it, nothing else may', async (t) => {
    if (skip) return t.skip(String(skip));
    await app.send('click-menu', { item: 'copy-report' });
    const [copied = ''] = (await app.state()).clipboard;
    const bundle = JSON.parse(copied) as { report: HealthReport };
    assert.equal(bundle.report.checks.length, CHECK_IDS.length);
    assert.doesNotMatch(copied, SECRET);
    assert.deepEqual(await app.send('permission', { permission: 'clipboard-sanitized-write', url: `${PAGE}#fix=use-api-key` }), {
      checked: true,
      requested: true,
    });
    assert.deepEqual(await app.send('permission', { permission: 'clipboard-sanitized-write', url: 'file:///tmp/evil.html' }), {
      checked: false,
      requested: false,
    });
    assert.deepEqual(await app.send('permission', { permission: 'clipboard-read', url: PAGE }), { checked: false, requested: false });
  });

  test('"Launch at login": on by itself on the first installed run (an XDG autostart entry for the AppImage), off again without deleting it', async (t) => {
    if (skip) return t.skip(String(skip));
    const entry = join(home, '.config', 'autostart', 'claude-auth-doctor.desktop');
    assert.equal(
      (await app.invoke<{ launchAtLogin: boolean }>('settings:get')).launchAtLogin,
      true,
      'the first installed run turned it on',
    );
    assert.match(readFileSync(entry, 'utf8'), /^Exec="[^"\n]*\/Apps\/Claude Auth Doctor\.AppImage"$/m);
    const on = await app.invoke<{ launchAtLogin: boolean; checkIntervalMinutes: number }>('settings:set', {
      launchAtLogin: true,
      checkIntervalMinutes: 30,
    });
    assert.deepEqual([on.launchAtLogin, on.checkIntervalMinutes], [true, 30]);
    assert.match(readFileSync(entry, 'utf8'), /^Exec="[^"\n]*\/Apps\/Claude Auth Doctor\.AppImage"$/m);
    assert.equal((await app.invoke<{ launchAtLogin: boolean }>('settings:get')).launchAtLogin, true);
    assert.equal((await app.invoke<{ launchAtLogin: boolean }>('settings:set', { launchAtLogin: false })).launchAtLogin, false);
    assert.match(readFileSync(entry, 'utf8'), /^Hidden=true$/m);
  });

  test('wake and a Linux screen unlock (logind over D-Bus) re-check', async (t) => {
    if (skip || !logind) return t.skip(String(skip));
    await app.send('emit', { target: 'powerMonitor', event: 'resume' });
    await app.until('a wake run', async () => (await app.history()).includes('wake'));
    logind.setLocked(true);
    await sleep(200);
    logind.setLocked(false);
    await app.until('an unlock run', async () => (await app.history()).includes('unlock-screen'));
  });

  test('a failure notifies; clicking the notification opens the wizard', async (t) => {
    if (skip) return t.skip(String(skip));
    const before = (await app.state()).notifications.length;
    // Claude Code is uninstalled meanwhile; the next full check finds out.
    await rename(join(home, 'bin', 'claude'), join(home, 'bin', 'claude.removed'));
    await app.send('click-menu', { item: 'check-now' });
    const notes = await app.until('a failure notification', async () => {
      const { notifications } = await app.state();
      return notifications.length > before ? notifications : null;
    });
    const index = notes.length - 1;
    assert.deepEqual(notes[index]?.actions, [], 'Linux: no buttons (the click is the action)');
    for (const window of (await app.state()).windows) if (!window.destroyed) await app.send('close-window', { window: window.id });
    await app.send('notification', { index, event: 'click' });
    await app.until('the wizard again', async () => (await app.state()).windows.some((w) => !w.destroyed && w.visible));
  });

  test('an edited rc file is read again: the new variable decides', async (t) => {
    if (skip) return t.skip(String(skip));
    await appendFile(join(home, '.bash_profile'), `export ANTHROPIC_AUTH_TOKEN=${AUTH_TOKEN}\n`);
    await app.until('the re-read shell environment', async () =>
      check(await app.invoke<HealthReport>('report:get'), 'auth.method')?.summary.startsWith('Bearer token from ANTHROPIC_AUTH_TOKEN'),
    );
  });

  test('Check Now re-checks; Quit stops every timer, watcher and connection (the process ends by itself)', async (t) => {
    if (skip) return t.skip(String(skip));
    const manual = async (): Promise<number> => (await app.history()).filter((e) => e === 'manual').length;
    const before = await manual();
    await app.send('click-menu', { item: 'check-now' });
    await app.until('a manual run', async () => (await manual()) > before);
    // Quit while the shell is being read again: nothing may start after it.
    await app.send('click-menu', { item: 'check-now' });
    await app.send('click-menu', { item: 'quit' });
    const code = await Promise.race([app.exited, sleep(20_000).then(() => 'still running')]);
    assert.equal(code, 0, app.output.join('').slice(-2000));
    const logged = readFileSync(join(home, 'logs', 'app.log'), 'utf8');
    assert.match(logged, /"msg":"started"/);
    assert.doesNotMatch(logged + app.output.join(''), SECRET, 'no secret in the log or the output');
  });
});

describe('a start-up failure is logged and shown, not lost on a stderr no one reads', () => {
  test('an unusable settings folder: an error box naming the log, exit 1', { skip: SKIP }, async () => {
    const world = await makeWorld({});
    try {
      // XDG_CONFIG_HOME is a file: the settings folder cannot be created.
      const blocked = join(world.home, 'not-a-dir');
      await writeFile(blocked, 'x');
      const child = fork(INDEX, [], {
        execArgv: ['--import', pathToFileURL(REGISTER).href],
        env: {
          HOME: world.home,
          PATH: '/usr/bin:/bin',
          SHELL: '/bin/sh',
          XDG_CONFIG_HOME: blocked,
          CLAUDE_AUTH_DOCTOR_LOG_DIR: join(world.home, 'logs'),
          GLUE_APP_PATH: root,
        },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      const failed = new RunningApp(child);
      const code = await Promise.race([failed.exited, sleep(30_000).then(() => 'still running')]);
      assert.equal(code, 1);
      assert.match(failed.output.join(''), /stand-in: error box: Claude Auth Doctor could not start: .*(ENOTDIR|EEXIST|not a directory)/);
      assert.match(readFileSync(join(world.home, 'logs', 'app.log'), 'utf8'), /"msg":"could not start"/);
    } finally {
      await world.close();
    }
  });
});
