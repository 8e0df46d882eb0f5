import { posix, win32 } from 'node:path';
import type { Os } from '../io/os.js';

/** Points the app at another data dir (tests, portable installs); wins over the OS default. */
export const DATA_DIR_VARIABLE = 'CLAUDE_AUTH_DOCTOR_DATA_DIR';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where the app keeps its own state (fix backups, the fix lock, written reports): the place each
 * OS expects per-user application data. Backups hold copies of secrets, so callers create it 0700.
 */
export function appDataDir(env: Env, os: Os, homeDir: string): string {
  const override = env[DATA_DIR_VARIABLE]?.trim();
  if (override) return override;
  switch (os) {
    case 'darwin':
      return posix.join(homeDir, 'Library', 'Application Support', 'Claude Auth Doctor');
    case 'win32': {
      const appData = env['APPDATA']?.trim() || win32.join(homeDir, 'AppData', 'Roaming');
      return win32.join(appData, 'Claude Auth Doctor');
    }
    case 'linux': {
      const xdg = env['XDG_DATA_HOME']?.trim();
      // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
      const base = xdg && xdg.startsWith('/') ? xdg : posix.join(homeDir, '.local', 'share');
      return posix.join(base, 'claude-auth-doctor');
    }
  }
}

/**
 * Where the app keeps state it can always rebuild (the last report, for `status`): XDG's state
 * dir on Linux, local (not roaming) app data on Windows, the data dir on macOS. The data dir
 * override moves it too, so a test or a portable install keeps everything in one place.
 */
export function appStateDir(env: Env, os: Os, homeDir: string): string {
  const override = env[DATA_DIR_VARIABLE]?.trim();
  if (override) return override;
  switch (os) {
    case 'darwin':
      return appDataDir(env, os, homeDir);
    case 'win32': {
      const local = env['LOCALAPPDATA']?.trim() || win32.join(homeDir, 'AppData', 'Local');
      return win32.join(local, 'Claude Auth Doctor');
    }
    case 'linux': {
      const xdg = env['XDG_STATE_HOME']?.trim();
      // The XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored.
      const base = xdg && xdg.startsWith('/') ? xdg : posix.join(homeDir, '.local', 'state');
      return posix.join(base, 'claude-auth-doctor');
    }
  }
}
