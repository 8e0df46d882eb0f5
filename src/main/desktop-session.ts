import { userInfo } from 'node:os';
import type { Os } from '../core/io/os.js';
import { trayHost, type TrayHost } from '../core/platform/tray-host.js';

/** The account's login shell, for when $SHELL is unset (a session started without one). */
export function accountShell(): string | null {
  try {
    return userInfo().shell;
  } catch {
    return null;
  }
}

/**
 * Linux: whether anyone will see the tray icon. Where nobody can (GNOME without the AppIndicator
 * extension) the app opens its window and says what to install, instead of looking dead.
 */
export async function ensureVisible(
  os: Os,
  desktop: Readonly<Record<string, string | undefined>>,
  show: { openWizard(): void; announce(title: string, body: string): void; log(host: TrayHost): void },
): Promise<boolean> {
  if (os !== 'linux') return true;
  const host = await trayHost(desktop['DBUS_SESSION_BUS_ADDRESS'] ?? null, desktop['XDG_CURRENT_DESKTOP']);
  show.log(host);
  if (host.kind !== 'absent') return true;
  show.openWizard();
  show.announce('Claude Auth Doctor has no tray icon here', host.reason);
  return false;
}

/** For the desktop suite (Playwright evaluates in the main process): what a tray click would do, since a tray cannot be clicked. */
export function exposeTestHooks(hooks: Record<string, unknown>): void {
  (globalThis as { __claudeAuthDoctor?: unknown }).__claudeAuthDoctor = hooks;
}
