import { connect, type Socket } from 'node:net';
import { withDeadline } from './deadline.js';
import type { DbusValue } from './dbus-wire.js';
import { decodeMessage, encodeMessage, MESSAGE, messageLength, type DbusMessage, type OutgoingMessage } from './dbus-message.js';

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

/** The system bus: DBUS_SYSTEM_BUS_ADDRESS, else the well-known socket. */
export function systemBusAddress(env: Readonly<Record<string, string | undefined>>): string {
  return env['DBUS_SYSTEM_BUS_ADDRESS']?.trim() || 'unix:path=/var/run/dbus/system_bus_socket';
}

/** An address as it may be shown (the guid is a per-daemon secret-ish token). */
export function shownAddress(address: string): string {
  return address.replace(/,guid=[0-9a-f]+/i, '');
}

/**
 * One authenticated connection to a bus: method calls with their replies, signals, and (for a
 * test's fake service) incoming calls. Every wait is bounded by the caller; a closed or broken
 * connection fails everything pending.
 */
export class DbusConnection {
  private buffer = Buffer.alloc(0);
  private serial = 0;
  private readonly pending = new Map<number, (message: DbusMessage) => void>();
  private readonly signals = new Set<(message: DbusMessage) => void>();
  private readonly calls = new Set<(message: DbusMessage) => void>();
  private failure: Error | null = null;
  private readonly failed = new Set<(error: Error) => void>();

  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('the D-Bus connection closed')));
  }

  get closed(): boolean {
    return this.failure !== null;
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const reject of [...this.failed]) reject(error);
    this.failed.clear();
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
          for (const listener of [...this.signals]) listener(message);
        } else if (message.type === MESSAGE.call) {
          for (const listener of [...this.calls]) listener(message);
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
      const onFail = (error: Error): void => reject(error);
      this.failed.add(onFail);
      executor(
        (value) => {
          this.failed.delete(onFail);
          resolve(value);
        },
        (error) => {
          this.failed.delete(onFail);
          reject(error);
        },
      );
    });
  }

  call(destination: string, path: string, iface: string, member: string, signature?: string, body?: DbusValue[]): Promise<DbusValue[]> {
    return this.guarded((resolve, reject) => {
      const serial = ++this.serial;
      this.pending.set(serial, (message) => {
        if (message.type === MESSAGE.error) reject(new Error(`${message.errorName ?? 'D-Bus error'}: ${String(message.body[0] ?? '')}`));
        else resolve(message.body);
      });
      this.socket.write(encodeMessage(serial, { destination, path, interface: iface, member, signature, body }));
    });
  }

  /** `call`, failing with a message naming the service when no answer comes within `timeoutMs`. */
  callWithin(
    timeoutMs: number,
    destination: string,
    path: string,
    iface: string,
    member: string,
    signature?: string,
    body?: DbusValue[],
  ): Promise<DbusValue[]> {
    return withDeadline(this.call(destination, path, iface, member, signature, body), timeoutMs, () => {
      throw new Error(`${destination} did not answer ${member} within ${timeoutMs} ms`);
    });
  }

  /** Sends without waiting for an answer (signals, and a fake service's replies). */
  send(message: OutgoingMessage): void {
    if (!this.failure) this.socket.write(encodeMessage(++this.serial, message));
  }

  /** Resolves with the body of the first signal that matches. */
  waitFor(match: (message: DbusMessage) => boolean): Promise<DbusValue[]> {
    return this.guarded((resolve) => {
      const listener = (message: DbusMessage): void => {
        if (!match(message)) return;
        this.signals.delete(listener);
        resolve(message.body);
      };
      this.signals.add(listener);
    });
  }

  /** Every signal from now on; returns the unsubscribe function. */
  onSignal(listener: (message: DbusMessage) => void): () => void {
    this.signals.add(listener);
    return () => this.signals.delete(listener);
  }

  /** Method calls addressed to this connection (a service's side). */
  onCall(listener: (message: DbusMessage) => void): () => void {
    this.calls.add(listener);
    return () => this.calls.delete(listener);
  }

  /** Settles when the connection breaks or is closed. */
  whenClosed(): Promise<Error> {
    return new Promise((resolve) => {
      if (this.failure) return resolve(this.failure);
      this.failed.add(resolve);
    });
  }

  close(): void {
    this.fail(new Error('the D-Bus connection was closed'));
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

/** Connects, authenticates and says Hello; the handshake is bounded by `timeoutMs`. */
export async function openDbus(address: string, options: { readonly timeoutMs: number; readonly uid?: number }): Promise<DbusConnection> {
  const path = socketPath(address);
  if (!path) throw new Error(`the D-Bus address "${shownAddress(address)}" is not a unix socket`);
  const uid = options.uid ?? process.getuid?.() ?? 0;
  const socket = connect({ path });
  socket.on('error', () => undefined);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the D-Bus daemon at ${shownAddress(address)} did not accept the connection`)),
        options.timeoutMs,
      );
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    await authenticate(socket, uid, options.timeoutMs);
    const connection = new DbusConnection(socket);
    try {
      await connection.callWithin(options.timeoutMs, 'org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus', 'Hello');
    } catch (error) {
      connection.close();
      throw error;
    }
    return connection;
  } catch (error) {
    socket.destroy();
    throw error;
  }
}
