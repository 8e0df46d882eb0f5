import type { Notification } from '../core/notify/decide.js';
import type { Os } from '../core/io/os.js';

/** How notifications reach the user on this system. */
export interface NotificationPlan {
  readonly primary: 'electron' | 'node-notifier';
  /** Buttons on the notification itself (macOS, Windows); Linux's libnotify has only the click. */
  readonly buttons: boolean;
  /** node-notifier when Electron's fails; null where its helper cannot run or there is none. */
  readonly fallback: 'node-notifier' | null;
}

/**
 * Electron's Notification where it delivers (every supported system); node-notifier's helper as
 * the fallback on macOS (terminal-notifier, an Intel binary: only on Intel Macs or with Rosetta)
 * and Windows (SnoreToast). On Linux node-notifier would only call notify-send, which has no click.
 */
export function notificationPlan(os: Os, electronSupported: boolean, helperRuns: boolean): NotificationPlan {
  const fallback = os !== 'linux' && helperRuns ? 'node-notifier' : null;
  if (!electronSupported && fallback) return { primary: 'node-notifier', buttons: false, fallback };
  return { primary: 'electron', buttons: os !== 'linux', fallback };
}

/** Whether node-notifier's helper can run: terminal-notifier is x86_64 only (Rosetta on Apple silicon). */
export function notifierHelperRuns(os: Os, arch: string, rosettaInstalled: boolean): boolean {
  if (os === 'darwin') return arch === 'x64' || rosettaInstalled;
  return os === 'win32';
}

/** The action a plain click means: the first one offered (Unlock, Fix…, Status Page). */
export function clickAction(notification: Notification): Notification['actions'][number] | null {
  return notification.actions[0] ?? null;
}
