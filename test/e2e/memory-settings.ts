/**
 * An in-memory settings provider for the web host, standing in for electron-store: it applies
 * each patch as main does (applySettingsPatch over the current settings) and keeps every patch it
 * received, so a test can assert exactly what the page sent.
 */
import type { SettingsProvider } from '../../src/cli/web-host.js';
import { defaultSettings, type Settings, type SettingsPatch } from '../../src/core/settings/schema.js';
import { applySettingsPatch } from '../../src/core/settings/validate.js';

export interface MemorySettings extends SettingsProvider {
  readonly patches: SettingsPatch[];
  current(): Settings;
  /** The next `set` throws this message (a store that cannot write). */
  failNext(message: string): void;
}

export function memorySettings(initial: Settings = defaultSettings()): MemorySettings {
  let settings = initial;
  let failure: string | null = null;
  const patches: SettingsPatch[] = [];
  return {
    patches,
    current: () => settings,
    failNext(message) {
      failure = message;
    },
    get: () => settings,
    set(patch) {
      patches.push(patch);
      if (failure !== null) {
        const message = failure;
        failure = null;
        throw new Error(message);
      }
      settings = applySettingsPatch(settings, patch);
      return settings;
    },
  };
}
