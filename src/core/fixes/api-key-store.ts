import { redactText } from '../redact.js';
import type { SecretItemStore } from './secret-stores.js';

/** Where `use-api-key` keeps the key: the OS keychain (macOS Keychain, Secret Service, Windows Credential Manager). */
export const API_KEY_SERVICE = 'claude-auth-doctor';
export const API_KEY_ACCOUNT = 'anthropic-api-key';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** keytar is a native module: loaded on first use, so commands that never need it never load it. */
async function loadKeytar(): Promise<Keytar> {
  const mod = (await import('keytar')) as unknown as { default?: Keytar } & Partial<Keytar>;
  const keytar = mod.default ?? (mod as Keytar);
  if (typeof keytar.getPassword !== 'function') throw new Error('the keytar module has no getPassword');
  return keytar;
}

/** A locked keyring can make the Secret Service wait on a prompt nobody sees (SSH): never wait forever. */
function withTimeout<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${timeoutMs / 1000} s (is the keychain locked, waiting on a prompt?)`)),
      timeoutMs,
    );
    timer.unref?.();
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function reason(error: unknown): string {
  return redactText(error instanceof Error ? error.message : String(error)).slice(0, 300);
}

const LOCKED = /locked|unlock|prompt|dismissed|cancel/i;

/**
 * The OS keychain through keytar, as raw bytes (UTF-8 text). keytar finds the Secret Service
 * through DBUS_SESSION_BUS_ADDRESS at call time; without one it fails, and the message says so.
 */
export function createKeytarStore(options: { timeoutMs?: number; load?: () => Promise<Keytar> } = {}): SecretItemStore {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const load = options.load ?? loadKeytar;
  return {
    async read(service, account) {
      try {
        const keytar = await load();
        const value = await withTimeout(keytar.getPassword(service, account), timeoutMs, 'The keychain');
        return value === null ? { kind: 'not-found' } : { kind: 'found', bytes: Buffer.from(value, 'utf8') };
      } catch (error) {
        const why = reason(error);
        return LOCKED.test(why) ? { kind: 'locked', reason: why } : { kind: 'error', reason: why };
      }
    },
    async write(service, account, bytes) {
      try {
        const keytar = await load();
        await withTimeout(keytar.setPassword(service, account, bytes.toString('utf8')), timeoutMs, 'The keychain');
        return { ok: true, note: null };
      } catch (error) {
        return { ok: false, reason: reason(error) };
      }
    },
    async delete(service, account) {
      try {
        const keytar = await load();
        return { ok: true, existed: await withTimeout(keytar.deletePassword(service, account), timeoutMs, 'The keychain') };
      } catch (error) {
        return { ok: false, reason: reason(error) };
      }
    },
  };
}
