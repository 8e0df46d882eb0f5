import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { watchSessionUnlock, type SessionUnlockWatch } from '../../../src/core/platform/session-lock.js';
import { trayHost } from '../../../src/core/platform/tray-host.js';
import { fakeLogind, serveOnBus } from '../../helpers/fake-dbus-service.js';
import { startSessionBus, type SessionBus } from '../../helpers/keyring.js';

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await sleep(25);
  assert.ok(check(), what);
}

describe('Linux screen unlock over D-Bus (private buses standing in for the system and session buses)', () => {
  let system: SessionBus | null = null;
  let session: SessionBus | null = null;
  let skip: string | false = false;
  before(async () => {
    const a = await startSessionBus();
    const b = await startSessionBus();
    if ('skip' in a || 'skip' in b) skip = 'skip' in a ? a.skip : (b as { skip: string }).skip;
    else [system, session] = [a, b];
  });
  after(async () => {
    await system?.stop();
    await session?.stop();
  });

  test("logind's LockedHint going true then false is one unlock; a lone false is not", async (t) => {
    if (skip || !system || !session) return t.skip(String(skip));
    const logind = await fakeLogind(system.address);
    let unlocks = 0;
    const watch: SessionUnlockWatch = await watchSessionUnlock({
      systemBus: system.address,
      sessionBus: session.address,
      sessionId: '32',
      pid: process.pid,
      onUnlock: () => unlocks++,
    });
    try {
      assert.deepEqual(watch.sources, ['logind', 'screensaver'], watch.problems.join('; '));
      logind.setLocked(false);
      logind.setLocked(true);
      logind.setLocked(false);
      await until(() => unlocks === 1, `one unlock (got ${unlocks})`);
      await sleep(100);
      assert.equal(unlocks, 1, 'the lone false before the lock was no unlock');
    } finally {
      watch.close();
      logind.close();
    }
  });

  test("a desktop without LockedHint: the screensaver's ActiveChanged(false) after (true)", async (t) => {
    if (skip || !system || !session) return t.skip(String(skip));
    const screensaver = await serveOnBus(session.address, 'org.gnome.ScreenSaver', {});
    let unlocks = 0;
    const watch = await watchSessionUnlock({
      systemBus: system.address,
      sessionBus: session.address,
      sessionId: null,
      pid: process.pid,
      onUnlock: () => unlocks++,
      timeoutMs: 1000,
    });
    try {
      assert.deepEqual(watch.sources, ['screensaver']);
      assert.match(watch.problems.join('\n'), /^logind: .*org\.freedesktop\.login1/m, 'no logind on this bus, and the reason is named');
      screensaver.emit('/org/gnome/ScreenSaver', 'org.gnome.ScreenSaver', 'ActiveChanged', 'b', [true]);
      screensaver.emit('/org/gnome/ScreenSaver', 'org.gnome.ScreenSaver', 'ActiveChanged', 'b', [false]);
      await until(() => unlocks === 1, `one unlock (got ${unlocks})`);
    } finally {
      watch.close();
      screensaver.close();
    }
  });

  test('no tray host on GNOME is "absent" with what to install; a registered watcher is "present"', async (t) => {
    if (skip || !session) return t.skip(String(skip));
    const absent = await trayHost(session.address, 'ubuntu:GNOME');
    assert.equal(absent.kind, 'absent');
    assert.match(absent.kind === 'absent' ? absent.reason : '', /gnome-shell-extension-appindicator/);
    assert.equal((await trayHost(session.address, 'XFCE')).kind, 'unknown', 'legacy trays may still show it');
    const watcher = await serveOnBus(session.address, 'org.kde.StatusNotifierWatcher', {});
    try {
      assert.equal((await trayHost(session.address, 'ubuntu:GNOME')).kind, 'present');
    } finally {
      watcher.close();
    }
    assert.equal((await trayHost(null, 'GNOME')).kind, 'unknown');
  });
});
