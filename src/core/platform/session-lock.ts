import { openDbus, type DbusConnection } from '../io/dbus.js';
import type { DbusValue } from '../io/dbus-wire.js';
import type { DbusMessage } from '../io/dbus-message.js';

const LOGIN1 = 'org.freedesktop.login1';
const SESSION_IFACE = 'org.freedesktop.login1.Session';
const PROPERTIES = 'org.freedesktop.DBus.Properties';
const BUS = ['org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus'] as const;
/** Screensavers that announce the lock with ActiveChanged(b): GNOME's, and the freedesktop one KDE and others implement. */
const SCREENSAVERS = ['org.gnome.ScreenSaver', 'org.freedesktop.ScreenSaver', 'org.cinnamon.ScreenSaver', 'org.mate.ScreenSaver'];

export interface SessionUnlockOptions {
  readonly systemBus: string;
  readonly sessionBus: string | null;
  /** XDG_SESSION_ID; without it logind is asked for the session of `pid`. */
  readonly sessionId: string | null;
  readonly pid: number;
  readonly onUnlock: () => void;
  readonly timeoutMs?: number;
}

export interface SessionUnlockWatch {
  /** What is being listened to ('logind', 'screensaver'); empty when neither bus answered. */
  readonly sources: readonly string[];
  /** Why a source could not be watched, for the log. */
  readonly problems: readonly string[];
  close(): void;
}

/** `a{sv}` as the wire reader returns it → the value of one property, or undefined. */
function property(changed: DbusValue | undefined, name: string): DbusValue | undefined {
  if (!Array.isArray(changed)) return undefined;
  for (const entry of changed) {
    if (Array.isArray(entry) && entry[0] === name) {
      const variant = entry[1] as { value: DbusValue } | undefined;
      return variant?.value;
    }
  }
  return undefined;
}

/** logind's LockedHint on this session's own object: true then false means the user unlocked. */
async function watchLogind(options: SessionUnlockOptions, timeoutMs: number): Promise<DbusConnection> {
  const bus = await openDbus(options.systemBus, { timeoutMs });
  try {
    const [path] = options.sessionId
      ? await bus.callWithin(timeoutMs, LOGIN1, '/org/freedesktop/login1', `${LOGIN1}.Manager`, 'GetSession', 's', [options.sessionId])
      : await bus.callWithin(timeoutMs, LOGIN1, '/org/freedesktop/login1', `${LOGIN1}.Manager`, 'GetSessionByPID', 'u', [options.pid]);
    if (typeof path !== 'string') throw new Error('logind named no session object');
    await bus.callWithin(timeoutMs, ...BUS, 'AddMatch', 's', [
      `type='signal',sender='${LOGIN1}',path='${path}',interface='${PROPERTIES}',member='PropertiesChanged',arg0='${SESSION_IFACE}'`,
    ]);
    const [initial] = await bus.callWithin(timeoutMs, LOGIN1, path, PROPERTIES, 'Get', 'ss', [SESSION_IFACE, 'LockedHint']);
    let locked = (initial as { value?: DbusValue } | undefined)?.value === true;
    const apply = (value: DbusValue | undefined): void => {
      if (typeof value !== 'boolean') return;
      if (locked && !value) options.onUnlock();
      locked = value;
    };
    bus.onSignal((message: DbusMessage) => {
      if (message.path !== path || message.member !== 'PropertiesChanged' || message.body[0] !== SESSION_IFACE) return;
      const value = property(message.body[1], 'LockedHint');
      if (value !== undefined) return apply(value);
      // Invalidated without a value: ask for it.
      if (Array.isArray(message.body[2]) && message.body[2].includes('LockedHint'))
        void bus
          .callWithin(timeoutMs, LOGIN1, path, PROPERTIES, 'Get', 'ss', [SESSION_IFACE, 'LockedHint'])
          .then(([v]) => apply((v as { value?: DbusValue } | undefined)?.value))
          .catch(() => undefined);
    });
    return bus;
  } catch (error) {
    bus.close();
    throw error;
  }
}

/** The session's screensaver: ActiveChanged(true) when it locks, ActiveChanged(false) when the user is back. */
async function watchScreensaver(address: string, onUnlock: () => void, timeoutMs: number): Promise<DbusConnection> {
  const bus = await openDbus(address, { timeoutMs });
  try {
    for (const name of SCREENSAVERS)
      await bus.callWithin(timeoutMs, ...BUS, 'AddMatch', 's', [`type='signal',interface='${name}',member='ActiveChanged'`]);
    let active = false;
    bus.onSignal((message) => {
      if (message.member !== 'ActiveChanged' || !SCREENSAVERS.includes(message.interface ?? '')) return;
      const now = message.body[0] === true;
      if (active && !now) onUnlock();
      active = now;
    });
    return bus;
  } catch (error) {
    bus.close();
    throw error;
  }
}

/**
 * Linux has no `unlock-screen` from Electron's powerMonitor: listen where desktops announce it,
 * logind's LockedHint on the system bus (GNOME, KDE set it) and the screensaver's ActiveChanged
 * on the session bus (for desktops that never set the hint). Either may fire for one unlock; the
 * monitor merges events that arrive together. Never throws: what could not be watched is named.
 */
export async function watchSessionUnlock(options: SessionUnlockOptions): Promise<SessionUnlockWatch> {
  const timeoutMs = options.timeoutMs ?? 3000;
  const connections: DbusConnection[] = [];
  const sources: string[] = [];
  const problems: string[] = [];
  try {
    connections.push(await watchLogind(options, timeoutMs));
    sources.push('logind');
  } catch (error) {
    problems.push(`logind: ${(error as Error).message}`);
  }
  if (options.sessionBus) {
    try {
      connections.push(await watchScreensaver(options.sessionBus, options.onUnlock, timeoutMs));
      sources.push('screensaver');
    } catch (error) {
      problems.push(`screensaver: ${(error as Error).message}`);
    }
  }
  return {
    sources,
    problems,
    close: () => {
      for (const connection of connections) connection.close();
    },
  };
}
