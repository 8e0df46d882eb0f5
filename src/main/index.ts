// The composition root of the tray app: the one file that touches Electron's singletons. It builds
// the object graph and hands Electron's objects to the glue modules beside it (wizard window,
// notifications, tray view, login item, wake events, session policy), which apply decisions made
// by pure, tested functions (core/tray, core/notify, the controller, security.ts).
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  Menu,
  nativeImage,
  nativeTheme,
  Notification,
  powerMonitor,
  session,
  shell,
  Tray,
} from 'electron';
import Store from 'electron-store';
import { diagnose } from '../core/diagnosis/diagnose.js';
import { buildDiagnosticBundle } from '../core/diagnosis/bundle.js';
import { createDoctor } from '../core/doctor/wiring.js';
import { createUserEnvironment } from '../core/doctor/user-env.js';
import { shellJoin } from '../core/fixes/shell-quote.js';
import { resolveOs } from '../core/io/os.js';
import { createCommandRunner } from '../core/io/runner.js';
import { systemClock } from '../core/io/time.js';
import { systemBusAddress } from '../core/io/dbus.js';
import { createFileLogger, logDir, type Logger } from '../core/log/logger.js';
import { appDataDir } from '../core/platform/app-dirs.js';
import { autostartPath, xdgAutostart } from '../core/platform/autostart.js';
import { appLocation, launcherPath } from '../core/platform/launcher.js';
import { watchSessionUnlock } from '../core/platform/session-lock.js';
import { DEFAULT_PROBE_BUDGET_MS } from '../core/probes/budget.js';
import { createProbeEnv } from '../core/probes/probe-env.js';
import { quarantineInvalidSettings } from '../core/settings/quarantine.js';
import type { Settings } from '../core/settings/schema.js';
import { SETTINGS_STORE_NAME, settingsStoreOptions } from '../core/settings/store-options.js';
import { trayIconTheme } from '../core/tray/icon-theme.js';
import { menuHandler, notificationHandler, type AppActions } from './actions.js';
import { registerAppEvents, type AppEventHandlers } from './app-events.js';
import { cliArguments, runCliMode } from './cli-mode.js';
import { keychainUnlocker } from './keychain-unlock.js';
import { accountShell, ensureVisible, exposeTestHooks } from './desktop-session.js';
import { sendEvent, serveIpc } from './ipc.js';
import { createLoginItem } from './login-item.js';
import { applicationMenuTemplate } from './menu.js';
import { notifierHelperRuns } from './notification-route.js';
import { createNotifier } from './notifications.js';
import { createStoredSettings } from './stored-settings.js';
import { refreshLauncher } from './stable-launcher.js';
import { linkOpener } from './security.js';
import { applySessionPolicy } from './session-policy.js';
import { createAppController } from './tray-controller.js';
import { createTrayView } from './tray-view.js';
import { createTrayServers } from './servers.js';
import { notifyRules } from '../core/settings/runtime.js';
import { watchWake } from './wake-events.js';
import { watchUserWorld, type UserWorld } from './world-events.js';
import { createWizardWindow } from './wizard-window.js';

const PRODUCT_NAME = 'Claude Auth Doctor';
/** electron-builder's appId: the Windows Start Menu shortcut's AUMID, which toasts must name. */
const APP_ID = 'com.claudeauthdoctor.app';
const TOOLTIP_REFRESH_MS = 60_000;
const os = resolveOs(process.platform);
// The desktop session's own facts come from the app's environment (the launcher's), never from a shell.
const desktop = process.env;

async function main(attach: (handlers: AppEventHandlers) => void, log: Logger): Promise<void> {
  await app.whenReady();
  if (os === 'darwin') app.dock?.hide();
  const menu = applicationMenuTemplate(os);
  Menu.setApplicationMenu(menu ? Menu.buildFromTemplate(menu) : null);
  const root = app.getAppPath();
  const version = app.getVersion();

  const moved = await quarantineInvalidSettings(join(app.getPath('userData'), `${SETTINGS_STORE_NAME}.json`), Date.now());
  if (moved.kind === 'moved') log.warn('settings file was unusable; moved aside', { to: moved.to, reason: moved.reason });
  const store = new Store<Settings>({ name: SETTINGS_STORE_NAME, ...settingsStoreOptions(), clearInvalidConfig: false });

  // Diagnose in the user's login-shell environment, not the launcher's bare one.
  let world: UserWorld | null = null;
  const user = createUserEnvironment({
    processEnv: process.env,
    os,
    runner: createCommandRunner(),
    accountShell: accountShell(),
    build: (env) => createProbeEnv(env, os),
    onResolved: (result) => {
      log.info('login shell environment', result.kind === 'resolved' ? { shell: result.shell } : { ...result });
      world?.rewatch();
    },
  });
  void user.resolve();
  const probeEnv = user.probeEnv;

  // Claude Code's apiKeyHelper runs the stable launcher in the app's data dir, which outlives this run.
  const location = appLocation(os, app.isPackaged ? app.getPath('exe') : process.execPath, desktop);
  const launcher = launcherPath(appDataDir(process.env, os, homedir()), os);
  void refreshLauncher({
    os,
    location,
    packaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: root,
    appImage: Boolean(desktop['APPIMAGE']),
    execPath: process.execPath,
    path: launcher,
    log,
  });
  const service = createDoctor({
    probeEnv,
    version,
    cliCommand: shellJoin([launcher], os),
    snapshotBy: 'tray',
    onSnapshotProblem: (message) => log.warn('snapshot for status not saved', { message }),
  });

  const openLink = linkOpener(
    (url) => shell.openExternal(url), // eng-disable OPEN_EXTERNAL_JS_CHECK
    (host) => log.warn('refused to open a link', { host }),
  );
  const wizard = createWizardWindow({
    BrowserWindow,
    pagePath: join(root, 'dist/bundle/index.html'),
    preloadPath: join(root, 'dist/bundle/preload.cjs'),
    packaged: app.isPackaged,
    openLink,
  });
  applySessionPolicy(session.defaultSession, () => wizard.pageUrl);

  const actions: AppActions = {
    openWizard: (hash) => wizard.open(hash),
    checkNow: () => user.resolve().then(() => controller.checkNow()),
    unlockKeychain: keychainUnlocker({
      ...{ os, sessionBus: desktop['DBUS_SESSION_BUS_ADDRESS'], log },
      afterUnlock: () => controller.trigger('unlock-screen'),
    }),
    openLink,
    copyReport: () => {
      const report = controller.current();
      if (report) clipboard.writeText(JSON.stringify(buildDiagnosticBundle(report, probeEnv.env), null, 2));
    },
    quit: () => app.quit(),
    onError: (what, error) => log.error(what, { error: String(error) }),
    checkServers: () => servers.trigger(),
  };

  const notifier = createNotifier({
    Notification,
    os,
    helperRuns: notifierHelperRuns(os, process.arch, existsSync('/Library/Apple/usr/share/rosetta/rosetta')),
    appId: app.isPackaged ? APP_ID : null,
    loadNodeNotifier: async () => (await import('node-notifier')).default,
    onAction: notificationHandler(actions),
    log: (message, fields) => log.info(message, fields),
  });
  const trayView = createTrayView({ Tray, Menu, nativeImage, iconsDir: join(root, 'assets/icons'), os, onMenu: menuHandler(actions) });

  const loginItem = createLoginItem({
    os,
    app,
    packaged: app.isPackaged,
    location,
    autostart: xdgAutostart(autostartPath(desktop, homedir()), PRODUCT_NAME),
  });
  const settings = createStoredSettings({ store, loginItem, onChange: () => controller.applySettings() });
  await settings.reconcile();

  const servers = createTrayServers({
    ...{ os, root, version, rules: () => notifyRules(settings.current()), notify: (n) => notifier.show(n) },
    onChange: () => controller.refresh(),
    onError: (error) => log.error('server check failed', { error: String(error) }),
  });
  const controller = createAppController({
    servers: () => servers.current(),
    os,
    clock: systemClock,
    timers: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) },
    random: Math.random,
    service,
    runChecks: async (only, hints) => {
      await user.ready();
      return diagnose({
        offline: false,
        timeoutMs: DEFAULT_PROBE_BUDGET_MS,
        only,
        version,
        probeEnv,
        statusValidators: hints.statusValidators,
        tokenOnline: hints.tokenOnline,
      });
    },
    settings: settings.current,
    theme: () =>
      trayIconTheme(os, {
        desktop: desktop['XDG_CURRENT_DESKTOP'],
        systemDark: nativeTheme.shouldUseDarkColorsForSystemIntegratedUI,
        appDark: nativeTheme.shouldUseDarkColors,
      }),
    shell: { render: (model, items) => trayView.render(model, items), notify: (n) => notifier.show(n) },
    onError: (error) => log.error('monitor run failed', { error: String(error) }),
  });

  serveIpc(
    {
      ...service,
      'report:run-check': () => actions.checkNow(),
      'link:open': async (url) => openLink(url),
      'settings:get': () => settings.read(),
      'settings:set': (patch) => settings.write(patch),
      ...servers.handlers,
    },
    () => wizard.pageUrl,
  );
  service.onReport((report) => sendEvent(wizard.contents(), 'report:changed', report));

  const trigger = (event: Parameters<typeof servers.onEvent>[0]): void => (controller.trigger(event), servers.onEvent(event));
  const onWorld = (event: Parameters<typeof trigger>[0]): void =>
    event === 'environment-change' ? void user.resolve().then(() => trigger(event)) : trigger(event);
  // The shell may answer after Quit: the closed world starts nothing again then.
  const watched = watchUserWorld({
    env: probeEnv.env,
    homeDir: probeEnv.homeDir,
    startupFiles: () => user.startupFiles(),
    onEvent: onWorld,
  });
  world = watched;
  const wake = watchWake({
    os,
    powerMonitor,
    onEvent: trigger,
    watchLinuxUnlock: (onUnlock) =>
      watchSessionUnlock({
        systemBus: systemBusAddress(desktop),
        sessionBus: desktop['DBUS_SESSION_BUS_ADDRESS'] ?? null,
        sessionId: desktop['XDG_SESSION_ID'] ?? null,
        pid: process.pid,
        onUnlock,
      }),
    log: (message, fields) => log.info(message, fields),
  });
  nativeTheme.on('updated', () => controller.refresh());
  const ticker = setInterval(() => controller.refresh(), TOOLTIP_REFRESH_MS);

  let trayVisible = true;
  attach({
    openWizard: () => wizard.open(),
    // A tray app stays when its window closes, unless nobody can see its tray.
    allWindowsClosed: () => (trayVisible ? undefined : app.quit()),
    quitting: () => {
      clearInterval(ticker);
      watched.close();
      wake.close();
      controller.stop();
      servers.stop();
      notifier.dispose();
    },
  });
  controller.start();
  servers.start();
  log.info('started', { version, os, packaged: app.isPackaged, electron: process.versions.electron ?? null });
  if (process.env['CLAUDE_AUTH_DOCTOR_E2E'] === '1')
    exposeTestHooks({ actions, current: () => controller.current(), tray: () => trayView.shown(), launcher });

  trayVisible = await ensureVisible(os, desktop, {
    openWizard: () => wizard.open(),
    announce: (title, body) => notifier.announce(title, body),
    log: (host) => log.info('tray host', { ...host }),
  });
}

function start(): void {
  // One settings folder for development and packaged runs (Electron would name dev's after package.json's "name").
  app.setName(PRODUCT_NAME);
  app.setPath('userData', join(app.getPath('appData'), PRODUCT_NAME));
  if (os === 'win32') app.setAppUserModelId(APP_ID);
  if (!app.requestSingleInstanceLock()) return app.quit();
  const events = registerAppEvents(app);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  const log = createFileLogger({ dir: logDir(process.env, os, homedir()), name: 'app' });
  main(events.attach, log).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    log.error('could not start', { error: message });
    dialog.showErrorBox('Claude Auth Doctor could not start', `${message}\n\nDetails are in ${log.path}.`);
    app.exit(1);
  });
}

const cli = cliArguments(process.argv);
if (cli) void runCliMode(cli, join(app.getAppPath(), 'dist', 'cli', 'main.js'), (code) => app.exit(code));
else start();
