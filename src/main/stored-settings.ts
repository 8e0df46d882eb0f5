import type { Settings } from '../core/settings/schema.js';
import { applySettingsPatch, completeSettings } from '../core/settings/validate.js';
import type { SettingsPatch } from '../shared/settings.js';
import type { LoginItem } from './login-item.js';

export interface StoredSettings {
  /** The stored preferences, defaults filled in. */
  current(): Settings;
  /** At start: the OS's login item wins over the stored switch (the user may have changed it in System Settings). Never writes to the OS. */
  reconcile(): Promise<void>;
  /** For the Preferences view: "Launch at login" as the OS has it now. */
  read(): Promise<Settings>;
  /** Applies a patch; a login item change goes to the OS and the state read back is what is stored. */
  write(patch: SettingsPatch): Promise<Settings>;
}

/** The app's settings over electron-store (a plain `{ store }` in tests) and the OS's login item. */
export function createStoredSettings(deps: {
  readonly store: { store: Settings };
  readonly loginItem: LoginItem;
  readonly onChange: () => void;
}): StoredSettings {
  const current = (): Settings => completeSettings(deps.store.store);
  return {
    current,
    async reconcile() {
      const real = await deps.loginItem.read();
      if (real !== null && real !== current().launchAtLogin) deps.store.store = { ...current(), launchAtLogin: real };
    },
    async read() {
      const real = await deps.loginItem.read();
      return real === null ? current() : { ...current(), launchAtLogin: real };
    },
    async write(patch) {
      let next = applySettingsPatch(current(), patch);
      if (patch.launchAtLogin !== undefined) {
        const real = await deps.loginItem.set(next.launchAtLogin);
        if (real !== null) next = { ...next, launchAtLogin: real };
      }
      deps.store.store = next;
      deps.onChange();
      return next;
    },
  };
}
