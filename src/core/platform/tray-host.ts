import { openDbus } from '../io/dbus.js';

/** Whether a tray icon will be seen on this Linux desktop. */
export type TrayHost =
  | { readonly kind: 'present' }
  | { readonly kind: 'absent'; readonly reason: string }
  | { readonly kind: 'unknown'; readonly reason: string };

const WATCHER = 'org.kde.StatusNotifierWatcher';

/**
 * Electron's Linux tray is a StatusNotifierItem: it shows only where a host registered
 * org.kde.StatusNotifierWatcher on the session bus (KDE, most panels; GNOME only with the
 * AppIndicator extension). Without one Electron falls back to an XEmbed icon, which GNOME does not
 * show at all; other desktops' legacy trays still do, so only GNOME counts as "absent".
 */
export async function trayHost(sessionBus: string | null, desktop: string | undefined, timeoutMs = 2000): Promise<TrayHost> {
  if (!sessionBus) return { kind: 'unknown', reason: 'no D-Bus session bus' };
  let owned: boolean;
  try {
    const bus = await openDbus(sessionBus, { timeoutMs });
    try {
      const [answer] = await bus.callWithin(
        timeoutMs,
        'org.freedesktop.DBus',
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus',
        'NameHasOwner',
        's',
        [WATCHER],
      );
      owned = answer === true;
    } finally {
      bus.close();
    }
  } catch (error) {
    return { kind: 'unknown', reason: (error as Error).message };
  }
  if (owned) return { kind: 'present' };
  if (desktop && /(^|:)(GNOME|ubuntu)(:|$)/i.test(desktop))
    return {
      kind: 'absent',
      reason:
        'GNOME shows tray icons only with the AppIndicator extension: install gnome-shell-extension-appindicator (Ubuntu ships it enabled), log out and in, then start the app again.',
    };
  return { kind: 'unknown', reason: `no ${WATCHER} on the session bus; the desktop's legacy tray may still show the icon` };
}
