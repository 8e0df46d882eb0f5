import { connect, type Socket } from 'node:net';
import { decodeMessage, encodeCall, MESSAGE, messageLength, type DbusMessage, type DbusValue } from './dbus-wire.js';
import { withDeadline } from '../io/deadline.js';

export type UnlockResult =
  | { readonly kind: 'unlocked'; readonly prompted: boolean }
  | { readonly kind: 'dismissed' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'error'; readonly reason: string };

const SECRETS = 'org.freedesktop.secrets';
const DEFAULT_COLLECTION = '/org/freedesktop/secrets/aliases/default';

/** `unix:path=/run/user/1000/bus` or `unix:abstract=/tmp/dbus-x,guid=…` → a socket path for net.connect. */
export function socketPath(address: string): string | null {
  for (const candidate of address.split(';')) {
    const [transport, params = ''] = candidate.split(/:(.*)/s);
    if (transport !== 'unix') continue;
    const pairs = new Map(params.split(',').map((kv) => kv.split(/=(.*)/s) as [string, string]));
    const path = pairs.get('path');
    if (path) return decodeURIComponent(path);
    const abstract = pairs.get('abstract');
    if (abstract) return `\0${decodeURIComponent(abstract)}`;
  }
  return null;
}

class Connection {
  private buffer = Buffer.alloc(0);
  private serial = 0;
  private readonly pending = new Map<number, (message: DbusMessage) => void>();
  private readonly signals: ((message: DbusMessage) => void)[] = [];
  private failure: Error | null = null;
  private readonly failed: ((error: Error) => void)[] = [];

  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('the D-Bus connection closed')));
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const reject of this.failed.splice(0)) reject(error);
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    try {
      for (let length = messageLength(this.buffer); length !== null; length = messageLength(this.buffer)) {
        const message = decodeMessage(this.buffer.subarray(0, length));
        this.buffer = this.buffer.subarray(length);
        if ((message.type === MESSAGE.reply || message.type === MESSAGE.error) && message.replySerial !== null) {
          this.pending.get(message.replySerial)?.(message);
          this.pending.delete(message.replySerial);
        } else if (message.type === MESSAGE.signal) {
          for (const listener of this.signals) listener(message);
        }
      }
    } catch (error) {
      this.fail(error as Error);
      this.socket.destroy();
    }
  }

  private guarded<T>(executor: (resolve: (value: T) => void, reject: (error: Error) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.failed.push(reject);
      executor(resolve, reject);
    });
  }

  call(destination: string, path: string, iface: string, member: string, signature?: string, body?: DbusValue[]): Promise<DbusValue[]> {
    return this.guarded((resolve, reject) => {
      const serial = ++this.serial;
      this.pending.set(serial, (message) => {
        if (message.type === MESSAGE.error) reject(new Error(`${message.errorName ?? 'D-Bus error'}: ${String(message.body[0] ?? '')}`));
        else resolve(message.body);
      });
      this.socket.write(encodeCall(serial, { destination, path, interface: iface, member, signature, body }));
    });
  }

  /** Resolves with the body of the first signal that matches. */
  waitFor(match: (message: DbusMessage) => boolean): Promise<DbusValue[]> {
    return this.guarded((resolve) => {
      this.signals.push((message) => {
        if (match(message)) resolve(message.body);
      });
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

/** SASL EXTERNAL: the kernel vouches for our uid; nothing secret is sent. */
function authenticate(socket: Socket, uid: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('the D-Bus daemon did not answer the handshake')), timeoutMs);
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('ascii');
      if (!text.includes('\r\n')) return;
      socket.off('data', onData);
      clearTimeout(timer);
      if (text.startsWith('OK ')) {
        socket.write('BEGIN\r\n');
        resolve();
      } else reject(new Error(`the D-Bus daemon refused the handshake (${text.trim().slice(0, 80)})`));
    };
    socket.on('data', onData);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.write(`\0AUTH EXTERNAL ${Buffer.from(String(uid), 'ascii').toString('hex')}\r\n`);
  });
}

function within<T>(work: Promise<T>, timeoutMs: number, onTimeout: T): Promise<T> {
  return withDeadline(work, timeoutMs, () => onTimeout);
}

/**
 * Asks the Secret Service to unlock the default collection: Unlock, then Prompt on the returned
 * prompt, then waits for Completed. The desktop (GNOME Keyring, KWallet) shows its own password
 * dialog; the password never passes through this process.
 */
export async function unlockSecretService(
  busAddress: string,
  options: { readonly promptTimeoutMs: number; readonly uid?: number },
): Promise<UnlockResult> {
  const path = socketPath(busAddress);
  if (!path) return { kind: 'error', reason: `the D-Bus address "${busAddress.replace(/,guid=[0-9a-f]+/i, '')}" is not a unix socket` };
  const uid = options.uid ?? process.getuid?.() ?? 0;
  const socket = connect({ path });
  socket.on('error', () => undefined);
  let connection: Connection | null = null;
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    await authenticate(socket, uid, 3000);
    connection = new Connection(socket);
    await connection.call('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus', 'Hello');
    await connection.call('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus', 'AddMatch', 's', [
      "type='signal',interface='org.freedesktop.Secret.Prompt',member='Completed'",
    ]);
    const [, prompt] = await connection.call(SECRETS, '/org/freedesktop/secrets', 'org.freedesktop.Secret.Service', 'Unlock', 'ao', [
      [DEFAULT_COLLECTION],
    ]);
    if (prompt === '/' || typeof prompt !== 'string') return { kind: 'unlocked', prompted: false };
    const completed = connection.waitFor((m) => m.path === prompt && m.member === 'Completed');
    await connection.call(SECRETS, prompt, 'org.freedesktop.Secret.Prompt', 'Prompt', 's', ['']);
    const result = await within(completed, options.promptTimeoutMs, null);
    if (result === null) return { kind: 'timeout' };
    return result[0] === true ? { kind: 'dismissed' } : { kind: 'unlocked', prompted: true };
  } catch (error) {
    return { kind: 'error', reason: (error as Error).message };
  } finally {
    connection?.close();
    socket.destroy();
  }
}
