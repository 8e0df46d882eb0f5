/**
 * A D-Bus service of our own on a private bus (test/helpers/keyring.ts startSessionBus), over the
 * engine's own connection: it owns a well-known name, answers the methods it is given, and emits
 * signals, as logind, a screensaver or a tray host would.
 */
import { openDbus, type DbusConnection } from '../../src/core/io/dbus.js';
import type { DbusValue } from '../../src/core/io/dbus-wire.js';
import { MESSAGE } from '../../src/core/io/dbus-message.js';

export interface Answer {
  readonly signature: string;
  readonly body: DbusValue[];
}

export interface FakeService {
  emit(path: string, iface: string, member: string, signature: string, body: DbusValue[]): void;
  close(): void;
}

/** `methods` keyed "interface.member"; anything else is answered with UnknownMethod. */
export async function serveOnBus(
  address: string,
  name: string,
  methods: Readonly<Record<string, (body: DbusValue[]) => Answer>>,
): Promise<FakeService> {
  const bus: DbusConnection = await openDbus(address, { timeoutMs: 3000 });
  bus.onCall((call) => {
    const handler = methods[`${call.interface ?? ''}.${call.member ?? ''}`];
    const to = { replySerial: call.serial, ...(call.sender ? { destination: call.sender } : {}) };
    if (!handler) {
      bus.send({
        type: MESSAGE.error,
        errorName: 'org.freedesktop.DBus.Error.UnknownMethod',
        signature: 's',
        body: ['no such method'],
        ...to,
      });
      return;
    }
    const answer = handler(call.body);
    bus.send({ type: MESSAGE.reply, signature: answer.signature, body: answer.body, ...to });
  });
  const [owner] = await bus.call('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus', 'RequestName', 'su', [name, 4]);
  if (owner !== 1) throw new Error(`could not own ${name} (RequestName answered ${String(owner)})`);
  return {
    emit: (path, iface, member, signature, body) => bus.send({ type: MESSAGE.signal, path, interface: iface, member, signature, body }),
    close: () => bus.close(),
  };
}

export const FAKE_SESSION_PATH = '/org/freedesktop/login1/session/_32';

/** A logind with one session whose LockedHint the test sets and announces (PropertiesChanged). */
export async function fakeLogind(address: string): Promise<FakeService & { setLocked(locked: boolean): void }> {
  let locked = false;
  const session = (): Answer => ({ signature: 'o', body: [FAKE_SESSION_PATH] });
  const service = await serveOnBus(address, 'org.freedesktop.login1', {
    'org.freedesktop.login1.Manager.GetSession': session,
    'org.freedesktop.login1.Manager.GetSessionByPID': session,
    'org.freedesktop.DBus.Properties.Get': () => ({ signature: 'v', body: [{ signature: 'b', value: locked }] }),
  });
  return {
    ...service,
    setLocked(value) {
      locked = value;
      service.emit(FAKE_SESSION_PATH, 'org.freedesktop.DBus.Properties', 'PropertiesChanged', 'sa{sv}as', [
        'org.freedesktop.login1.Session',
        [['LockedHint', { signature: 'b', value }]],
        [],
      ]);
    },
  };
}
