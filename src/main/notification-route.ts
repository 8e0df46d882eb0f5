import type { Notification } from '../core/notify/decide.js';
import type { Os } from '../core/io/os.js';

/**
 * node-notifier shows actions on macOS (terminal-notifier) and Windows (SnoreToast); on Linux it
 * goes through notify-send, which has none, so there Electron's own Notification carries the
 * first action as its click.
 */
export function notificationDelivery(os: Os, notification: Notification): 'node-notifier' | 'electron' {
  if (notification.actions.length === 0) return 'node-notifier';
  return os === 'linux' ? 'electron' : 'node-notifier';
}

/** The action a plain click means: the first one offered (Unlock, Fix…, Status Page). */
export function clickAction(notification: Notification): Notification['actions'][number] | null {
  return notification.actions[0] ?? null;
}

/** node-notifier answers with the clicked action's label (lower-cased on some platforms). */
export function actionFromReply(notification: Notification, reply: string | undefined): Notification['actions'][number] | null {
  if (!reply) return null;
  const wanted = reply.trim().toLowerCase();
  if (wanted === 'activate' || wanted === 'contentsclicked' || wanted === 'clicked') return clickAction(notification);
  return notification.actions.find((a) => a.label.toLowerCase() === wanted) ?? null;
}
