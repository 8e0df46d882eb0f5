import type { Os } from '../io/os.js';
import type { IconTheme } from './tray-model.js';

/** What the glue can read about the surface the tray icon sits on. */
export interface SurfaceSignals {
  /** `XDG_CURRENT_DESKTOP` of the desktop session (the launcher's environment, not a shell's). */
  readonly desktop: string | undefined;
  /** Windows: `nativeTheme.shouldUseDarkColorsForSystemIntegratedUI` (the taskbar's theme, not the apps'). */
  readonly systemDark: boolean;
  /** `nativeTheme.shouldUseDarkColors`: the app (GTK on Linux) theme. */
  readonly appDark: boolean;
}

/** GNOME Shell (and Ubuntu's, and Unity) draw the top bar dark whatever the GTK theme says. */
const DARK_BAR_DESKTOPS = /(^|:)(GNOME|Unity|ubuntu)(:|$)/i;

/**
 * Which icon variant suits the surface: macOS tints its template images itself; Windows follows
 * the system (taskbar) theme, which may differ from the apps' theme; on GNOME the bar is dark;
 * other Linux panels follow the desktop's theme as GTK reports it.
 */
export function trayIconTheme(os: Os, signals: SurfaceSignals): IconTheme {
  switch (os) {
    case 'darwin':
      return 'light';
    case 'win32':
      return signals.systemDark ? 'dark' : 'light';
    case 'linux':
      if (signals.desktop && DARK_BAR_DESKTOPS.test(signals.desktop)) return 'dark';
      return signals.appDark ? 'dark' : 'light';
  }
}
