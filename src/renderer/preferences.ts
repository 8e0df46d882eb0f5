// The Preferences tab's logic: what the host stored, what the controls show while changes are on
// their way, an error per field, and saves sent one at a time in order, so the last change wins.
// Values are checked with the same validator the host runs (shared/settings-validate.ts) before
// anything is sent; the host checks again.
import type { SettingsApi } from '../shared/ipc.js';
import { settingsSchema, type SchemaNode, type Settings, type SettingsPatch } from '../shared/settings.js';
import { applySettingsPatch, validateSettingsPatch } from '../shared/settings-validate.js';

/** A setting the view edits, as the dotted path the validator reports errors under. */
export type PrefField =
  | 'checkIntervalMinutes'
  | 'notifications.keychainOnWake'
  | 'notifications.failures'
  | 'notifications.incidents'
  | 'notifications.expiringToken'
  | 'launchAtLogin'
  | 'statusPolling.enabled'
  | 'statusPolling.intervalMinutes'
  | 'theme';

export interface PreferencesState {
  /** What the controls show: the stored settings plus the changes still on their way; null until loaded. */
  shown: Settings | null;
  loadError: string | null;
  /** The outcome of the last save, for the status line (a live region); null while saving. */
  status: { readonly text: string; readonly ok: boolean } | null;
  /** The message shown next to a field whose value was refused or could not be stored. */
  readonly errors: Map<PrefField, string>;
}

export interface Preferences {
  readonly state: PreferencesState;
  load(): Promise<void>;
  /** A control's new value: checked, shown at once, then saved. Refused values only get an inline error. */
  change(field: PrefField, value: unknown): void;
  /** Resolves when every change made so far has been answered (tests, and closing the window). */
  settled(): Promise<void>;
}

function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // Electron wraps a handler's error ("Error invoking remote method 'x': Error: …"); the hosts
  // prefix the channel or, in the web host, "internal error". The user needs only the reason.
  return text.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, '').replace(/^(?:settings:set|internal error): /, '');
}

export function schemaNode(field: PrefField): SchemaNode | undefined {
  const [group, key] = field.split('.') as [keyof Settings, string | undefined];
  const node = settingsSchema[group];
  return key === undefined ? node : node.type === 'object' ? node.properties[key] : undefined;
}

export function valueAt(settings: Settings, field: PrefField): unknown {
  const [group, key] = field.split('.') as [keyof Settings, string | undefined];
  const value = settings[group];
  return key === undefined ? value : (value as Record<string, unknown>)[key];
}

function patchFor(field: PrefField, value: unknown): unknown {
  const [group, key] = field.split('.') as [string, string | undefined];
  return { [group]: key === undefined ? value : { [key]: value } };
}

/** What to say next to a field whose value the schema refuses, in plain words. */
function refusal(field: PrefField): string {
  const node = schemaNode(field);
  return node?.type === 'integer' ? `Enter a whole number from ${node.minimum} to ${node.maximum}.` : 'That value can’t be saved.';
}

export function createPreferences(api: SettingsApi, update: () => void): Preferences {
  const state: PreferencesState = { shown: null, loadError: null, status: null, errors: new Map() };
  let stored: Settings | null = null;
  let pending = 0;
  let queue: Promise<void> = Promise.resolve();

  async function save(field: PrefField, patch: SettingsPatch): Promise<void> {
    try {
      stored = await api.set(patch);
      pending -= 1;
      if (pending === 0) state.shown = stored;
      state.status = { text: 'Saved', ok: true };
    } catch (error) {
      pending -= 1;
      state.errors.set(field, `Not saved: ${message(error)}`);
      if (state.shown && stored) state.shown = applySettingsPatch(state.shown, patchFor(field, valueAt(stored, field)) as SettingsPatch);
      state.status = { text: 'Not saved', ok: false };
    }
    update();
  }

  return {
    state,

    async load() {
      try {
        stored = await api.get();
        state.shown = stored;
        state.loadError = null;
      } catch (error) {
        state.loadError = `Couldn’t load the preferences: ${message(error)}`;
      }
      update();
    },

    change(field, value) {
      const shown = state.shown;
      if (shown === null) return;
      const checked = validateSettingsPatch(patchFor(field, value));
      if (!checked.ok) {
        state.errors.set(field, refusal(field));
        state.status = null;
        return update();
      }
      const hadError = state.errors.delete(field);
      if (Object.is(valueAt(shown, field), value)) {
        if (hadError) update();
        return;
      }
      state.shown = applySettingsPatch(shown, checked.value);
      state.status = null;
      pending += 1;
      update();
      queue = queue.then(() => save(field, checked.value));
    },

    settled: () => queue,
  };
}
