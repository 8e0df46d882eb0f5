import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Notification } from '../../src/core/notify/decide.js';
import type { MenuItem } from '../../src/core/tray/menu-template.js';
import { IpcRefused, dispatchIpc, type IpcHandlers } from '../../src/main/ipc-dispatch.js';
import { applicationMenuTemplate, menuSignature, toElectronMenu } from '../../src/main/menu.js';
import { EventEmitter } from 'node:events';
import { clickAction, notificationPlan, notifierHelperRuns } from '../../src/main/notification-route.js';
import { createNotifier, KEEP_MAX, KEEP_MS, type NotifierDeps } from '../../src/main/notifications.js';
import { createTrayView, type TrayViewDeps } from '../../src/main/tray-view.js';
import type { TrayModel } from '../../src/core/tray/tray-model.js';
import { registerAppEvents } from '../../src/main/app-events.js';
import { createLoginItem, type LoginItemDeps } from '../../src/main/login-item.js';
import { permissionAllowed } from '../../src/main/security.js';
import { cliArguments } from '../../src/main/cli-mode.js';
import { makeReport } from '../core/tray/sample-reports.js';

const PAGE = 'file:///app/dist/bundle/index.html';

describe('toElectronMenu', () => {
  const items: MenuItem[] = [
    { id: 'status', kind: 'normal', label: 'Token valid for 5 h', enabled: false },
    { id: 'sep-1', kind: 'separator', label: '', enabled: true },
    { id: 'check-now', kind: 'normal', label: 'Check Now', enabled: true, action: 'check-now', accelerator: 'CommandOrControl+R' },
  ];
  test('one entry per item, separators and accelerators kept, clicks routed with the item', () => {
    const clicked: string[] = [];
    const template = toElectronMenu(items, (item) => clicked.push(item.id));
    assert.equal(template.length, 3);
    assert.equal(template[0]?.enabled, false);
    assert.equal(template[0]?.click, undefined);
    assert.equal(template[1]?.type, 'separator');
    assert.equal(template[2]?.accelerator, 'CommandOrControl+R');
    (template[2]?.click as () => void)();
    assert.deepEqual(clicked, ['check-now']);
  });
});

describe('notifications: Electron where it delivers, node-notifier only as the fallback', () => {
  const unlock: Notification = {
    id: 'keychain-locked',
    title: 'Keychain locked',
    body: 'Claude Code cannot read its login.',
    actions: [
      { id: 'unlock-keychain', label: 'Unlock…' },
      { id: 'open-wizard', label: 'Open Fix Wizard…' },
    ],
    cooldownKey: 'keychain-locked',
  };

  test('the plan per OS: buttons on macOS and Windows, the click on Linux; the helper only where it runs', () => {
    assert.deepEqual(notificationPlan('linux', true, notifierHelperRuns('linux', 'x64', false)), {
      primary: 'electron',
      buttons: false,
      fallback: null,
    });
    assert.deepEqual(notificationPlan('darwin', true, notifierHelperRuns('darwin', 'arm64', false)), {
      primary: 'electron',
      buttons: true,
      fallback: null,
    });
    assert.equal(notificationPlan('darwin', true, notifierHelperRuns('darwin', 'arm64', true)).fallback, 'node-notifier');
    assert.equal(notificationPlan('win32', true, notifierHelperRuns('win32', 'x64', false)).fallback, 'node-notifier');
    assert.equal(notificationPlan('win32', false, true).primary, 'node-notifier');
    assert.equal(clickAction(unlock)?.id, 'unlock-keychain');
  });

  /** Electron's Notification as a recording stand-in: the test fires its events. */
  function electronNotifications(supported = true) {
    const made: (EventEmitter & { options: Record<string, unknown>; shown: number })[] = [];
    class FakeNotification extends EventEmitter {
      static isSupported = (): boolean => supported;
      shown = 0;
      constructor(readonly options: Record<string, unknown>) {
        super();
        made.push(this);
      }
      show(): void {
        this.shown++;
      }
    }
    return { Notification: FakeNotification as unknown as NotifierDeps['Notification'], made };
  }

  function notifier(os: 'darwin' | 'linux' | 'win32', fake: ReturnType<typeof electronNotifications>, helperRuns = false) {
    const acted: string[] = [];
    const helper: Record<string, unknown>[] = [];
    const timers: (() => void)[] = [];
    const n = createNotifier({
      Notification: fake.Notification,
      os,
      helperRuns,
      appId: 'com.claudeauthdoctor.app',
      loadNodeNotifier: async () => ({ notify: (options: Record<string, unknown>) => helper.push(options) }),
      onAction: (_n, action) => acted.push(action.id),
      log: () => undefined,
      setTimeout: (fn) => timers.push(fn),
      clearTimeout: () => undefined,
    });
    return { n, acted, helper, timers };
  }

  test('macOS/Windows: the actions are buttons; a button and a click each act once', () => {
    const fake = electronNotifications();
    const { n, acted } = notifier('win32', fake);
    n.show(unlock);
    const shown = fake.made[0];
    assert.deepEqual(shown?.options['actions'], [
      { type: 'button', text: 'Unlock…' },
      { type: 'button', text: 'Open Fix Wizard…' },
    ]);
    assert.equal(shown?.options['timeoutType'], 'never', 'an actionable notification stays until acted on');
    assert.equal(shown?.shown, 1);
    shown?.emit('action', { actionIndex: 1, selectionIndex: -1 }, 1);
    n.show(unlock);
    fake.made[1]?.emit('click');
    assert.deepEqual(acted, ['open-wizard', 'unlock-keychain']);
  });

  test('Linux: no buttons (libnotify has none); the click is the first action', () => {
    const fake = electronNotifications();
    const { n, acted } = notifier('linux', fake);
    n.show(unlock);
    assert.deepEqual(fake.made[0]?.options['actions'], []);
    fake.made[0]?.emit('click');
    assert.deepEqual(acted, ['unlock-keychain']);
  });

  test("Electron's fails (an unsigned macOS build): node-notifier, plain (no 5-second actions), only where its helper runs", async () => {
    const fake = electronNotifications();
    const apple = notifier('darwin', fake, false);
    apple.n.show(unlock);
    fake.made[0]?.emit('failed', {}, 'not signed');
    const intel = notifier('darwin', fake, true);
    intel.n.show(unlock);
    fake.made[1]?.emit('failed', {}, 'not signed');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(apple.helper, [], 'no Rosetta: terminal-notifier cannot run');
    assert.deepEqual(intel.helper, [
      { title: 'Keychain locked', message: 'Claude Code cannot read its login.', wait: false, appID: 'com.claudeauthdoctor.app' },
    ]);
  });

  test('shown notifications are not kept forever: released on click, on expiry, and beyond a handful', () => {
    const fake = electronNotifications();
    const handles: number[] = [];
    const expiries: (() => void)[] = [];
    const cleared: number[] = [];
    const n = createNotifier({
      Notification: fake.Notification,
      os: 'darwin',
      helperRuns: false,
      appId: null,
      loadNodeNotifier: async () => ({ notify: () => undefined }),
      onAction: () => undefined,
      log: () => undefined,
      setTimeout: (fn, ms) => {
        assert.equal(ms, KEEP_MS);
        expiries.push(fn);
        return handles.push(handles.length) - 1;
      },
      clearTimeout: (handle) => cleared.push(handle as number),
    });
    for (let i = 0; i < KEEP_MAX + 3; i++) n.show(unlock);
    assert.deepEqual(cleared, [0, 1, 2], 'the three oldest were let go');
    fake.made.at(-1)?.emit('click');
    assert.deepEqual(cleared, [0, 1, 2, KEEP_MAX + 2]);
    fake.made.at(-1)?.emit('close');
    assert.equal(cleared.length, 4, 'released once');
    expiries[3]?.();
    assert.deepEqual(cleared, [0, 1, 2, KEEP_MAX + 2, 3]);
  });
});

describe('tray view: only what changed is applied', () => {
  function fakeTray() {
    const calls: string[] = [];
    const trays: EventEmitter[] = [];
    class FakeTray extends EventEmitter {
      constructor(image: { path: string }) {
        super();
        calls.push(`new ${image.path}`);
        trays.push(this);
      }
      setImage(image: { path: string }): void {
        calls.push(`image ${image.path}`);
      }
      setToolTip(text: string): void {
        calls.push(`tooltip ${text}`);
      }
      setContextMenu(): void {
        calls.push('menu');
      }
      popUpContextMenu(): void {
        calls.push('popup');
      }
      destroy(): void {
        calls.push('destroy');
      }
    }
    const nativeImage = {
      createFromPath: (path: string) => ({
        path: path.split('/').slice(-2).join('/'),
        setTemplateImage: (on: boolean) => calls.push(`template ${on}`),
      }),
    };
    return {
      calls,
      trays,
      Tray: FakeTray as unknown as TrayViewDeps['Tray'],
      nativeImage: nativeImage as unknown as TrayViewDeps['nativeImage'],
    };
  }
  const Menu = { buildFromTemplate: (template: unknown) => template } as unknown as TrayViewDeps['Menu'];
  const model = (over: Partial<TrayModel> = {}): TrayModel => ({
    state: 'ok',
    face: 'ok',
    icon: 'darwin/tray-okTemplate.png',
    tooltip: 'Token valid for 5 h 12 m',
    checking: false,
    ...over,
  });
  const items: MenuItem[] = [{ id: 'check-now', kind: 'normal', label: 'Check Now', enabled: true, action: 'check-now' }];

  test('the minute tick with nothing new rebuilds nothing; a new tooltip sets only the tooltip; macOS images are templates', () => {
    const fake = fakeTray();
    const view = createTrayView({ ...fake, Menu, iconsDir: '/app/assets/icons', os: 'darwin', onMenu: () => undefined });
    view.render(model(), items);
    view.render(model(), [...items]);
    view.render(model({ tooltip: 'Token valid for 5 h 11 m' }), items);
    view.render(model({ face: 'fail', state: 'fail', icon: 'darwin/tray-failTemplate.png', tooltip: 'Token valid for 5 h 11 m' }), [
      { ...items[0]!, label: 'Check Now' },
    ]);
    view.render(model({ tooltip: 'Token valid for 5 h 11 m', icon: 'darwin/tray-failTemplate.png' }), [{ ...items[0]!, enabled: false }]);
    assert.deepEqual(fake.calls, [
      'template true',
      'new darwin/tray-okTemplate.png',
      'tooltip Token valid for 5 h 12 m',
      'menu',
      'tooltip Token valid for 5 h 11 m',
      'template true',
      'image darwin/tray-failTemplate.png',
      'menu',
    ]);
  });

  test('Windows: a left click opens the menu', () => {
    const fake = fakeTray();
    const view = createTrayView({ ...fake, Menu, iconsDir: '/i', os: 'win32', onMenu: () => undefined });
    view.render(model({ icon: 'win32/tray-ok-dark.ico' }), items);
    fake.trays[0]?.emit('click');
    assert.equal(fake.calls.at(-1), 'popup');
    assert.ok(!fake.calls.includes('template true'), 'Windows icons are not templates');
    assert.equal(menuSignature(items), menuSignature([{ ...items[0]! }]));
    assert.notEqual(menuSignature(items), menuSignature([{ ...items[0]!, label: 'Check now' }]));
  });
});

describe('app lifecycle events', () => {
  test('registered at once; a second launch during start-up opens the wizard once ready; activate reopens it', () => {
    const app = new EventEmitter();
    const events = registerAppEvents(app as unknown as Parameters<typeof registerAppEvents>[0]);
    assert.deepEqual(app.eventNames().sort(), ['activate', 'before-quit', 'second-instance', 'window-all-closed']);
    app.emit('second-instance');
    app.emit('second-instance');
    const seen: string[] = [];
    events.attach({
      openWizard: () => seen.push('wizard'),
      allWindowsClosed: () => seen.push('closed'),
      quitting: () => seen.push('quit'),
    });
    assert.deepEqual(seen, ['wizard']);
    app.emit('activate');
    app.emit('window-all-closed');
    app.emit('before-quit');
    assert.deepEqual(seen, ['wizard', 'wizard', 'closed', 'quit']);
  });
});

describe('login item: the OS state is the truth, written only on change', () => {
  function fakeApp(initial: boolean) {
    let open = initial;
    const writes: boolean[] = [];
    return {
      writes,
      app: {
        getLoginItemSettings: () => ({ openAtLogin: open, executableWillLaunchAtLogin: open }),
        setLoginItemSettings: (s: { openAtLogin: boolean }) => {
          writes.push(s.openAtLogin);
          open = s.openAtLogin;
        },
      } as unknown as LoginItemDeps['app'],
    };
  }
  const stable = { kind: 'stable', exe: '/Applications/Claude Auth Doctor.app/Contents/MacOS/Claude Auth Doctor' } as const;
  const autostart = { read: async () => false, set: async () => false };

  test('macOS: reads the real state; setting the same value writes nothing', async () => {
    const fake = fakeApp(true);
    const item = createLoginItem({ os: 'darwin', app: fake.app, packaged: true, location: stable, autostart });
    assert.equal(await item.read(), true);
    assert.equal(await item.set(true), true);
    assert.deepEqual(fake.writes, []);
    assert.equal(await item.set(false), false);
    assert.deepEqual(fake.writes, [false]);
  });

  test('unavailable in development and from a temporary place: no writes, null', async () => {
    const fake = fakeApp(false);
    const dev = createLoginItem({ os: 'darwin', app: fake.app, packaged: false, location: stable, autostart });
    assert.match(dev.unavailable ?? '', /development run/);
    assert.equal(await dev.set(true), null);
    const translocated = createLoginItem({
      os: 'darwin',
      app: fake.app,
      packaged: true,
      location: { kind: 'temporary', exe: '/x', reason: 'a translocated copy' },
      autostart,
    });
    assert.equal(await translocated.read(), null);
    assert.deepEqual(fake.writes, []);
  });

  test('Linux: the XDG autostart entry with the stable executable (the AppImage file)', async () => {
    const calls: [boolean, readonly string[]][] = [];
    const item = createLoginItem({
      os: 'linux',
      app: fakeApp(false).app,
      packaged: true,
      location: { kind: 'stable', exe: '/home/j/Apps/Claude.AppImage' },
      autostart: { read: async () => calls.length > 0, set: async (on, argv) => (calls.push([on, argv]), on) },
    });
    assert.equal(await item.read(), false);
    assert.equal(await item.set(true), true);
    assert.deepEqual(calls, [[true, ['/home/j/Apps/Claude.AppImage']]]);
  });
});

describe('small decisions of the glue', () => {
  test('permissions: clipboard writes from the wizard page only; nothing else', () => {
    const page = 'file:///app/dist/bundle/index.html';
    assert.equal(permissionAllowed('clipboard-sanitized-write', `${page}#fix=reauthenticate`, page), true);
    assert.equal(permissionAllowed('clipboard-sanitized-write', 'file:///tmp/evil.html', page), false);
    assert.equal(permissionAllowed('clipboard-read', page, page), false);
    assert.equal(permissionAllowed('notifications', page, page), false);
    assert.equal(permissionAllowed('clipboard-sanitized-write', undefined, page), false);
  });

  test('application menu: none on Windows and Linux (no Reload, no DevTools), an Edit menu on macOS', () => {
    assert.equal(applicationMenuTemplate('win32'), null);
    assert.equal(applicationMenuTemplate('linux'), null);
    assert.deepEqual(applicationMenuTemplate('darwin'), [{ role: 'appMenu' }, { role: 'editMenu' }]);
  });

  test('--cli right after the executable (packaged) or the app folder (development) only', () => {
    assert.deepEqual(cliArguments(['/opt/app/claude-auth-doctor', '--cli', 'api-key']), ['api-key']);
    assert.deepEqual(cliArguments(['/repo/electron', '/repo', '--cli', 'check', '--json']), ['check', '--json']);
    assert.equal(cliArguments(['/opt/app/claude-auth-doctor']), null);
    assert.equal(cliArguments(['/x', 'a', 'b', '--cli']), null);
  });
});

describe('dispatchIpc', () => {
  const report = makeReport();
  const calls: string[] = [];
  const handlers = new Proxy({} as IpcHandlers, {
    get:
      (_t, channel: string) =>
      async (...args: unknown[]) => {
        calls.push(`${channel}(${JSON.stringify(args)})`);
        return channel === 'report:get' ? report : null;
      },
  });
  const top = { url: PAGE, topFrame: true };

  test('a trusted sender with a valid payload reaches the handler', async () => {
    assert.equal(await dispatchIpc('report:get', top, [], handlers, PAGE), report);
    await dispatchIpc('fix:start', top, ['reauthenticate'], handlers, PAGE);
    assert.deepEqual(calls.slice(-1), ['fix:start(["reauthenticate"])']);
  });

  const refused: [string, Parameters<typeof dispatchIpc>[1], unknown[], RegExp][] = [
    ['a foreign page', { url: 'file:///tmp/x.html', topFrame: true }, [], /not the wizard page/],
    ['a subframe', { url: PAGE, topFrame: false }, [], /not the wizard page/],
    ['an unknown fix id', top, ['rm -rf'], /fix id/],
    ['extra arguments', top, ['reauthenticate', 1], /fix id/],
  ];
  for (const [name, sender, args, message] of refused) {
    test(`refuses ${name}`, async () => {
      const before = calls.length;
      await assert.rejects(
        dispatchIpc('fix:start', sender, args, handlers, PAGE),
        (e: unknown) => e instanceof IpcRefused && message.test(e.message),
      );
      assert.equal(calls.length, before, 'the handler never ran');
    });
  }

  test('refuses a link outside the allowlist', async () => {
    await assert.rejects(dispatchIpc('link:open', top, ['https://evil.example/'], handlers, PAGE), IpcRefused);
  });
});
