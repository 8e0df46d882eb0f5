/**
 * A small recording stand-in for the `electron` module, loaded in place of it by a module loader
 * hook (./electron-hooks.ts) when the real composition root (dist/src/main/index.js) runs under
 * plain Node. It keeps what the app did (calls, windows, the tray, notifications, the clipboard)
 * and lets the test (the parent process, over the fork IPC channel) fire what the OS would: a
 * second launch, activate, wake, a menu click, a notification click, an IPC call from the page.
 *
 * It proves wiring and data flow only: nothing here draws, notifies or locks a screen.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const env = process.env;
const home = env['HOME'] ?? '/nonexistent';
const repo = env['GLUE_APP_PATH'] ?? process.cwd();
const packaged = env['GLUE_PACKAGED'] === '1';
// Electron sets it for the app; a packaged app's resources folder.
(process as { resourcesPath?: string }).resourcesPath ??= join(repo, 'resources');

/** Every call the app made, in order (the test reads the order, e.g. events before whenReady). */
const calls: { what: string; args: Json[] }[] = [];
const record = (what: string, ...args: unknown[]): void => {
  calls.push({
    what,
    args: JSON.parse(JSON.stringify(args, (_k, v: unknown) => (typeof v === 'function' ? '[function]' : v)) ?? '[]') as Json[],
  });
};

// ---------------------------------------------------------------- app
const paths: Record<string, string> = {
  home,
  appData: env['XDG_CONFIG_HOME'] ?? join(home, '.config'),
  userData: join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'claude-auth-doctor'),
  temp: '/tmp',
  exe: env['GLUE_EXE'] ?? process.execPath,
  logs: join(home, '.config', 'logs'),
};
let ready = false;
let quitting = false;

class App extends EventEmitter {
  readonly isPackaged = packaged;

  override on(event: string | symbol, listener: (...args: never[]) => void): this {
    record('app.on', String(event));
    return super.on(event, listener as (...args: unknown[]) => void);
  }

  readonly dock = undefined;
  private name = 'claude-auth-doctor';
  private loginItem = { openAtLogin: false };

  whenReady(): Promise<void> {
    record('app.whenReady');
    return new Promise((resolve) => {
      setImmediate(() => {
        ready = true;
        this.emit('ready');
        resolve();
      });
    });
  }
  isReady(): boolean {
    return ready;
  }
  requestSingleInstanceLock(): boolean {
    record('app.requestSingleInstanceLock');
    return true;
  }
  getName(): string {
    return this.name;
  }
  setName(name: string): void {
    record('app.setName', name);
    this.name = name;
  }
  getVersion(): string {
    return (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version;
  }
  getAppPath(): string {
    return repo;
  }
  getPath(name: string): string {
    const path = paths[name];
    if (!path) throw new Error(`stand-in: no path "${name}"`);
    return path;
  }
  setPath(name: string, path: string): void {
    record('app.setPath', name, path);
    paths[name] = path;
  }
  setAppUserModelId(id: string): void {
    record('app.setAppUserModelId', id);
  }
  getLoginItemSettings(): { openAtLogin: boolean; executableWillLaunchAtLogin: boolean } {
    return { ...this.loginItem, executableWillLaunchAtLogin: this.loginItem.openAtLogin };
  }
  setLoginItemSettings(settings: { openAtLogin: boolean }): void {
    record('app.setLoginItemSettings', settings);
    this.loginItem = { openAtLogin: settings.openAtLogin };
  }
  quit(): void {
    record('app.quit');
    if (quitting) return;
    quitting = true;
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    this.emit('before-quit', event);
    this.emit('will-quit', event);
    this.emit('quit', event, 0);
    // Electron ends the process here. The stand-in lets the event loop drain instead: an interval,
    // watcher or child the app forgot to stop keeps it alive, and the test sees that.
    report({ type: 'quit' });
    process.disconnect?.();
    setTimeout(() => {
      process.stderr.write(`stand-in: still running 8 s after quit: ${JSON.stringify(activeHandles())}\n`);
      process.exit(99);
    }, 8000).unref();
  }
  exit(code = 0): void {
    record('app.exit', code);
    process.exit(code);
  }
}
export const app = new App();

function activeHandles(): string[] {
  const info = (process as unknown as { getActiveResourcesInfo?: () => string[] }).getActiveResourcesInfo;
  return info ? info.call(process) : [];
}

// ---------------------------------------------------------------- windows
class WebContents extends EventEmitter {
  url = '';
  destroyed = false;
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: { channel: string }[] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  send(channel: string): void {
    this.sent.push({ channel });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }
}

const windows: BrowserWindow[] = [];

export class BrowserWindow extends EventEmitter {
  readonly webContents = new WebContents();
  readonly id = windows.length + 1;
  visible = false;
  focused = 0;
  destroyed = false;
  loads: string[] = [];
  constructor(readonly options: Record<string, unknown>) {
    super();
    windows.push(this);
    record('BrowserWindow', options);
  }
  async loadFile(path: string, options?: { hash?: string }): Promise<void> {
    const url = `file://${path}${options?.hash ? `#${options.hash}` : ''}`;
    this.loads.push(url);
    this.webContents.url = url.replace(/ /g, '%20');
    setImmediate(() => this.emit('ready-to-show'));
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused++;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    if (windows.every((w) => w.destroyed)) app.emit('window-all-closed');
  }
  static getAllWindows(): BrowserWindow[] {
    return windows.filter((w) => !w.destroyed);
  }
}

// ---------------------------------------------------------------- tray, menus, images
interface MenuTemplateItem {
  id?: string;
  label?: string;
  type?: string;
  enabled?: boolean;
  click?: () => void;
}

let applicationMenu: unknown = 'default';
export const Menu = {
  buildFromTemplate: (template: MenuTemplateItem[]) => ({ items: template }),
  setApplicationMenu: (menu: unknown) => {
    record('Menu.setApplicationMenu', menu === null ? null : 'a menu');
    applicationMenu = menu;
  },
};

const trays: Tray[] = [];
const currentTray = (): Tray | null => trays.filter((t) => !t.destroyed).at(-1) ?? null;
export class Tray extends EventEmitter {
  destroyed = false;
  image: string;
  tooltip = '';
  menu: MenuTemplateItem[] = [];
  menuBuilds = 0;
  popups = 0;
  constructor(image: NativeImage) {
    super();
    this.image = image.path;
    trays.push(this);
    record('Tray', image.path);
  }
  setImage(image: NativeImage): void {
    this.image = image.path;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: { items: MenuTemplateItem[] }): void {
    this.menu = menu.items;
    this.menuBuilds++;
  }
  popUpContextMenu(): void {
    this.popups++;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

class NativeImage {
  template = false;
  constructor(readonly path: string) {}
  setTemplateImage(on: boolean): void {
    this.template = on;
  }
  isEmpty(): boolean {
    return false;
  }
}
export const nativeImage = { createFromPath: (path: string) => new NativeImage(path.slice(repo.length + 1)) };

export const nativeTheme = Object.assign(new EventEmitter(), {
  shouldUseDarkColors: false,
  shouldUseDarkColorsForSystemIntegratedUI: false,
  themeSource: 'system',
});

// ---------------------------------------------------------------- notifications
const notifications: Notification[] = [];
export class Notification extends EventEmitter {
  shown = 0;
  constructor(readonly options: { title?: string; body?: string; actions?: unknown[] }) {
    super();
    notifications.push(this);
  }
  static isSupported(): boolean {
    return true;
  }
  show(): void {
    this.shown++;
  }
  close(): void {}
}

// ---------------------------------------------------------------- clipboard, shell, dialog, power
const clipboardTexts: string[] = [];
export const clipboard = {
  writeText: (text: string) => clipboardTexts.push(text),
  readText: () => clipboardTexts.at(-1) ?? '',
};
export const shell = {
  openExternal: async (url: string) => record('shell.openExternal', url),
  openPath: async () => '',
};
export const dialog = {
  showErrorBox: (title: string, content: string) => {
    record('dialog.showErrorBox', title, content);
    // The process may exit right after: tell the test on a channel that outlives it.
    process.stderr.write(`stand-in: error box: ${title}: ${content.split('\n')[0] ?? ''}\n`);
  },
};
export const powerMonitor = new EventEmitter();
/** The tray's server checks ask whether the laptop is online. */
export const net = { isOnline: (): boolean => true };

// ---------------------------------------------------------------- session and IPC
type PermissionRequest = (
  contents: WebContents | null,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl?: string },
) => void;
let permissionRequest: PermissionRequest | null = null;
let permissionCheck:
  ((contents: WebContents | null, permission: string, origin: string, details: { requestingUrl?: string }) => boolean) | null = null;
export const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler: PermissionRequest) => (permissionRequest = handler),
    setPermissionCheckHandler: (handler: typeof permissionCheck) => (permissionCheck = handler),
    webRequest: { onHeadersReceived: () => record('webRequest.onHeadersReceived') },
  },
};

type Invoke = (event: { senderFrame: { url: string; parent: null } }, ...args: unknown[]) => unknown;
const handlers = new Map<string, Invoke>();
export const ipcMain = Object.assign(new EventEmitter(), {
  handle: (channel: string, handler: Invoke) => handlers.set(channel, handler),
  removeHandler: (channel: string) => handlers.delete(channel),
});

// ---------------------------------------------------------------- the test's side
function report(message: Record<string, unknown>): void {
  process.send?.(message);
}

function state(): Json {
  const tray = currentTray();
  return {
    ready,
    calls,
    applicationMenu: applicationMenu === null ? null : applicationMenu === 'default' ? 'default' : 'custom',
    tray: tray
      ? {
          image: tray.image,
          tooltip: tray.tooltip,
          menu: tray.menu.map((i) => ({ id: i.id ?? '', label: i.label ?? '', type: i.type ?? 'normal', enabled: i.enabled ?? true })),
          menuBuilds: tray.menuBuilds,
          popups: tray.popups,
        }
      : null,
    windows: windows.map((w) => ({
      id: w.id,
      visible: w.visible,
      focused: w.focused,
      destroyed: w.destroyed,
      loads: w.loads,
      webPreferences: (w.options['webPreferences'] ?? null) as Json,
      sent: w.webContents.sent.map((s) => s.channel),
    })),
    notifications: notifications.map((n) => ({
      title: n.options.title ?? '',
      body: n.options.body ?? '',
      actions: (n.options.actions ?? []) as Json,
      shown: n.shown,
    })),
    clipboard: clipboardTexts,
    ipcChannels: [...handlers.keys()],
    permissionHandlers: permissionRequest !== null && permissionCheck !== null,
  };
}

const emitters: Record<string, EventEmitter> = { app, powerMonitor, nativeTheme };

async function command(message: { id: number; cmd: string; [key: string]: unknown }): Promise<unknown> {
  switch (message.cmd) {
    case 'state':
      return state();
    case 'emit': {
      const target = emitters[String(message['target'])];
      if (!target) throw new Error(`no emitter ${String(message['target'])}`);
      target.emit(String(message['event']), { preventDefault: () => undefined }, ...((message['args'] as unknown[]) ?? []));
      return true;
    }
    case 'click-menu': {
      const item = currentTray()?.menu.find((i) => i.id === message['item']);
      if (!item?.click) throw new Error(`no clickable tray item ${String(message['item'])}`);
      // After the answer: a click may quit the app, which closes this channel.
      const click = item.click;
      setImmediate(() => click());
      return true;
    }
    case 'click-tray':
      currentTray()?.emit('click');
      return true;
    case 'notification': {
      const shown = notifications[Number(message['index'])];
      if (!shown) throw new Error(`no notification ${String(message['index'])}`);
      if (message['event'] === 'action')
        shown.emit('action', { actionIndex: message['actionIndex'], selectionIndex: -1 }, message['actionIndex']);
      else shown.emit(String(message['event']), {});
      return true;
    }
    case 'close-window': {
      windows.find((w) => w.id === message['window'])?.close();
      return true;
    }
    case 'invoke': {
      const handler = handlers.get(String(message['channel']));
      if (!handler) throw new Error(`no IPC handler ${String(message['channel'])}`);
      return handler({ senderFrame: { url: String(message['senderUrl']), parent: null } }, ...((message['args'] as unknown[]) ?? []));
    }
    case 'permission': {
      const url = String(message['url']);
      const contents = Object.assign(new WebContents(), { url });
      const checked = permissionCheck?.(contents, String(message['permission']), 'file://', { requestingUrl: url }) ?? null;
      const requested = await new Promise<boolean>((resolve) =>
        permissionRequest ? permissionRequest(contents, String(message['permission']), resolve, { requestingUrl: url }) : resolve(false),
      );
      return { checked, requested };
    }
    case 'quit':
      setImmediate(() => app.quit());
      return true;
    default:
      throw new Error(`unknown command ${message.cmd}`);
  }
}

// Only under the glue test's fork (the test runner also loads every file under test/, without a channel).
if (process.send)
  process.on('message', (message: { id: number; cmd: string }) => {
    command(message).then(
      (value) => report({ type: 'result', id: message.id, value: value === undefined ? null : value }),
      (error: unknown) => report({ type: 'result', id: message.id, error: error instanceof Error ? error.message : String(error) }),
    );
  });

export default {
  app,
  BrowserWindow,
  Menu,
  Tray,
  nativeImage,
  nativeTheme,
  Notification,
  clipboard,
  shell,
  dialog,
  powerMonitor,
  net,
  session,
  ipcMain,
};
