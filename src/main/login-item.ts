import type { App } from 'electron';
import type { Os } from '../core/io/os.js';
import type { XdgAutostart } from '../core/platform/autostart.js';
import type { AppLocation } from '../core/platform/launcher.js';

/** "Launch at login" as the OS sees it. `null` where the app cannot register itself (see `why`). */
export interface LoginItem {
  /** Why it is unavailable here, or null. */
  readonly unavailable: string | null;
  /** The real state, read from the OS (the user may have changed it in System Settings). */
  read(): Promise<boolean | null>;
  /** Changes the OS state only when it differs; answers the state read back. */
  set(enabled: boolean): Promise<boolean | null>;
}

export interface LoginItemDeps {
  readonly os: Os;
  readonly app: Pick<App, 'getLoginItemSettings' | 'setLoginItemSettings'>;
  readonly packaged: boolean;
  readonly location: AppLocation;
  /** Linux: the XDG autostart entry (Electron's login items are macOS/Windows only). */
  readonly autostart: XdgAutostart;
}

export function createLoginItem(deps: LoginItemDeps): LoginItem {
  const unavailable = !deps.packaged
    ? 'only the installed app starts at login (this is a development run)'
    : deps.location.kind === 'temporary'
      ? `the app runs from ${deps.location.reason}`
      : null;

  const readOs = async (): Promise<boolean> => {
    if (deps.os === 'linux') return deps.autostart.read();
    const settings = deps.app.getLoginItemSettings();
    // Windows: the Run key can be there but switched off in Task Manager's Startup apps.
    return deps.os === 'win32' ? settings.openAtLogin && settings.executableWillLaunchAtLogin !== false : settings.openAtLogin;
  };

  return {
    unavailable,
    read: async () => (unavailable ? null : readOs()),
    async set(enabled) {
      if (unavailable) return null;
      if (deps.os === 'linux') return deps.autostart.set(enabled, [deps.location.exe]);
      if ((await readOs()) !== enabled) deps.app.setLoginItemSettings({ openAtLogin: enabled });
      return readOs();
    },
  };
}
