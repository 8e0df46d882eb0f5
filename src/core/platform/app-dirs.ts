import { posix, win32 } from 'node:path';
import type { Os } from '../io/os.js';

/** Points the app at another data dir (tests, portable installs); wins over the OS default. */
export const DATA_DIR_VARIABLE = 'CLAUDE_AUTH_DOCTOR_DATA_DIR';

type Env = Readonly<Record<string, string | undefined>>;

/** The per-user application folder each OS expects; on Linux under an XDG base dir (a relative one is invalid and ignored, as the spec says). */
function perUserDir(
  env: Env,
  os: Os,
  homeDir: string,
  linux: { readonly variable: string; readonly fallback: readonly string[]; readonly name: string },
): string {
  switch (os) {
    case 'darwin':
      return posix.join(homeDir, 'Library', 'Application Support', 'Claude Auth Doctor');
    case 'win32': {
      const appData = env['APPDATA']?.trim() || win32.join(homeDir, 'AppData', 'Roaming');
      return win32.join(appData, 'Claude Auth Doctor');
    }
    case 'linux': {
      const xdg = env[linux.variable]?.trim();
      const base = xdg && xdg.startsWith('/') ? xdg : posix.join(homeDir, ...linux.fallback);
      return posix.join(base, linux.name);
    }
  }
}

/**
 * Where the app keeps its own state (fix backups, the fix lock, written reports): the place each
 * OS expects per-user application data. Backups hold copies of secrets, so callers create it 0700.
 */
export function appDataDir(env: Env, os: Os, homeDir: string): string {
  const override = env[DATA_DIR_VARIABLE]?.trim();
  if (override) return override;
  return perUserDir(env, os, homeDir, { variable: 'XDG_DATA_HOME', fallback: ['.local', 'share'], name: 'claude-auth-doctor' });
}

/** Points the app at another config dir (tests, portable installs); wins over the OS default. */
export const CONFIG_DIR_VARIABLE = 'CLAUDE_AUTH_DOCTOR_CONFIG_DIR';
/** Points the app at another runtime dir (its ssh control sockets); wins over the OS default. */
export const RUNTIME_DIR_VARIABLE = 'CLAUDE_AUTH_DOCTOR_RUNTIME_DIR';

/**
 * Where the app keeps what the user configured and the CLI and the tray share (the remote host
 * list): the tray's own settings folder (Electron's userData), so both find one file.
 * macOS ~/Library/Application Support/Claude Auth Doctor, Linux $XDG_CONFIG_HOME/Claude Auth Doctor
 * (~/.config), Windows %APPDATA%\Claude Auth Doctor.
 */
export function appConfigDir(env: Env, os: Os, homeDir: string): string {
  const override = env[CONFIG_DIR_VARIABLE]?.trim();
  if (override) return override;
  return perUserDir(env, os, homeDir, { variable: 'XDG_CONFIG_HOME', fallback: ['.config'], name: 'Claude Auth Doctor' });
}

/**
 * A short per-user folder for sockets (ssh's control sockets): a Unix socket path holds at most
 * 104 bytes on macOS (108 on Linux), so not macOS's long $TMPDIR. Linux $XDG_RUNTIME_DIR/cad, else
 * /tmp/cad-<uid>; null on Windows, whose OpenSSH has no connection sharing. The caller creates it
 * 0700 and refuses one it does not own.
 */
export function appRuntimeDir(env: Env, os: Os, uid: number): string | null {
  const override = env[RUNTIME_DIR_VARIABLE]?.trim();
  if (override) return override;
  if (os === 'win32') return null;
  const xdg = env['XDG_RUNTIME_DIR']?.trim();
  if (os === 'linux' && xdg && xdg.startsWith('/')) return posix.join(xdg, 'cad');
  return `/tmp/cad-${uid}`;
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
    case 'linux':
      return perUserDir(env, os, homeDir, { variable: 'XDG_STATE_HOME', fallback: ['.local', 'state'], name: 'claude-auth-doctor' });
  }
}
