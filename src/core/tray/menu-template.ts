import type { CheckResult, FixId, HealthReport } from '../../shared/report.js';
import { isAnthropicsSide } from '../../shared/causes.js';
import { FIX_TITLES } from '../../shared/fix-titles.js';
import type { Os } from '../io/os.js';
import { checkOf, keychainLocked, failingOrWarning, serviceIncident, statusPageUrl } from '../diagnosis/readings.js';
import { truncate, type TrayModel } from './tray-model.js';

export type MenuAction =
  | 'open-wizard'
  | 'check-now'
  | 'unlock-keychain'
  | 'open-status-page'
  | 'copy-report'
  | 'preferences'
  | 'quit'
  | 'open-fix'
  | 'open-server'
  | 'check-servers';

/**
 * A plain, serialisable tray menu. The glue maps it 1:1 onto `Menu.buildFromTemplate`:
 * separator → `{ type: 'separator' }`; normal → `{ label, enabled, accelerator, click }` where
 * click dispatches on `action` (with `fixId` for 'open-fix', `url` for 'open-status-page').
 */
export interface MenuItem {
  /** Stable per line ('check:auth.token', 'check-now', …), so tests and the glue can find items. */
  readonly id: string;
  readonly kind: 'normal' | 'separator';
  readonly label: string;
  readonly enabled: boolean;
  readonly action?: MenuAction;
  readonly fixId?: FixId;
  /** For 'open-status-page': the incident's page or the status page itself (http/https only). */
  readonly url?: string;
  /** For 'open-server': the host's name in the remote host list. */
  readonly serverName?: string;
  /** Electron accelerator syntax; set only where the platform shows them in a tray menu. */
  readonly accelerator?: string;
}

interface PlatformMenu {
  readonly quit: string;
  readonly preferences: string;
  readonly accelerators: Readonly<Partial<Record<MenuAction, string>>>;
  /** Windows and Linux read '&' as a mnemonic marker; a literal one is written '&&'. */
  readonly escapeAmpersand: boolean;
}

/** Each platform's own words and shortcuts for the same menu. */
export const PLATFORM_MENU: Readonly<Record<Os, PlatformMenu>> = {
  darwin: {
    quit: 'Quit Claude Auth Doctor',
    preferences: 'Preferences…',
    accelerators: { 'check-now': 'Command+R', preferences: 'Command+,', quit: 'Command+Q' },
    escapeAmpersand: false,
  },
  linux: { quit: 'Quit', preferences: 'Preferences…', accelerators: {}, escapeAmpersand: true },
  win32: { quit: 'Exit', preferences: 'Settings…', accelerators: {}, escapeAmpersand: true },
};

/** Longer lines make the menu as wide as the screen; the wizard shows the rest. */
export const MAX_LABEL = 72;
/** More failing lines than this collapse into one "more" line that opens the wizard. */
export const MAX_PROBLEM_LINES = 5;

function problemLine(check: CheckResult): Omit<MenuItem, 'label'> & { text: string } {
  const fixId = check.fixes[0];
  const target = fixId ? { action: 'open-fix' as const, fixId } : { action: 'open-wizard' as const };
  return { id: `check:${check.id}`, kind: 'normal', enabled: true, text: `${check.title}: ${check.summary}`, ...target };
}

/**
 * One line per cause, in plain words ("Your network intercepts Claude’s connection", not a
 * certificate subject); a cause another one explains is not listed, and an outage only on the
 * status line below (named once). The cause the status line above already names is not said
 * twice: its line is the fix it calls for ("Sign in to Claude Code again…"). Reports without
 * findings fall back to one line per check.
 */
function problemLines(report: HealthReport | null, named: string): (Omit<MenuItem, 'label'> & { text: string })[] {
  const findings = report?.findings;
  if (!findings) return failingOrWarning(report).map(problemLine);
  return findings
    .filter((f) => f.suppressedBy === null && f.severity !== 'unknown' && !isAnthropicsSide(f))
    .flatMap((f) => {
      const fixId = f.fixes[0];
      const target = fixId ? { action: 'open-fix' as const, fixId } : { action: 'open-wizard' as const };
      // A check no named cause explains speaks for itself, by its title.
      const check = f.code === 'check' ? checkOf(report, f.checks[0] ?? 'auth.method') : null;
      const text = check ? `${check.title}: ${check.summary}` : f.title;
      const id = `check:${f.checks[0] ?? f.code}`;
      if (!named.includes(text)) return [{ id, kind: 'normal' as const, enabled: true, text, ...target }];
      return fixId ? [{ id, kind: 'normal' as const, enabled: true, text: `${FIX_TITLES[fixId]}…`, ...target }] : [];
    });
}

function serviceLine(report: HealthReport | null, named: string): string {
  const status = checkOf(report, 'service.status');
  const incident = serviceIncident(report);
  // The status line above may name the incident already: then this line only opens it.
  if (incident && named.includes(incident.name)) return 'Open the incident on Anthropic’s status page…';
  if (incident) return incident.level === 'fail' ? `Claude Code outage: ${incident.name}` : `Claude degraded: ${incident.name}`;
  switch (status?.status) {
    case 'ok':
      return 'Anthropic status: operational';
    case 'fail':
    case 'warn':
      return `Anthropic status: ${status.summary}`;
    case 'unknown':
      return 'Anthropic status: unknown';
    default:
      return 'Anthropic status: not checked';
  }
}

/** Pure: the tray menu for the current model and report, in the platform's own words; `servers` is the Servers section (tray/servers.ts). */
export function menuTemplate(model: TrayModel, report: HealthReport | null, os: Os, servers: readonly MenuItem[] = []): MenuItem[] {
  const platform = PLATFORM_MENU[os];
  const label = (text: string): string => {
    const short = truncate(text, MAX_LABEL);
    return platform.escapeAmpersand ? short.replace(/&/g, '&&') : short;
  };
  const accelerator = (action: MenuAction): { accelerator?: string } => {
    const keys = platform.accelerators[action];
    return keys ? { accelerator: keys } : {};
  };
  let separators = 0;
  const separator = (): MenuItem => ({ id: `separator-${++separators}`, kind: 'separator', label: '', enabled: true });
  const item = (id: string, text: string, action: MenuAction, enabled = true, extra: Partial<MenuItem> = {}): MenuItem => ({
    id,
    kind: 'normal',
    label: label(text),
    enabled,
    action,
    ...accelerator(action),
    ...extra,
  });

  const items: MenuItem[] = [{ id: 'status', kind: 'normal', label: label(model.tooltip), enabled: false }];
  const found = problemLines(report, model.tooltip);
  for (const { text, ...line } of found.slice(0, MAX_PROBLEM_LINES)) items.push({ ...line, label: label(text) });
  if (found.length > MAX_PROBLEM_LINES) items.push(item('more-problems', `${found.length - MAX_PROBLEM_LINES} more…`, 'open-wizard'));
  if (servers.length > 0) {
    items.push(separator());
    for (const line of servers) items.push(line.kind === 'normal' ? { ...line, label: label(line.label) } : line);
  }
  items.push(separator());
  items.push(item('open-wizard', 'Open Fix Wizard…', 'open-wizard'));
  items.push(item('check-now', model.checking ? 'Checking…' : 'Check Now', 'check-now', !model.checking));
  if (keychainLocked(report)) items.push(item('unlock-keychain', 'Unlock Keychain…', 'unlock-keychain'));
  items.push(separator());
  items.push(item('service-status', serviceLine(report, model.tooltip), 'open-status-page', true, { url: statusPageUrl(report) }));
  items.push(separator());
  items.push(item('copy-report', 'Copy Diagnostic Report', 'copy-report', report !== null));
  items.push(item('preferences', platform.preferences, 'preferences'));
  items.push(separator());
  items.push(item('quit', platform.quit, 'quit'));
  return items;
}
