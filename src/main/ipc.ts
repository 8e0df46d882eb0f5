// The only main-process file that touches ipcMain: every channel of the contract is served
// through dispatchIpc (sender check + payload validation); events go only to live windows.
import { ipcMain, type WebContents } from 'electron';
import { IPC_CHANNELS, type IpcEvents } from '../shared/ipc.js';
import { dispatchIpc, type IpcHandlers } from './ipc-dispatch.js';

export function serveIpc(handlers: IpcHandlers, pageUrl: () => string): () => void {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      const frame = event.senderFrame;
      const sender = { url: frame?.url, topFrame: frame !== null && frame !== undefined && frame.parent === null };
      return dispatchIpc(channel, sender, args, handlers, pageUrl());
    });
  }
  return () => {
    for (const channel of IPC_CHANNELS) ipcMain.removeHandler(channel);
  };
}

export function sendEvent<E extends keyof IpcEvents>(contents: WebContents | null | undefined, channel: E, payload: IpcEvents[E]): void {
  if (!contents || contents.isDestroyed()) return;
  contents.send(channel, payload);
}
