import type { HealthReport, Overall } from '../../shared/report.js';
import type { Os } from '../io/os.js';
import { formatRemaining } from '../io/time.js';
import { LOGIN_END_WINDOW_MS, PRINT_WARNING_MS } from '../claude-code/token-expiry.js';
import { checkOf, keychainLocked, failingOrWarning, loginEndsAt, serviceIncident, tokenExpiry } from '../diagnosis/readings.js';

/** The four faces of the tray icon: green, amber, red, grey (unknown or still checking). */
export type TrayState = Overall;
export const TRAY_STATES: readonly TrayState[] = ['ok', 'warn', 'fail', 'unknown'];

/** The surface the icon sits on (not the app's own theme): 'dark' means a dark menu bar or taskbar. */
export type IconTheme = 'light' | 'dark';
export const ICON_THEMES: readonly IconTheme[] = ['light', 'dark'];

/**
 * What the glue hands to Electron's Tray, 1:1: `setImage(join(iconsDir, icon))`, `setToolTip(tooltip)`.
 * Rebuilt on every report and every minute (the token countdown in the tooltip moves with `now`).
 */
export interface TrayModel {
  readonly state: TrayState;
  /** Path under assets/icons/. macOS/Linux PNGs have an `@2x` sibling that nativeImage picks up by itself. */
  readonly icon: string;
  /** The one thing that matters now; at most 127 characters (the Windows limit). */
  readonly tooltip: string;
  readonly checking: boolean;
}

/** Windows keeps 128 UTF-16 units including the terminating NUL; other systems get the same text. */
export const MAX_TOOLTIP = 127;

/** Icon file names per OS. macOS icons carry a coloured dot, so they are not template images (no `Template` suffix). */
const ICON_FILE: Readonly<Record<Os, (state: TrayState, theme: IconTheme) => string>> = {
  darwin: (state, theme) => `darwin/tray-${state}-${theme}.png`,
  linux: (state, theme) => `linux/tray-${state}-${theme}.png`,
  win32: (state, theme) => `win32/tray-${state}-${theme}.ico`,
};

/** When the glue cannot tell: macOS menu bars are light by default, GNOME's panel and Windows 11's taskbar dark. */
export const DEFAULT_THEME: Readonly<Record<Os, IconTheme>> = { darwin: 'light', linux: 'dark', win32: 'dark' };

export function iconAsset(os: Os, state: TrayState, theme: IconTheme = DEFAULT_THEME[os]): string {
  return ICON_FILE[os](state, theme);
}

/** Cuts to `max` UTF-16 units (what Windows counts), never through a surrogate pair, ending in '…'. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '');
  return cut.trimEnd() + '…';
}

function more(count: number): string {
  return count > 0 ? ` (+${count} more)` : '';
}

/** The login's deadline, counted down from `now` (the check's own summary would freeze it): within `within` of it, or past it. */
function deadline(report: HealthReport, now: number, within: number): string | null {
  const endsAt = loginEndsAt(report);
  if (endsAt === null || endsAt - now > within) return null;
  return endsAt > now ? `Login ends in ${formatRemaining(endsAt - now)}` : 'Login reached its time limit';
}

/** The healthy line: how long the token lasts, or what vouched for the credential; the login's end once `-p` warns of it. */
function healthy(report: HealthReport, now: number): string {
  const expiry = tokenExpiry(report);
  const ending = deadline(report, now, PRINT_WARNING_MS);
  const tail = ending ? `; ${ending.charAt(0).toLowerCase()}${ending.slice(1)}` : '';
  if (expiry) {
    const left = expiry.expiresAt - now;
    if (left > 0) return `Token valid for ${formatRemaining(left)}${tail}`;
    return expiry.hasRefreshToken ? `Token expired; Claude Code renews it on its next request${tail}` : 'Token expired';
  }
  const token = checkOf(report, 'auth.token');
  return token?.status === 'ok' ? `${token.summary}${tail}` : `All checks passed${tail}`;
}

/** Outage first (nothing local helps during one), then the keychain, then failures, warnings, unknowns. */
function oneThing(report: HealthReport, now: number): string {
  const incident = serviceIncident(report);
  if (incident?.level === 'fail') return `Claude Code outage: ${incident.name}`;
  if (keychainLocked(report)) return 'Keychain locked';
  const found = failingOrWarning(report);
  const failing = found.filter((c) => c.status === 'fail');
  const [first] = failing.length > 0 ? failing : found;
  // The deadline's own check leads: say it live, not as the summary written when it ran.
  const ending = deadline(report, now, LOGIN_END_WINDOW_MS);
  if (ending && first?.id === 'auth.token') return `${ending}${more((failing.length > 0 ? failing.length : found.length) - 1)}`;
  if (first) {
    const peers = failing.length > 0 ? failing.length : found.length;
    return `${first.summary}${more(peers - 1)}`;
  }
  const unknown = report.checks.filter((c) => c.status === 'unknown');
  const [blind] = unknown;
  if (blind) return `${blind.title}: ${blind.summary}${more(unknown.length - 1)}`;
  return healthy(report, now);
}

/** Pure: the tray's face for a report (null before the first one) while a run may be under way. */
export function trayModel(
  report: HealthReport | null,
  checking: boolean,
  os: Os,
  now: number,
  theme: IconTheme = DEFAULT_THEME[os],
): TrayModel {
  if (!report) {
    return { state: 'unknown', icon: iconAsset(os, 'unknown', theme), tooltip: checking ? 'Checking…' : 'Not checked yet', checking };
  }
  const thing = oneThing(report, now);
  const tooltip = checking ? `Checking… (${thing})` : thing;
  return { state: report.overall, icon: iconAsset(os, report.overall, theme), tooltip: truncate(tooltip, MAX_TOOLTIP), checking };
}
