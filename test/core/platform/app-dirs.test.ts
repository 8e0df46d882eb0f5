import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appDataDir } from '../../../src/core/platform/app-dirs.js';

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
