/**
 * "Launch at login" is on for the installed app unless the user said otherwise. Whether that is
 * settled is kept beside the settings in the same file, not as one of them (Preferences never
 * shows it): true once the first installed run turned it on, or the user chose (in Preferences,
 * or earlier, as migration 0.4.0 reads it). A development run, the CLI and a copy running from a
 * temporary place have no login item, so they settle nothing and the installed app still decides.
 */
export const LOGIN_SETTLED_KEY = 'launchAtLoginSettled';

export function loginSettled(data: Readonly<Record<string, unknown>>): boolean {
  return data[LOGIN_SETTLED_KEY] === true;
}

/** What to do with the OS's login item at start. */
export type LoginAtStart =
  /** Not settled and the OS has it off: turn it on once, then settle. */
  | 'turn-on'
  /** Not settled and already on (a previous install): settle on it. */
  | 'settle'
  /** Settled: the OS's state is the truth (the user may have changed it in System Settings). */
  | 'follow-os'
  /** No login item here (development run, temporary place): nothing. */
  | 'nothing';

/** Pure: the first-run rule. `real` is the OS's state, null where this copy has no login item. */
export function loginAtStart(settled: boolean, real: boolean | null): LoginAtStart {
  if (real === null) return 'nothing';
  if (settled) return 'follow-os';
  return real ? 'settle' : 'turn-on';
}
