import type { CheckId, FixId, HealthReport, Status } from './report.js';
import type { Settings, SettingsPatch } from './settings.js';
import type { ServersPayload } from './remote.js';

/**
 * The one IPC contract between Electron main and the wizard. Every channel's request and
 * response types live here; main's handlers and the preload's methods are derived from it, so a
 * channel cannot exist on one side only. Payloads cross a trust boundary: main (and the web host)
 * validate them at run time with `validateRequest` (ipc-validate.ts), and responses never carry
 * secrets.
 */
export interface IpcContract {
  'report:get': () => HealthReport | null;
  'report:run-check': () => HealthReport;
  /**
   * The checks of the run in flight as they finish (null when none runs): the page polls it while
   * it waits, so a slow status page never hides a login already verified. Same words as a report.
   */
  'report:progress': () => CheckProgress | null;
  'explain:text': (text: string) => ExplainResponse;
  'fix:start': (fixId: FixId) => FixRun;
  'fix:run-step': (runId: string, stepIndex: number) => StepOutcome;
  'fix:undo': (backupId: string) => UndoOutcome;
  'history:get': () => readonly HistoryPoint[];
  /** Opens an allowlisted https link (external-links.ts) in the system browser; main re-checks it. */
  'link:open': (url: string) => void;
  /** The app's preferences, complete (defaults filled in). */
  'settings:get': () => Settings;
  /**
   * Applies a partial change (validated with validateSettingsPatch; unknown keys refused) and
   * answers the settings now in force, so the page shows what was stored, not what it sent.
   */
  'settings:set': (patch: SettingsPatch) => Settings;
  /** The remote hosts the tray watches, with their last results and plans (the app only). */
  'servers:get': () => ServersPayload;
  /** Checks them now; answers when done. */
  'servers:check': () => ServersPayload;
}

/** One check of a run in flight: 'running' until it settles, then its status and summary. */
export interface ProgressItem {
  readonly id: CheckId;
  readonly title: string;
  readonly status: Status | 'running';
  /** The check's summary once it settled ('' while running); the same text its report row shows. */
  readonly summary: string;
}

export interface CheckProgress {
  /** When the run started (ISO, UTC). */
  readonly startedAt: string;
  /** Every check of the run, in the report's order. */
  readonly checks: readonly ProgressItem[];
}

/** One point of the 24 h health strip: a report's overall state, and the event that led to it. */
export interface HistoryPoint {
  readonly at: string;
  readonly overall: HealthReport['overall'];
  readonly event: HistoryEvent;
  readonly note: string;
}

export type HistoryEvent = 'start' | 'timer' | 'wake' | 'unlock-screen' | 'network' | 'file' | 'expiry' | 'incident' | 'manual' | 'fix';

/** The app's preferences: kept by the host (electron-store in main), not by the engine. */
export type SettingsChannel = 'settings:get' | 'settings:set';
/**
 * Channels the host itself answers, not the engine: links (the browser host opens them in the
 * page instead) and the app's settings (the browser host serves them only when given a provider).
 */
export type HostChannel = 'link:open' | SettingsChannel | ServersChannel;
/** The servers the tray watches: kept by the app (main), not served by `wizard --web`. */
export type ServersChannel = 'servers:get' | 'servers:check';
/** Channels the engine answers, the same in Electron main and in the web host. */
export type ServiceChannel = Exclude<IpcChannel, HostChannel>;
export type FixChannel = 'fix:start' | 'fix:run-step' | 'fix:undo';

/** The engine behind the contract: Electron main and the web host both serve this object. */
export type DoctorService = { [C in ServiceChannel]: (...args: IpcRequest<C>) => Promise<Awaited<IpcResponse<C>>> };

/** Events main pushes to the renderer. */
export interface IpcEvents {
  'report:changed': HealthReport;
}

export type IpcChannel = keyof IpcContract;
export type IpcRequest<C extends IpcChannel> = Parameters<IpcContract[C]>;
export type IpcResponse<C extends IpcChannel> = ReturnType<IpcContract[C]>;

export interface ExplainMatchView {
  readonly id: string;
  readonly title: string;
  readonly meaning: string;
  readonly severity: 'low' | 'medium' | 'high';
  readonly fixes: readonly FixId[];
  /** The cause the doctor found on this machine that this error is about, or null. */
  readonly found: ExplainFound | null;
}

/** A cause found on this machine, as the Fix tab shows it (its headline, detail, tone and fix). */
export interface ExplainFound {
  readonly title: string;
  readonly detail: string;
  readonly severity: 'fail' | 'warn' | 'unknown';
  /** The fix the cause and the pasted error share: the Fix tab's card to open. */
  readonly fixId: FixId;
}

export interface ExplainResponse {
  readonly matches: readonly ExplainMatchView[];
}

/**
 * One step of a fix as the wizard shows it. `command` is display text: for 'run' steps exactly
 * what the app runs (argv joined, never a secret); `copy` is what the Copy button puts on the
 * clipboard for steps the user does. Optional fields are absent when they do not apply.
 */
export interface FixStepView {
  readonly kind: 'info' | 'run' | 'user-action' | 'link';
  readonly title: string;
  readonly detail: string;
  readonly command?: string;
  readonly url?: string;
  /** 'run' steps: the app may run it unattended (`fix --yes`). False: it still runs, but only on the user's own click. */
  readonly automatable?: boolean;
  /** 'run' steps: it changes files or the keychain, so it is backed up first and can be undone. */
  readonly changes?: boolean;
  /** 'run' steps: what it changes, in plain words ("Backs up ~/.claude/.credentials.json"). */
  readonly effects?: readonly string[];
  /** 'run' steps that change something: what Undo puts back. */
  readonly undo?: string;
  /** 'run' steps whose success is the expected middle of the fix (a later step finishes it): what they leave behind. */
  readonly leaves?: 'signed-out' | 'moved-aside';
  /** 'user-action' steps: the text to copy (a command to paste), or absent when there is none. */
  readonly copy?: string;
}

export interface FixRun {
  readonly runId: string;
  readonly fixId: FixId;
  readonly title: string;
  /** Which causes it answers, in plain words (shown as "why" on the card). */
  readonly why?: string;
  /** Checks re-run after each step to prove it worked; absent: the checks that asked for this fix. */
  readonly verifies?: readonly CheckId[];
  readonly steps: readonly FixStepView[];
}

export interface StepOutcome {
  readonly ok: boolean;
  readonly message: string;
  /** Set when the step changed something: `fix:undo` with it restores the old state. */
  readonly backupId: string | null;
  /** The re-check after the step, in the same world, so the wizard can show verification. */
  readonly report: HealthReport;
}

export interface UndoOutcome {
  readonly ok: boolean;
  readonly message: string;
}

export const IPC_CHANNELS: readonly IpcChannel[] = [
  'report:get',
  'report:run-check',
  'report:progress',
  'explain:text',
  'fix:start',
  'fix:run-step',
  'fix:undo',
  'history:get',
  'link:open',
  'settings:get',
  'settings:set',
  'servers:get',
  'servers:check',
];

export const SETTINGS_CHANNELS: readonly SettingsChannel[] = ['settings:get', 'settings:set'];
export const HOST_CHANNELS: readonly HostChannel[] = ['link:open', ...SETTINGS_CHANNELS, 'servers:get', 'servers:check'];

export const SERVICE_CHANNELS: readonly ServiceChannel[] = IPC_CHANNELS.filter(
  (c): c is ServiceChannel => !(HOST_CHANNELS as readonly string[]).includes(c),
);

export function isIpcChannel(value: unknown): value is IpcChannel {
  return typeof value === 'string' && (IPC_CHANNELS as readonly string[]).includes(value);
}

export function isServiceChannel(value: unknown): value is ServiceChannel {
  return typeof value === 'string' && (SERVICE_CHANNELS as readonly string[]).includes(value);
}

export function isSettingsChannel(value: unknown): value is SettingsChannel {
  return typeof value === 'string' && (SETTINGS_CHANNELS as readonly string[]).includes(value);
}

/** The Preferences view's door to the settings; both calls reject with a readable message. */
export interface SettingsApi {
  get(): Promise<Settings>;
  /** Resolves with the settings now in force; rejects when the host refused or could not store the change. */
  set(patch: SettingsPatch): Promise<Settings>;
}

/**
 * What the wizard page gets: intent-named methods only. In Electron it is `window.doctor` from the
 * preload; in the browser host a fetch-based object with the same shape (src/renderer/bridge.ts).
 */
export interface DoctorApi {
  getReport(): Promise<HealthReport | null>;
  runCheck(): Promise<HealthReport>;
  /** The run in flight, check by check (null when none runs). */
  getProgress(): Promise<CheckProgress | null>;
  startFix(fixId: FixId): Promise<FixRun>;
  runFixStep(runId: string, stepIndex: number): Promise<StepOutcome>;
  undo(backupId: string): Promise<UndoOutcome>;
  explain(text: string): Promise<ExplainResponse>;
  getHistory(): Promise<readonly HistoryPoint[]>;
  openLink(url: string): Promise<void>;
  /** Reports pushed by the host (monitor, tray "Check Now"); returns the unsubscribe function. */
  onReport(listener: (report: HealthReport) => void): () => void;
  /**
   * The app's preferences. Absent where the host keeps none (`wizard --web` serves no settings):
   * the page then shows no Preferences tab.
   */
  readonly settings?: SettingsApi;
  /** The servers the tray watches. Absent outside the app (`wizard --web`): no Servers tab then. */
  readonly servers?: ServersApi;
}

export interface ServersApi {
  get(): Promise<ServersPayload>;
  check(): Promise<ServersPayload>;
}
