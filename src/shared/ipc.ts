import type { FixId, HealthReport } from './report.js';

/**
 * The one IPC contract between Electron main and the wizard. Every channel's request and
 * response types live here; main's handlers and the preload's methods are derived from it, so a
 * channel cannot exist on one side only. Payloads cross a trust boundary: main validates them
 * at run time (see `validators`), and responses never carry secrets.
 */
export interface IpcContract {
  'report:get': () => HealthReport | null;
  'report:run-check': () => HealthReport;
  'explain:text': (text: string) => ExplainResponse;
  'fix:start': (fixId: FixId) => FixSession;
  'fix:run-step': (sessionId: string, stepIndex: number) => StepOutcome;
  'fix:undo': (backupId: string) => UndoOutcome;
  'history:get': () => readonly HistoryPoint[];
}

/** One point of the 24 h health strip: a report's overall state, and the event that led to it. */
export interface HistoryPoint {
  readonly at: string;
  readonly overall: HealthReport['overall'];
  readonly event: 'start' | 'timer' | 'wake' | 'unlock-screen' | 'network' | 'file' | 'expiry' | 'incident' | 'manual' | 'fix';
  readonly note: string;
}

/** The engine behind the contract: Electron main and the web host both serve this object. */
export type DoctorService = { [C in IpcChannel]: (...args: IpcRequest<C>) => Promise<Awaited<IpcResponse<C>>> };

/** Events main pushes to the renderer. */
export interface IpcEvents {
  'report:changed': HealthReport;
}

export type IpcChannel = keyof IpcContract;
export type IpcRequest<C extends IpcChannel> = Parameters<IpcContract[C]>;
export type IpcResponse<C extends IpcChannel> = ReturnType<IpcContract[C]>;

export interface ExplainResponse {
  readonly matches: readonly {
    readonly id: string;
    readonly title: string;
    readonly meaning: string;
    readonly severity: 'low' | 'medium' | 'high';
    readonly fixes: readonly FixId[];
  }[];
}

export interface FixSession {
  readonly sessionId: string;
  readonly fixId: FixId;
  readonly title: string;
  readonly steps: readonly {
    readonly kind: 'info' | 'run' | 'user-action' | 'link';
    readonly title: string;
    readonly detail: string;
    readonly command?: string;
    readonly url?: string;
  }[];
}

export interface StepOutcome {
  readonly ok: boolean;
  readonly message: string;
  readonly backupId: string | null;
  readonly report: HealthReport;
}

export interface UndoOutcome {
  readonly ok: boolean;
  readonly message: string;
}

export const IPC_CHANNELS: readonly IpcChannel[] = ['report:get', 'report:run-check', 'explain:text', 'fix:start', 'fix:run-step', 'fix:undo', 'history:get'];

export function isIpcChannel(value: unknown): value is IpcChannel {
  return typeof value === 'string' && (IPC_CHANNELS as readonly string[]).includes(value);
}
