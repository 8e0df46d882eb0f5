import { LOGIN_SETTLED_KEY, loginAtStart, loginSettled } from '../core/settings/login-default.js';
import type { Settings } from '../core/settings/schema.js';
import { applySettingsPatch, completeSettings } from '../core/settings/validate.js';
import type { SettingsPatch } from '../shared/settings.js';
import type { LoginItem } from './login-item.js';

export interface StoredSettings {
  /** The stored preferences, defaults filled in. */
  current(): Settings;
  /**
   * At start: on the installed app's first run with no choice stored, launch at login is turned on
   * (once; see core/settings/login-default.ts); afterwards the OS's login item wins over the stored
   * switch (the user may have changed it in System Settings) and nothing is written to the OS.
   */
  reconcile(): Promise<void>;
  /** For the Preferences view: "Launch at login" as the OS has it now. */
  read(): Promise<Settings>;
  /** Applies a patch; a login item change goes to the OS and the state read back is what is stored. */
  write(patch: SettingsPatch): Promise<Settings>;
}

/** The app's settings over electron-store (a plain `{ store }` in tests) and the OS's login item. */
export function createStoredSettings(deps: {
  readonly store: { store: Settings & { [LOGIN_SETTLED_KEY]?: boolean } };
  readonly loginItem: LoginItem;
  readonly onChange: () => void;
}): StoredSettings {
  const current = (): Settings => completeSettings(deps.store.store);
  const settled = (): boolean => loginSettled(deps.store.store);
  /** Stores the settings, keeping the settled mark (and setting it when `settle`). */
  const save = (next: Settings, settle = false): void => {
    deps.store.store = settle || settled() ? { ...next, [LOGIN_SETTLED_KEY]: true } : next;
  };
  return {
    current,
    async reconcile() {
      const real = await deps.loginItem.read();
      switch (loginAtStart(settled(), real)) {
        case 'turn-on':
          return save({ ...current(), launchAtLogin: (await deps.loginItem.set(true)) === true }, true);
        case 'settle':
          return save({ ...current(), launchAtLogin: true }, true);
        case 'follow-os':
          if (real !== null && real !== current().launchAtLogin) save({ ...current(), launchAtLogin: real });
          return;
        case 'nothing':
          return;
      }
    },
    async read() {
      const real = await deps.loginItem.read();
      return real === null ? current() : { ...current(), launchAtLogin: real };
    },
    async write(patch) {
      let next = applySettingsPatch(current(), patch);
      // The user's own choice settles it, where this copy has a login item to set.
      let chose = false;
      if (patch.launchAtLogin !== undefined) {
        const real = await deps.loginItem.set(next.launchAtLogin);
        if (real !== null) next = { ...next, launchAtLogin: real };
        chose = real !== null;
      }
      save(next, chose);
      deps.onChange();
      return next;
    },
  };
}
