import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Notification } from '../../src/core/notify/decide.js';
import type { MenuItem } from '../../src/core/tray/menu-template.js';
import { IpcRefused, dispatchIpc, type IpcHandlers } from '../../src/main/ipc-dispatch.js';
import { toElectronMenu } from '../../src/main/menu.js';
import { actionFromReply, clickAction, notificationDelivery } from '../../src/main/notification-route.js';
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

describe('notification routing', () => {
  const unlock: Notification = {
    id: 'keychain-locked',
    title: 'Keychain locked',
    body: 'Claude Code cannot read its login.',
    actions: [{ id: 'unlock-keychain', label: 'Unlock…' }],
    cooldownKey: 'keychain-locked',
  };
  test('Linux carries actions through Electron; macOS and Windows through node-notifier', () => {
    assert.equal(notificationDelivery('linux', unlock), 'electron');
    assert.equal(notificationDelivery('darwin', unlock), 'node-notifier');
    assert.equal(notificationDelivery('win32', unlock), 'node-notifier');
    assert.equal(notificationDelivery('linux', { ...unlock, actions: [] }), 'node-notifier');
  });
  test('replies map back to actions', () => {
    assert.equal(clickAction(unlock)?.id, 'unlock-keychain');
    assert.equal(actionFromReply(unlock, 'unlock…')?.id, 'unlock-keychain');
    assert.equal(actionFromReply(unlock, 'activate')?.id, 'unlock-keychain');
    assert.equal(actionFromReply(unlock, 'timeout'), null);
    assert.equal(actionFromReply(unlock, undefined), null);
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
