import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appConfigDir, appDataDir, appRuntimeDir } from '../../../src/core/platform/app-dirs.js';
import { MAX_SOCKET_DIR_BYTES } from '../../../src/core/remote/ssh.js';

test('appDataDir: each OS puts app data where it expects it; the override wins', () => {
  const cases: [Parameters<typeof appDataDir>, string][] = [
    [[{}, 'darwin', '/Users/ann'], '/Users/ann/Library/Application Support/Claude Auth Doctor'],
    [[{}, 'linux', '/home/ann'], '/home/ann/.local/share/claude-auth-doctor'],
    [[{ XDG_DATA_HOME: '/data/ann' }, 'linux', '/home/ann'], '/data/ann/claude-auth-doctor'],
    [[{ XDG_DATA_HOME: 'relative/dir' }, 'linux', '/home/ann'], '/home/ann/.local/share/claude-auth-doctor'],
    [[{ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ann'], 'C:\\Users\\ann\\AppData\\Roaming\\Claude Auth Doctor'],
    [[{}, 'win32', 'C:\\Users\\ann'], 'C:\\Users\\ann\\AppData\\Roaming\\Claude Auth Doctor'],
    [[{ CLAUDE_AUTH_DOCTOR_DATA_DIR: '/tmp/x' }, 'darwin', '/Users/ann'], '/tmp/x'],
  ];
  for (const [args, expected] of cases) assert.equal(appDataDir(...args), expected, JSON.stringify(args));
});

test("appConfigDir: the tray's own settings folder, shared with the CLI (the remote host list)", () => {
  const cases: [Parameters<typeof appConfigDir>, string][] = [
    [[{}, 'darwin', '/Users/ann'], '/Users/ann/Library/Application Support/Claude Auth Doctor'],
    [[{}, 'linux', '/home/ann'], '/home/ann/.config/Claude Auth Doctor'],
    [[{ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/ann'], '/cfg/Claude Auth Doctor'],
    [[{ XDG_CONFIG_HOME: 'relative' }, 'linux', '/home/ann'], '/home/ann/.config/Claude Auth Doctor'],
    [[{}, 'win32', 'C:\\Users\\ann'], 'C:\\Users\\ann\\AppData\\Roaming\\Claude Auth Doctor'],
    [[{ CLAUDE_AUTH_DOCTOR_CONFIG_DIR: '/tmp/c' }, 'linux', '/home/ann'], '/tmp/c'],
  ];
  for (const [args, expected] of cases) assert.equal(appConfigDir(...args), expected, JSON.stringify(args));
});

test('appRuntimeDir: short enough for ssh control sockets; none on Windows', () => {
  assert.equal(appRuntimeDir({ XDG_RUNTIME_DIR: '/run/user/1000' }, 'linux', 1000), '/run/user/1000/cad');
  assert.equal(appRuntimeDir({}, 'linux', 1000), '/tmp/cad-1000');
  assert.equal(appRuntimeDir({ TMPDIR: '/var/folders/xy/very-long/T/' }, 'darwin', 501), '/tmp/cad-501');
  assert.equal(appRuntimeDir({}, 'win32', 0), null);
  assert.ok(Buffer.byteLength('/tmp/cad-4294967294') <= MAX_SOCKET_DIR_BYTES);
});
