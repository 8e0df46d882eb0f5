// The wizard's only door to main: intent-named methods over the typed contract. The full bridge
// (startFix, runFixStep, undo, onReport) lands with the wizard; nothing here exposes ipcRenderer.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcChannel, IpcRequest, IpcResponse } from '../shared/ipc.js';

function invoke<C extends IpcChannel>(channel: C, ...args: IpcRequest<C>): Promise<IpcResponse<C>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<IpcResponse<C>>;
}

const api = {
  getReport: () => invoke('report:get'),
  runCheck: () => invoke('report:run-check'),
  explain: (text: string) => invoke('explain:text', text),
};

export type DoctorApi = typeof api;

contextBridge.exposeInMainWorld('doctor', api);
