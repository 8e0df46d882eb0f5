import { openDbus, shownAddress, socketPath, type DbusConnection } from '../io/dbus.js';
import { withDeadline } from '../io/deadline.js';

export type UnlockResult =
  | { readonly kind: 'unlocked'; readonly prompted: boolean }
  | { readonly kind: 'dismissed' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'error'; readonly reason: string };

const SECRETS = 'org.freedesktop.secrets';
const DEFAULT_COLLECTION = '/org/freedesktop/secrets/aliases/default';

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
  if (!socketPath(busAddress)) return { kind: 'error', reason: `the D-Bus address "${shownAddress(busAddress)}" is not a unix socket` };
  let connection: DbusConnection | null = null;
  try {
    connection = await openDbus(busAddress, { timeoutMs: 3000, ...(options.uid !== undefined ? { uid: options.uid } : {}) });
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
  }
}
