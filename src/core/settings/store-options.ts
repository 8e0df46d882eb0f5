import { confMigrations, SETTINGS_VERSION } from './migrations.js';
import { defaultSettings, settingsSchema } from './schema.js';

/** File name (without `.json`) in Electron's userData directory: `new Store({ name: SETTINGS_STORE_NAME, ... })`. */
export const SETTINGS_STORE_NAME = 'settings';

/**
 * The options shared by electron-store (main) and conf (tests), without the file location:
 * `new Store<Settings>({ name: SETTINGS_STORE_NAME, ...settingsStoreOptions() })`.
 *
 * `clearInvalidConfig`: a hand-edited file that no longer parses or fits the schema would
 * otherwise make the constructor throw and the tray never start. With it the whole file is
 * discarded and `store.store` reads as `{}` (not the defaults: read through `completeSettings`);
 * the next change rewrites the file.
 */
export function settingsStoreOptions() {
  return {
    schema: settingsSchema,
    defaults: defaultSettings(),
    migrations: confMigrations(),
    projectVersion: SETTINGS_VERSION,
    clearInvalidConfig: true,
  };
}
