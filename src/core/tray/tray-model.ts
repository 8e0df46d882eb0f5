import type { Finding, HealthReport, Overall } from '../../shared/report.js';
import { causeTone, isAnthropicsSide, shownCauses } from '../../shared/causes.js';
import type { Os } from '../io/os.js';
import { formatRemaining } from '../io/time.js';
import { LOGIN_END_WINDOW_MS, PRINT_WARNING_MS } from '../claude-code/token-expiry.js';
import { checkOf, keychainLocked, failingOrWarning, loginEndsAt, serviceIncident, tokenExpiry } from '../diagnosis/readings.js';

/** The tray's verdict: the report's overall state. */
export type TrayState = Overall;
export const TRAY_STATES: readonly TrayState[] = ['ok', 'warn', 'fail', 'unknown'];

/**
 * What the icon shows, one shape each (readable without colour): a check, an exclamation mark, a
 * cross, a question mark, three dots. 'checking' only before the first report; a re-check keeps
 * the last verdict's face (the tooltip says "Checking…").
 */
export type TrayFace = TrayState | 'checking';
export const TRAY_FACES: readonly TrayFace[] = [...TRAY_STATES, 'checking'];

/** The surface the icon sits on (not the app's own theme): 'dark' means a dark menu bar or taskbar. */
export type IconTheme = 'light' | 'dark';
export const ICON_THEMES: readonly IconTheme[] = ['light', 'dark'];

/**
 * What the glue hands to Electron's Tray, 1:1: `setImage(join(iconsDir, icon))`, `setToolTip(tooltip)`.
 * Rebuilt on every report and every minute (the token countdown in the tooltip moves with `now`).
 */
export interface TrayModel {
  readonly state: TrayState;
  readonly face: TrayFace;
  /** Path under assets/icons/. macOS/Linux PNGs have an `@2x` sibling that nativeImage picks up by itself. */
  readonly icon: string;
  /** The one thing that matters now; at most 127 characters (the Windows limit). */
  readonly tooltip: string;
  readonly checking: boolean;
}

/** Windows keeps 128 UTF-16 units including the terminating NUL; other systems get the same text. */
export const MAX_TOOLTIP = 127;

/**
 * Icon file names per OS. macOS gets template images (black plus alpha, the name ends in
 * `Template`): the menu bar tints them itself, so there is one file per face and no theme.
 */
const ICON_FILE: Readonly<Record<Os, (face: TrayFace, theme: IconTheme) => string>> = {
  darwin: (face) => `darwin/tray-${face}Template.png`,
  linux: (face, theme) => `linux/tray-${face}-${theme}.png`,
  win32: (face, theme) => `win32/tray-${face}-${theme}.ico`,
};

/** When the glue cannot tell: GNOME's panel and Windows 11's taskbar are dark (macOS tints its template images). */
export const DEFAULT_THEME: Readonly<Record<Os, IconTheme>> = { darwin: 'light', linux: 'dark', win32: 'dark' };

export function iconAsset(os: Os, face: TrayFace, theme: IconTheme = DEFAULT_THEME[os]): string {
  return ICON_FILE[os](face, theme);
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

/** A cause as one line: its headline; a check's own finding and Anthropic's side in the check's words (they name the incident). */
function causeLine(report: HealthReport, cause: Finding, now: number): string {
  const check = checkOf(report, cause.checks[0] ?? 'auth.method');
  // The deadline's own check leads: say it live, not as the summary written when it ran.
  const ending = cause.checks[0] === 'auth.token' ? deadline(report, now, LOGIN_END_WINDOW_MS) : null;
  if (ending) return ending;
  if (!check || (cause.code !== 'check' && !isAnthropicsSide(cause))) return cause.title;
  return cause.severity === 'unknown' ? `${check.title}: ${check.summary}` : check.summary;
}

/** Reports from before findings existed (a snapshot of an older version): one line per check. */
function checkLine(report: HealthReport, now: number): string {
  const found = failingOrWarning(report);
  const failing = found.filter((c) => c.status === 'fail');
  const [first] = failing.length > 0 ? failing : found;
  const peers = failing.length > 0 ? failing.length : found.length;
  const ending = deadline(report, now, LOGIN_END_WINDOW_MS);
  if (ending && first?.id === 'auth.token') return `${ending}${more(peers - 1)}`;
  if (first) return `${first.summary}${more(peers - 1)}`;
  const unknown = report.checks.filter((c) => c.status === 'unknown');
  const [blind] = unknown;
  if (blind) return `${blind.title}: ${blind.summary}${more(unknown.length - 1)}`;
  return healthy(report, now);
}

/** Outage first (nothing local helps during one), then the keychain, then each cause once, the one to act on first. */
function oneThing(report: HealthReport, now: number): string {
  const incident = serviceIncident(report);
  if (incident?.level === 'fail') return `Claude Code outage: ${incident.name}`;
  if (keychainLocked(report)) return 'Keychain locked';
  if (!report.findings) return checkLine(report, now);
  const causes = shownCauses(report);
  const [lead] = causes;
  return lead ? `${causeLine(report, lead, now)}${more(causes.length - 1)}` : healthy(report, now);
}

const TONE_RANK: readonly TrayState[] = ['fail', 'warn', 'unknown'];

/**
 * The icon's verdict: the worst tone among the causes shown, so an outage is amber (nothing on
 * this machine is wrong) and a token "not confirmed" while the network is down counts once, as the
 * network. Reports without findings: the overall status.
 */
export function trayState(report: HealthReport): TrayState {
  if (!report.findings) return report.overall;
  const tones: TrayState[] = shownCauses(report).map(causeTone);
  return TONE_RANK.find((tone) => tones.includes(tone)) ?? report.overall;
}

/**
 * Pure: the tray's face for a report (null before the first one) while a run may be under way.
 * `settling`: a cause is held back by its time to visible and the last verdict predates the wake
 * (see monitor/visibility.ts): the icon says "checking" unless something shown is already wrong.
 */
export function trayModel(
  report: HealthReport | null,
  checking: boolean,
  os: Os,
  now: number,
  theme: IconTheme = DEFAULT_THEME[os],
  settling = false,
): TrayModel {
  if (!report) {
    const face = checking || settling ? 'checking' : 'unknown';
    return {
      state: 'unknown',
      face,
      icon: iconAsset(os, face, theme),
      tooltip: face === 'checking' ? 'Checking…' : 'Not checked yet',
      checking,
    };
  }
  const thing = oneThing(report, now);
  const tooltip = checking || settling ? `Checking… (${thing})` : thing;
  const state = trayState(report);
  const face = settling && (state === 'ok' || state === 'unknown') ? 'checking' : state;
  return { state, face, icon: iconAsset(os, face, theme), tooltip: truncate(tooltip, MAX_TOOLTIP), checking };
}
