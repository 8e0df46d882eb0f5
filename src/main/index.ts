// The composition root of the tray app: the one file that touches Electron's singletons. Every
// decision it applies comes from a pure, tested function (controller.ts, core/tray, core/notify,
// security.ts, menu.ts, window-options.ts); this file only wires them to Electron.
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  clipboard,
  Menu,
  nativeImage,
  nativeTheme,
  Notification as ElectronNotification,
  powerMonitor,
  session,
  shell,
  Tray,
} from 'electron';
import Store from 'electron-store';
import notifier from 'node-notifier';
import { diagnose } from '../core/diagnosis/diagnose.js';
import { DEFAULT_PROBE_BUDGET_MS } from '../core/probes/budget.js';
import { createProbeEnv } from '../core/probes/probe-env.js';
import { buildDiagnosticBundle } from '../core/diagnosis/bundle.js';
import { shellJoin } from '../core/fixes/shell-quote.js';
import { unlockSecretService } from '../core/keychain/secret-service-unlock.js';
import { systemClock } from '../core/io/time.js';
import { createFileLogger, logDir } from '../core/log/logger.js';
import { watchWorld } from '../core/monitor/world-watchers.js';
import type { Notification } from '../core/notify/decide.js';
import { resolveOs } from '../core/io/os.js';
import { createSecretStore } from '../core/keychain/secret-store.js';
import { createDoctor } from '../core/doctor/wiring.js';
import { quarantineInvalidSettings } from '../core/settings/quarantine.js';
import type { Settings } from '../core/settings/schema.js';
import { SETTINGS_STORE_NAME, settingsStoreOptions } from '../core/settings/store-options.js';
import { applySettingsPatch, completeSettings } from '../core/settings/validate.js';
import type { MenuItem } from '../core/tray/menu-template.js';
import type { TrayModel } from '../core/tray/tray-model.js';
import { isAllowedExternalUrl } from '../shared/external-links.js';
import { createAppController } from './tray-controller.js';
import { sendEvent, serveIpc } from './ipc.js';
import { toElectronMenu } from './menu.js';
import { actionFromReply, clickAction, notificationDelivery } from './notification-route.js';
import { externalLinkDecision, isAllowedNavigation } from './security.js';
import { WIZARD_CSP } from '../shared/csp.js';
import { wizardWindowOptions } from './window-options.js';

const TOOLTIP_REFRESH_MS = 60_000;
const os = resolveOs(process.platform);

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(not a URL)';
  }
}

async function main(): Promise<void> {
  await app.whenReady();
  if (os === 'darwin') app.dock?.hide();

  const root = app.getAppPath();
  const log = createFileLogger({ dir: logDir(process.env, os, homedir()), name: 'app' });
  const moved = await quarantineInvalidSettings(join(app.getPath('userData'), `${SETTINGS_STORE_NAME}.json`), Date.now());
  if (moved.kind === 'moved') log.warn('settings file was unusable; moved aside', { to: moved.to, reason: moved.reason });
  const store = new Store<Settings>({ name: SETTINGS_STORE_NAME, ...settingsStoreOptions(), clearInvalidConfig: false });
  const settings = (): Settings => completeSettings(store.store);
  if (app.isPackaged) app.setLoginItemSettings({ openAtLogin: settings().launchAtLogin });

  const probeEnv = createProbeEnv();
  // Claude Code's apiKeyHelper runs this app's CLI with Electron's Node.
  const cliCommand = `ELECTRON_RUN_AS_NODE=1 ${shellJoin([process.execPath, join(root, 'dist/cli/main.js')], os)}`;
  const service = createDoctor({ probeEnv, version: app.getVersion(), cliCommand });

  const pagePath = join(root, 'dist/bundle/index.html');
  const pageUrl = `file://${pagePath}`;
  const preloadPath = join(root, 'dist/bundle/preload.cjs');
  let wizard: BrowserWindow | null = null;
  let tray: Tray | null = null;
  const live = new Set<ElectronNotification>();

  const iconImage = (icon: string): Electron.NativeImage => nativeImage.createFromPath(join(root, 'assets/icons', icon));

  function openWizard(hash?: string): void {
    if (wizard && !wizard.isDestroyed()) {
      if (hash) void wizard.loadFile(pagePath, { hash });
      wizard.show();
      wizard.focus();
      return;
    }
    // The scanner cannot see options returned by a function: wizardWindowOptions sets contextIsolation,
    // sandbox, no nodeIntegration and disables Auxclick (asserted in test/main/window-and-security.test.ts).
    const window = new BrowserWindow(wizardWindowOptions(preloadPath, app.isPackaged)); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
    window.webContents.setWindowOpenHandler(({ url }) => {
      openLink(url);
      return { action: 'deny' };
    });
    const guard = (event: Electron.Event, url: string): void => {
      if (!isAllowedNavigation(url, pageUrl)) event.preventDefault();
    };
    window.webContents.on('will-navigate', guard);
    window.webContents.on('will-redirect', guard);
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      wizard = null;
    });
    wizard = window;
    void window.loadFile(pagePath, hash ? { hash } : undefined);
  }

  async function unlockKeychain(): Promise<void> {
    if (os === 'darwin') {
      // Touching a keychain item from a GUI app makes macOS show its own unlock prompt.
      await createSecretStore({ os }).get('unlock-probe');
    } else if (os === 'linux' && probeEnv.env['DBUS_SESSION_BUS_ADDRESS']) {
      const result = await unlockSecretService(probeEnv.env['DBUS_SESSION_BUS_ADDRESS'], { promptTimeoutMs: 120_000 });
      log.info('keyring unlock', { result: result.kind });
    }
    controller.trigger('unlock-screen');
  }

  /** The one place a link leaves the app: allowlisted https hosts only, in the system browser. */
  function openLink(url: string): void {
    if (externalLinkDecision(url) !== 'open-in-browser') return void log.warn('refused to open a link', { host: safeHost(url) });
    void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
  }

  function openStatusPage(url: string | undefined): void {
    openLink(url && isAllowedExternalUrl(url) ? url : 'https://status.claude.com');
  }

  function onMenu(item: MenuItem): void {
    switch (item.action) {
      case 'open-wizard':
        return openWizard();
      case 'open-fix':
        return openWizard(item.fixId ? `fix=${item.fixId}` : undefined);
      case 'preferences':
        return openWizard('preferences');
      case 'check-now':
        void controller.checkNow().catch((error: unknown) => log.error('check failed', { error: String(error) }));
        return;
      case 'unlock-keychain':
        void unlockKeychain().catch((error: unknown) => log.error('unlock failed', { error: String(error) }));
        return;
      case 'open-status-page':
        return openStatusPage(item.url);
      case 'copy-report': {
        const report = controller.current();
        if (report) clipboard.writeText(JSON.stringify(buildDiagnosticBundle(report, process.env), null, 2));
        return;
      }
      case 'quit':
        app.quit();
        return;
      case undefined:
        return;
    }
  }

  function onNotificationAction(notification: Notification, action: Notification['actions'][number] | null): void {
    if (!action) return;
    if (action.id === 'unlock-keychain') void unlockKeychain().catch(() => undefined);
    else if (action.id === 'open-wizard') openWizard();
    else openStatusPage(notification.url);
  }

  function render(model: TrayModel, menu: readonly MenuItem[]): void {
    if (!tray) tray = new Tray(iconImage(model.icon));
    else tray.setImage(iconImage(model.icon));
    tray.setToolTip(model.tooltip);
    tray.setContextMenu(Menu.buildFromTemplate(toElectronMenu(menu, onMenu)));
  }

  function notify(notification: Notification): void {
    log.info('notification', { id: notification.id });
    if (notificationDelivery(os, notification) === 'electron') {
      const shown = new ElectronNotification({ title: notification.title, body: notification.body });
      live.add(shown);
      shown.on('click', () => onNotificationAction(notification, clickAction(notification)));
      shown.on('close', () => live.delete(shown));
      shown.show();
      return;
    }
    const actions = notification.actions.map((a) => a.label);
    notifier.notify(
      { title: notification.title, message: notification.body, wait: actions.length > 0, ...(actions.length > 0 ? { actions } : {}) },
      (_error: Error | null, reply: string | undefined, metadata?: { activationValue?: string }) =>
        onNotificationAction(notification, actionFromReply(notification, metadata?.activationValue ?? reply)),
    );
  }

  const controller = createAppController({
    os,
    clock: systemClock,
    timers: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) },
    random: Math.random,
    service,
    runChecks: (only, hints) =>
      diagnose({
        offline: false,
        timeoutMs: DEFAULT_PROBE_BUDGET_MS,
        only,
        version: app.getVersion(),
        probeEnv,
        statusValidators: hints.statusValidators,
        tokenOnline: hints.tokenOnline,
      }),
    settings,
    theme: () => (nativeTheme.shouldUseDarkColors ? 'dark' : 'light'),
    shell: { render, notify },
    onError: (error) => log.error('monitor run failed', { error: String(error) }),
  });

  serveIpc(
    {
      ...service,
      'report:run-check': () => controller.checkNow(),
      'link:open': async (url) => openLink(url),
      'settings:get': async () => settings(),
      'settings:set': async (patch) => {
        const next = applySettingsPatch(settings(), patch);
        store.store = next;
        if (app.isPackaged) app.setLoginItemSettings({ openAtLogin: next.launchAtLogin });
        controller.applySettings();
        return next;
      },
    },
    () => pageUrl,
  );
  service.onReport((report) => sendEvent(wizard?.webContents, 'report:changed', report));

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [WIZARD_CSP] } }),
  );

  powerMonitor.on('resume', () => controller.trigger('resume'));
  powerMonitor.on('unlock-screen', () => controller.trigger('unlock-screen'));
  nativeTheme.on('updated', () => controller.refresh());
  const world = watchWorld(probeEnv.env, probeEnv.homeDir, (event) => controller.trigger(event));
  const ticker = setInterval(() => controller.refresh(), TOOLTIP_REFRESH_MS);
  app.on('before-quit', () => {
    clearInterval(ticker);
    world.close();
    controller.stop();
  });
  // A tray app stays when its window closes.
  app.on('window-all-closed', () => undefined);
  app.on('second-instance', () => openWizard());
  controller.start();
  log.info('started', { version: app.getVersion(), os });
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`Claude Auth Doctor could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    app.exit(1);
  });
}
