import type { Notification as ElectronNotification } from 'electron';
import type { Os } from '../core/io/os.js';
import type { Notification } from '../core/notify/decide.js';
import { clickAction, notificationPlan, type NotificationPlan } from './notification-route.js';

type Action = Notification['actions'][number];

/** node-notifier's one call we use (loaded only where it is the fallback). */
export interface NodeNotifier {
  notify(options: Record<string, unknown>, callback?: (error: Error | null) => void): unknown;
}

export interface NotifierDeps {
  readonly Notification: Pick<typeof ElectronNotification, 'isSupported'> &
    (new (options: Electron.NotificationConstructorOptions) => ElectronNotification);
  readonly os: Os;
  /** Whether node-notifier's helper can run here (see notificationPlan). */
  readonly helperRuns: boolean;
  /** The toast's app id on Windows (the Start Menu shortcut's AUMID); null in development. */
  readonly appId: string | null;
  readonly loadNodeNotifier: () => Promise<NodeNotifier>;
  readonly onAction: (notification: Notification, action: Action) => void;
  readonly log: (message: string, fields?: Record<string, unknown>) => void;
  /** Timers, injectable for tests. */
  readonly setTimeout?: (fn: () => void, ms: number) => unknown;
  readonly clearTimeout?: (handle: unknown) => void;
}

/** Shown notifications are kept (their events need a live object) this long at most, and this many. */
export const KEEP_MS = 30 * 60_000;
export const KEEP_MAX = 8;

/**
 * Delivers the notification decision's output. Electron's own Notification wherever it delivers:
 * macOS (signed builds; buttons with the alert style), Windows (the app's AUMID, buttons), Linux
 * (libnotify: a click, no buttons; the actions are in the tray menu too). node-notifier only when
 * Electron's fails (an unsigned macOS build, Windows without the Start Menu shortcut), plain, since
 * its actions vanish after 5 seconds on macOS.
 */
export interface Notifier {
  show(notification: Notification): void;
  /** A plain message about the app itself (no tray host here…), outside the notification decision. */
  announce(title: string, body: string): void;
  dispose(): void;
}

export function createNotifier(deps: NotifierDeps): Notifier {
  const live = new Map<ElectronNotification, unknown>();
  const later = deps.setTimeout ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const cancel = deps.clearTimeout ?? ((handle: unknown) => clearTimeout(handle as NodeJS.Timeout));
  const plan: NotificationPlan = notificationPlan(deps.os, deps.Notification.isSupported(), deps.helperRuns);

  const release = (shown: ElectronNotification): void => {
    if (!live.has(shown)) return;
    cancel(live.get(shown));
    live.delete(shown);
  };

  function viaHelper(notification: Notification, why: string): void {
    if (!plan.fallback) return deps.log('notification not shown', { id: notification.id, why, fallback: 'none on this system' });
    deps.log('notification through node-notifier', { id: notification.id, why });
    void deps
      .loadNodeNotifier()
      .then((notifier) =>
        notifier.notify(
          { title: notification.title, message: notification.body, wait: false, ...(deps.appId ? { appID: deps.appId } : {}) },
          (error) => {
            if (error) deps.log('node-notifier failed', { id: notification.id, error: error.message });
          },
        ),
      )
      .catch((error: unknown) => deps.log('node-notifier could not load', { error: String(error) }));
  }

  return {
    show(notification) {
      if (plan.primary === 'node-notifier') return viaHelper(notification, 'Electron notifications are not supported here');
      const buttons = plan.buttons ? notification.actions : [];
      const shown = new deps.Notification({
        title: notification.title,
        body: notification.body,
        actions: buttons.map((a) => ({ type: 'button' as const, text: a.label })),
        timeoutType: notification.actions.length > 0 ? 'never' : 'default',
      });
      shown.on('click', () => {
        const action = clickAction(notification);
        release(shown);
        if (action) deps.onAction(notification, action);
      });
      shown.on('action', (details, legacyIndex) => {
        const index = typeof details?.actionIndex === 'number' ? details.actionIndex : legacyIndex;
        const action = buttons[index];
        release(shown);
        if (action) deps.onAction(notification, action);
      });
      shown.on('close', () => release(shown));
      shown.on('failed', (_event, error) => {
        release(shown);
        viaHelper(notification, `Electron could not show it: ${String(error)}`);
      });
      // Keep the object (its events die with it), but not forever and not without bound.
      live.set(
        shown,
        later(() => release(shown), KEEP_MS),
      );
      while (live.size > KEEP_MAX) {
        const oldest = live.keys().next().value;
        if (oldest) release(oldest);
      }
      shown.show();
    },
    announce(title, body) {
      if (plan.primary !== 'electron') return deps.log('announcement not shown', { title });
      new deps.Notification({ title, body }).show();
    },
    dispose() {
      for (const shown of [...live.keys()]) release(shown);
    },
  };
}
