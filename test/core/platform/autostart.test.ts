import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { autostartEnabled, autostartEntry, autostartPath, desktopExecArg, xdgAutostart } from '../../../src/core/platform/autostart.js';

describe('XDG autostart entry', () => {
  test('Exec quoting: spaces, $, quotes and backslashes survive both escaping layers; % is doubled', () => {
    assert.equal(desktopExecArg('/opt/claude-auth-doctor/claude-auth-doctor'), '/opt/claude-auth-doctor/claude-auth-doctor');
    assert.equal(desktopExecArg('/opt/Claude Auth Doctor/app'), '"/opt/Claude Auth Doctor/app"');
    assert.equal(desktopExecArg('/home/a$b/x'), '"/home/a\\\\$b/x"');
    assert.equal(desktopExecArg('/x/"q"'), '"/x/\\\\"q\\\\""');
    assert.equal(desktopExecArg('/x/100%'), '/x/100%%');
    assert.match(
      autostartEntry(['/home/jane/Apps/Claude Auth Doctor.AppImage'], 'Claude Auth Doctor'),
      /^Exec="\/home\/jane\/Apps\/Claude Auth Doctor\.AppImage"$/m,
    );
  });

  test('enabled means present, not Hidden, not switched off in GNOME', () => {
    const entry = autostartEntry(['/opt/x'], 'X');
    assert.equal(autostartEnabled(entry), true);
    assert.equal(autostartEnabled(null), false);
    assert.equal(autostartEnabled(entry.replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false')), false);
    assert.equal(autostartEnabled(`${entry}Hidden=true\n`), false);
    assert.equal(autostartEnabled('[Other]\nExec=/opt/x\n'), false);
  });

  test('the path follows XDG_CONFIG_HOME (absolute only)', () => {
    assert.equal(autostartPath({}, '/h'), '/h/.config/autostart/claude-auth-doctor.desktop');
    assert.equal(autostartPath({ XDG_CONFIG_HOME: '/x' }, '/h'), '/x/autostart/claude-auth-doctor.desktop');
    assert.equal(autostartPath({ XDG_CONFIG_HOME: 'rel' }, '/h'), '/h/.config/autostart/claude-auth-doctor.desktop');
  });

  test('set writes only on change, reads the real state back, switches off with Hidden=true (never deletes)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cad-autostart-'));
    const path = autostartPath({}, dir);
    const item = xdgAutostart(path, 'Claude Auth Doctor');
    assert.equal(await item.read(), false);
    assert.equal(await item.set(false, ['/opt/x']), false);
    await assert.rejects(stat(path), 'switching off what is not there writes nothing');
    assert.equal(await item.set(true, ['/opt/Claude Auth Doctor/claude-auth-doctor']), true);
    assert.equal((await stat(path)).mode & 0o777, 0o644);
    const written = await stat(path);
    assert.equal(await item.set(true, ['/opt/Claude Auth Doctor/claude-auth-doctor']), true);
    assert.equal((await stat(path)).ino, written.ino, 'unchanged: not rewritten');
    assert.equal(await item.set(true, ['/home/jane/New Place.AppImage']), true);
    assert.match(await readFile(path, 'utf8'), /^Exec="\/home\/jane\/New Place\.AppImage"$/m, 'the app moved: the entry follows');
    assert.equal(await item.set(false, []), false);
    assert.match(await readFile(path, 'utf8'), /^Hidden=true$/m);
    // The user switched it off in GNOME's Startup Applications: that is the state the app shows.
    await writeFile(path, autostartEntry(['/opt/x'], 'X').replace('enabled=true', 'enabled=false'));
    assert.equal(await item.read(), false);
  });
});
