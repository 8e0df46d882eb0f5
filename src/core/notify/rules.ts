/** Which notification a rule, a cooldown or a recorded showing is about. */
export type NotificationId = 'keychain-locked' | 'failure' | 'incident' | 'token-expiring' | 'login-ending';

/** The notification toggles of the app settings (the store and its schema live in main); plain data, so tests and the Preferences view share it. */
export interface NotifyRules {
  /** Master switch. */
  readonly enabled: boolean;
  /** A check starts failing (once per failure episode). */
  readonly failures: boolean;
  /** After wake or screen unlock, the keychain is locked. */
  readonly keychainOnWake: boolean;
  /** Anthropic reports an incident affecting Claude Code (and when it is resolved). On by default. */
  readonly incidents: boolean;
  /** The sign-in is about to end: a token without a refresh token expires soon, or the login nears its time limit (3 days before). */
  readonly expiringToken: boolean;
  /** How soon counts as "soon". */
  readonly expiryWarningMs: number;
  readonly cooldownMs: Readonly<Record<NotificationId, number>>;
}

const MINUTE = 60_000;

export const DEFAULT_NOTIFY_RULES: NotifyRules = {
  enabled: true,
  failures: true,
  keychainOnWake: true,
  incidents: true,
  expiringToken: true,
  expiryWarningMs: 30 * MINUTE,
  cooldownMs: {
    'keychain-locked': 10 * MINUTE,
    failure: 5 * MINUTE,
    incident: 12 * 60 * MINUTE,
    'token-expiring': 60 * MINUTE,
    'login-ending': 24 * 60 * MINUTE,
  },
};

/** A notification shown earlier: all the memory the decision needs. */
export interface ShownNotification {
  readonly cooldownKey: string;
  readonly at: number;
}
