// The wizard's only door to main: intent-named methods over the typed contract. Nothing here
// exposes ipcRenderer or a generic invoke; main checks the sender and validates every payload.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DoctorApi, IpcChannel, IpcEvents, IpcRequest, IpcResponse } from '../shared/ipc.js';
import type { HealthReport } from '../shared/report.js';

function invoke<C extends IpcChannel>(channel: C, ...args: IpcRequest<C>): Promise<Awaited<IpcResponse<C>>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<Awaited<IpcResponse<C>>>;
}

function on<E extends keyof IpcEvents>(event: E, listener: (payload: IpcEvents[E]) => void): () => void {
  const wrapped = (_event: IpcRendererEvent, payload: IpcEvents[E]): void => listener(payload);
  ipcRenderer.on(event, wrapped);
  return () => {
    ipcRenderer.removeListener(event, wrapped);
  };
}

const api: DoctorApi = {
  getReport: () => invoke('report:get'),
  runCheck: () => invoke('report:run-check'),
  getProgress: () => invoke('report:progress'),
  startFix: (fixId) => invoke('fix:start', fixId),
  runFixStep: (runId, stepIndex) => invoke('fix:run-step', runId, stepIndex),
  undo: (backupId) => invoke('fix:undo', backupId),
  explain: (text) => invoke('explain:text', text),
  getHistory: () => invoke('history:get'),
  openLink: (url) => invoke('link:open', url),
  onReport: (listener: (report: HealthReport) => void) => on('report:changed', listener),
  // Main always keeps the app's settings (electron-store), so the window always has Preferences.
  settings: {
    get: () => invoke('settings:get'),
    set: (patch) => invoke('settings:set', patch),
  },
  servers: {
    get: () => invoke('servers:get'),
    check: () => invoke('servers:check'),
  },
};

contextBridge.exposeInMainWorld('doctor', api);
