import type { KeychainState } from './types.js';
import type { Os } from '../io/os.js';
import { createSecretStore, type KeytarApi, type SecretStore } from './secret-store.js';
import type { SecretItemStore } from './secret-stores.js';

/** Where `use-api-key` keeps the key: the OS keychain (macOS Keychain, Secret Service, Windows Credential Manager). */
export const API_KEY_SERVICE = 'claude-auth-doctor';
export const API_KEY_ACCOUNT = 'anthropic-api-key';

export interface KeytarStoreOptions {
  readonly timeoutMs?: number;
  /** Names the store, and what to install when keytar is missing, for this OS. */
  readonly os?: Os;
  /** Tells a locked keyring from a missing item (libsecret hides a locked collection's items). */
  readonly keychainState?: (timeoutMs: number) => Promise<KeychainState>;
  readonly loadKeytar?: () => Promise<KeytarApi>;
}

/**
 * The fix engine's byte-level view of the app's own keychain items, over the one keytar wrapper
 * (src/core/keychain/secret-store.ts), so both classify locked / missing / unavailable the same way.
 */
export function createKeytarStore(options: KeytarStoreOptions = {}): SecretItemStore {
  const stores = new Map<string, SecretStore>();
  const storeFor = (service: string): SecretStore => {
    let store = stores.get(service);
    if (!store) {
      store = createSecretStore({
        service,
        timeoutMs: options.timeoutMs ?? 10_000,
        ...(options.os ? { os: options.os } : {}),
        ...(options.keychainState ? { keychainState: options.keychainState } : {}),
        ...(options.loadKeytar ? { loadKeytar: options.loadKeytar } : {}),
      });
      stores.set(service, store);
    }
    return store;
  };
  return {
    async read(service, account) {
      const result = await storeFor(service).get(account);
      if (result.kind === 'ok') return { kind: 'found', bytes: Buffer.from(result.secret.reveal(), 'utf8') };
      if (result.kind === 'missing') return { kind: 'not-found' };
      return { kind: result.kind === 'locked' ? 'locked' : 'error', reason: result.message };
    },
    async write(service, account, bytes) {
      const result = await storeFor(service).set(account, bytes.toString('utf8'));
      return result.kind === 'ok' ? { ok: true, note: null } : { ok: false, reason: result.message };
    },
    async delete(service, account) {
      const result = await storeFor(service).delete(account);
      if (result.kind === 'ok') return { ok: true, existed: true };
      if (result.kind === 'missing') return { ok: true, existed: false };
      return { ok: false, reason: result.message };
    },
  };
}
