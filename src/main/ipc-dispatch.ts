import { IPC_CHANNELS, type IpcChannel, type IpcRequest, type IpcResponse } from '../shared/ipc.js';
import { validateRequest } from '../shared/ipc-validate.js';
import { isTrustedSender } from './security.js';

/** One handler per channel of the contract; the compiler refuses a missing one. */
export type IpcHandlers = { [C in IpcChannel]: (...args: IpcRequest<C>) => Promise<Awaited<IpcResponse<C>>> };

export interface SenderInfo {
  readonly url: string | null | undefined;
  readonly topFrame: boolean;
}

/** Refused IPC calls reject with this; its message names the channel and the reason, never the payload. */
export class IpcRefused extends Error {}

/**
 * Every IPC call goes through here: the sender must be the app's own wizard page (top frame),
 * the payload must pass the contract's run-time validation, then the handler runs.
 */
export async function dispatchIpc<C extends IpcChannel>(
  channel: C,
  sender: SenderInfo,
  args: unknown[],
  handlers: IpcHandlers,
  pageUrl: string,
): Promise<Awaited<IpcResponse<C>>> {
  if (!IPC_CHANNELS.includes(channel)) throw new IpcRefused(`unknown channel`);
  if (!isTrustedSender(sender.url, pageUrl, sender.topFrame))
    throw new IpcRefused(`${channel}: refused, the sender is not the wizard page`);
  const checked = validateRequest(channel, args);
  if (!checked.ok) throw new IpcRefused(checked.error);
  const handler = handlers[channel] as (...a: IpcRequest<C>) => Promise<Awaited<IpcResponse<C>>>;
  return handler(...checked.args);
}
