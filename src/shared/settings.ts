/**
 * The app's own preferences: their shape, defaults and JSON schema. The schema is written in the
 * form electron-store 11 (through `conf`) takes as `schema` (the `properties` of the root object,
 * validated by ajv with `useDefaults`), and the same object drives the run-time validation of
 * patches at the IPC boundary (settings-validate.ts) and the Preferences view's labels and
 * bounds, so the three cannot drift apart. In shared, not core: the renderer and ipc.ts need it,
 * and it is plain data (core/settings/schema.ts re-exports it for the engine and main).
 */

export type Theme = 'system' | 'light' | 'dark';

export const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

/** Which notifications the user wants; each maps to one trigger of the notification decision. */
export type NotificationSettings = {
  /** After wake or screen unlock, when the login keychain is locked (macOS) / the keyring is locked (Linux). */
  keychainOnWake: boolean;
  /** Once per failure episode of any check. */
  failures: boolean;
  /** Anthropic status page incidents affecting Claude Code: on by default, so "it tells you when it is over" holds. */
  incidents: boolean;
  /** The token expires soon and there is no refresh token to renew it. */
  expiringToken: boolean;
};

export type StatusPollingSettings = {
  enabled: boolean;
  intervalMinutes: number;
};

/** A `type`, not an `interface`: electron-store's `Store<T>` needs T to have an index signature. */
export type Settings = {
  /** Full check on a timer, on top of the event-driven checks (wake, network change, file change). */
  checkIntervalMinutes: number;
  notifications: NotificationSettings;
  launchAtLogin: boolean;
  statusPolling: StatusPollingSettings;
  theme: Theme;
};

/** A change sent by the Preferences view: any subset of keys, nested objects partial too. */
export type SettingsPatch = {
  checkIntervalMinutes?: number;
  notifications?: Partial<NotificationSettings>;
  launchAtLogin?: boolean;
  statusPolling?: Partial<StatusPollingSettings>;
  theme?: Theme;
};

/** The JSON-schema subset the settings use; validate.ts interprets exactly these keywords. */
export type SchemaNode = BooleanNode | IntegerNode | EnumNode | ObjectNode;

export interface BooleanNode {
  type: 'boolean';
  default: boolean;
  description: string;
}

export interface IntegerNode {
  type: 'integer';
  minimum: number;
  maximum: number;
  default: number;
  description: string;
}

export interface EnumNode {
  type: 'string';
  enum: string[];
  default: string;
  description: string;
}

export interface ObjectNode {
  type: 'object';
  properties: Record<string, SchemaNode>;
  additionalProperties: false;
  default: Record<string, unknown>;
  description: string;
}

export const CHECK_INTERVAL_MINUTES = { min: 1, max: 24 * 60, default: 15 } as const;
/** Statuspage asks clients not to poll more than once a minute; the design says every 5 min. */
export const STATUS_POLL_MINUTES = { min: 1, max: 60, default: 5 } as const;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  checkIntervalMinutes: CHECK_INTERVAL_MINUTES.default,
  notifications: Object.freeze({ keychainOnWake: true, failures: true, incidents: true, expiringToken: true }),
  launchAtLogin: false,
  statusPolling: Object.freeze({ enabled: true, intervalMinutes: STATUS_POLL_MINUTES.default }),
  theme: 'system',
});

/** A fresh, mutable copy of the defaults (electron-store and ajv's useDefaults mutate what they get). */
export function defaultSettings(): Settings {
  return {
    ...DEFAULT_SETTINGS,
    notifications: { ...DEFAULT_SETTINGS.notifications },
    statusPolling: { ...DEFAULT_SETTINGS.statusPolling },
  };
}

const notificationsDefault = DEFAULT_SETTINGS.notifications;
const pollingDefault = DEFAULT_SETTINGS.statusPolling;

/**
 * `new Store<Settings>({ schema: settingsSchema, ... })`. The root is not closed with
 * `additionalProperties: false` because conf keeps its own `__internal__` key (the migrated
 * version) in the same object; unknown keys are refused at the IPC boundary instead.
 */
export const settingsSchema: { [K in keyof Settings]: SchemaNode } = {
  checkIntervalMinutes: {
    type: 'integer',
    minimum: CHECK_INTERVAL_MINUTES.min,
    maximum: CHECK_INTERVAL_MINUTES.max,
    default: CHECK_INTERVAL_MINUTES.default,
    description: 'Minutes between full checks (events such as wake or a network change also trigger checks).',
  },
  notifications: {
    type: 'object',
    additionalProperties: false,
    default: { ...notificationsDefault },
    description: 'Which desktop notifications to show.',
    properties: {
      keychainOnWake: {
        type: 'boolean',
        default: notificationsDefault.keychainOnWake,
        description: 'Keychain locked after wake or unlock.',
      },
      failures: { type: 'boolean', default: notificationsDefault.failures, description: 'A check starts failing (once per episode).' },
      incidents: {
        type: 'boolean',
        default: notificationsDefault.incidents,
        description: 'Anthropic incidents affecting Claude Code (and when they end).',
      },
      expiringToken: {
        type: 'boolean',
        default: notificationsDefault.expiringToken,
        description:
          'The sign-in is about to end: a token with no refresh token expires soon, or the login nears its time limit (3 days before).',
      },
    },
  },
  launchAtLogin: {
    type: 'boolean',
    default: DEFAULT_SETTINGS.launchAtLogin,
    description: 'Start the tray app when the user logs in.',
  },
  statusPolling: {
    type: 'object',
    additionalProperties: false,
    default: { ...pollingDefault },
    description: "Polling of Anthropic's status page.",
    properties: {
      enabled: { type: 'boolean', default: pollingDefault.enabled, description: 'Poll the status page.' },
      intervalMinutes: {
        type: 'integer',
        minimum: STATUS_POLL_MINUTES.min,
        maximum: STATUS_POLL_MINUTES.max,
        default: STATUS_POLL_MINUTES.default,
        description: 'Minutes between polls (backs off on errors).',
      },
    },
  },
  theme: {
    type: 'string',
    enum: [...THEMES],
    default: DEFAULT_SETTINGS.theme,
    description: 'Window theme; "system" follows the OS.',
  },
};
