/**
 * "Launch at login" on for the installed app: the first installed run turns it on once, and never
 * again over a choice the user made (in Preferences, or in the OS's own settings afterwards). Real
 * pieces: the settings store (conf, as electron-store runs it, on a temp file), the login item
 * (createLoginItem) over Electron's login-item calls as a recording stand-in, and on Linux the real
 * XDG autostart entry in a temp folder.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import Conf from 'conf';
import { LOGIN_SETTLED_KEY } from '../../src/core/settings/login-default.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings/schema.js';
import { SETTINGS_STORE_NAME, settingsStoreOptions } from '../../src/core/settings/store-options.js';
import { autostartPath, xdgAutostart } from '../../src/core/platform/autostart.js';
import { createLoginItem, type LoginItemDeps } from '../../src/main/login-item.js';
import { createStoredSettings } from '../../src/main/stored-settings.js';

let dir: string;
const open = (): Conf<Settings> => new Conf<Settings>({ cwd: dir, configName: SETTINGS_STORE_NAME, ...settingsStoreOptions() });
const onDisk = async (): Promise<Record<string, unknown>> =>
  JSON.parse(await readFile(join(dir, `${SETTINGS_STORE_NAME}.json`), 'utf8')) as Record<string, unknown>;

/** Electron's login-item calls, recorded: the macOS login item as System Settings shows it. */
function electronApp(initial = false) {
  let open = initial;
  const writes: boolean[] = [];
  const app = {
    getLoginItemSettings: () => ({ openAtLogin: open, executableWillLaunchAtLogin: open }),
    setLoginItemSettings: (s: { openAtLogin: boolean }) => {
      writes.push(s.openAtLogin);
      open = s.openAtLogin;
    },
  } as unknown as LoginItemDeps['app'];
  return { app, writes, userTurns: (on: boolean) => (open = on) };
}

const INSTALLED = { kind: 'stable', exe: '/Applications/Claude Auth Doctor.app/Contents/MacOS/Claude Auth Doctor' } as const;

function start(os: 'darwin' | 'linux', app: LoginItemDeps['app'], options: { packaged?: boolean; temporary?: boolean } = {}) {
  const autostart = xdgAutostart(autostartPath({}, dir), 'Claude Auth Doctor');
  const loginItem = createLoginItem({
    os,
    app,
    packaged: options.packaged ?? true,
    location: options.temporary ? { kind: 'temporary', exe: '/x', reason: 'a translocated copy' } : INSTALLED,
    autostart,
  });
  let changes = 0;
  const settings = createStoredSettings({ store: open(), loginItem, onChange: () => (changes += 1) });
  return { settings, loginItem, changes: () => changes };
}

describe('launch at login: on for the installed app, the user’s choice after that', () => {
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cad-login-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('macOS, first installed run: turned on once through the login item, and settled', async () => {
    const electron = electronApp(false);
    const run = start('darwin', electron.app);
    await run.settings.reconcile();
    assert.deepEqual(electron.writes, [true]);
    assert.equal(run.settings.current().launchAtLogin, true);
    assert.equal((await run.settings.read()).launchAtLogin, true);
    assert.equal((await onDisk())[LOGIN_SETTLED_KEY], true);
    // The next start writes nothing.
    await start('darwin', electron.app).settings.reconcile();
    assert.deepEqual(electron.writes, [true]);
  });

  test('turned off later in System Settings: the next start follows it, and never turns it on again', async () => {
    const electron = electronApp(false);
    await start('darwin', electron.app).settings.reconcile();
    electron.userTurns(false);
    const next = start('darwin', electron.app);
    await next.settings.reconcile();
    assert.equal(next.settings.current().launchAtLogin, false);
    await start('darwin', electron.app).settings.reconcile();
    assert.deepEqual(electron.writes, [true], 'the user’s "off" in the OS stays');
  });

  test('turned off in Preferences: settled as the user’s choice, kept across starts', async () => {
    const electron = electronApp(false);
    const first = start('darwin', electron.app);
    await first.settings.reconcile();
    assert.equal((await first.settings.write({ launchAtLogin: false })).launchAtLogin, false);
    await start('darwin', electron.app).settings.reconcile();
    assert.deepEqual(electron.writes, [true, false]);
    assert.equal((await onDisk())['launchAtLogin'], false);
  });

  test('a development run, or a copy running from a temporary place: nothing written, nothing settled', async () => {
    const electron = electronApp(false);
    const dev = start('darwin', electron.app, { packaged: false });
    await dev.settings.reconcile();
    const translocated = start('darwin', electron.app, { temporary: true });
    await translocated.settings.reconcile();
    assert.deepEqual(electron.writes, []);
    assert.equal((await onDisk())[LOGIN_SETTLED_KEY], undefined);
    // The installed copy, started afterwards, still turns it on.
    await start('darwin', electron.app).settings.reconcile();
    assert.deepEqual(electron.writes, [true]);
  });

  test('already on (left by an earlier install): settled as on, nothing written', async () => {
    const electron = electronApp(true);
    const run = start('darwin', electron.app);
    await run.settings.reconcile();
    assert.deepEqual(electron.writes, []);
    assert.equal(run.settings.current().launchAtLogin, true);
  });

  test('an upgrade from 0.3.0 where the user had changed a preference: their "off" is kept', async () => {
    await writeFile(
      join(dir, `${SETTINGS_STORE_NAME}.json`),
      JSON.stringify({ ...DEFAULT_SETTINGS, launchAtLogin: false, theme: 'dark', __internal__: { migrations: { version: '0.3.0' } } }),
    );
    const electron = electronApp(false);
    await start('darwin', electron.app).settings.reconcile();
    assert.deepEqual(electron.writes, []);
  });

  test('Linux, first installed run: the XDG autostart entry is written for the installed executable', async () => {
    const electron = electronApp(false);
    const run = start('linux', electron.app);
    await run.settings.reconcile();
    const entry = await readFile(autostartPath({}, dir), 'utf8');
    assert.match(entry, /^Exec="\/Applications\/Claude Auth Doctor\.app\/Contents\/MacOS\/Claude Auth Doctor"$/m);
    assert.equal(run.settings.current().launchAtLogin, true);
    assert.deepEqual(electron.writes, [], 'Electron’s login items are macOS and Windows only');
  });

  test('the settled mark never reaches Preferences, and other writes keep it', async () => {
    const electron = electronApp(false);
    const run = start('darwin', electron.app);
    await run.settings.reconcile();
    const read = await run.settings.read();
    assert.ok(!(LOGIN_SETTLED_KEY in read));
    await run.settings.write({ theme: 'dark' });
    assert.equal((await onDisk())[LOGIN_SETTLED_KEY], true);
    assert.equal(run.changes(), 1);
  });
});
