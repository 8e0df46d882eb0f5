/**
 * The app's own secrets (the API key of `use-api-key`) in the OS keychain through keytar:
 * macOS Keychain, the Secret Service on Linux (GNOME Keyring, KWallet, KeePassXC), Windows
 * Credential Manager. Every call returns a typed result and never throws; values travel only as
 * `Secret`, and messages name the store and what to do, never the value.
 */
import type { KeychainState } from './types.js';
import type { Os } from '../io/os.js';
import { withDeadline } from '../io/deadline.js';
import { keytarLoadMessage } from './keytar-load.js';
import { redactText, Secret } from '../redact/redact.js';

export const DEFAULT_SECRET_SERVICE = 'claude-auth-doctor';

export type SecretFailureKind = 'missing' | 'locked' | 'unavailable' | 'error';

export interface SecretFailure {
  readonly kind: SecretFailureKind;
  readonly message: string;
}

export type SecretGetResult = { readonly kind: 'ok'; readonly secret: Secret } | SecretFailure;
/** 'missing' never comes from set. */
export type SecretSetResult = { readonly kind: 'ok' } | SecretFailure;
/** 'missing': there was nothing to delete (and the keyring is not locked). */
export type SecretDeleteResult = { readonly kind: 'ok' } | SecretFailure;

export interface SecretStore {
  readonly service: string;
  get(account: string): Promise<SecretGetResult>;
  set(account: string, value: string | Secret): Promise<SecretSetResult>;
  delete(account: string): Promise<SecretDeleteResult>;
}

/** The three keytar calls we use (keytar 7). */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface SecretStoreOptions {
  readonly service?: string;
  /** Names the store in messages; without it they say "the OS keychain". */
  readonly os?: Os;
  /**
   * Per call. On a desktop a locked keychain shows an unlock prompt and the call waits for the
   * user, so the default is generous; headless callers pass a few seconds. A call that times
   * out keeps running in keytar's worker thread; its late answer is ignored.
   */
  readonly timeoutMs?: number;
  /**
   * Asked when keytar finds nothing or does not answer: libsecret hides the items of a locked
   * collection instead of failing, so only the collection's state tells "locked" from "missing".
   * Pass `platformAdapter.keychainState`.
   */
  readonly keychainState?: (timeoutMs: number) => Promise<KeychainState>;
  /** Loads keytar; the default imports the native module on first use. */
  readonly loadKeytar?: () => Promise<KeytarApi>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const LOCK_CHECK_TIMEOUT_MS = 3_000;

const STORE_NAMES: Record<Os, string> = {
  darwin: 'the macOS keychain',
  linux: 'the Secret Service (GNOME Keyring / KWallet)',
  win32: 'Windows Credential Manager',
};

/** keytar is CommonJS: under ESM its functions sit on `default` (and some on the namespace). */
async function importKeytar(): Promise<KeytarApi> {
  const mod = (await import('keytar')) as unknown as Partial<KeytarApi> & { default?: Partial<KeytarApi> };
  const api = mod.default && typeof mod.default.getPassword === 'function' ? mod.default : mod;
  if (typeof api.getPassword !== 'function' || typeof api.setPassword !== 'function' || typeof api.deletePassword !== 'function') {
    throw new Error('the keytar module does not export getPassword/setPassword/deletePassword');
  }
  return api as KeytarApi;
}

class Timeout extends Error {}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  return withDeadline(work, timeoutMs, () => {
    throw new Timeout();
  });
}

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return redactText(text.trim()).slice(0, 300) || 'no message';
}

const NO_BUS =
  /autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Could not connect|Failed to (open|connect)|Connection refused|Unable to autolaunch/i;
const NO_SERVICE = /org\.freedesktop\.secrets|ServiceUnknown|NameHasNoOwner|not provided by any \.service/i;
const LOCKED = /locked|unlock|interaction is not allowed|-25308|user cancel|canceled|cancelled|dismissed|-128\b/i;

export function createSecretStore(options: SecretStoreOptions = {}): SecretStore {
  const service = options.service ?? DEFAULT_SECRET_SERVICE;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const load = options.loadKeytar ?? importKeytar;
  const store = options.os ? STORE_NAMES[options.os] : 'the OS keychain';
  let keytar: Promise<KeytarApi> | null = null;

  const failure = (kind: SecretFailureKind, message: string): SecretFailure => ({
    kind,
    message: message.charAt(0).toUpperCase() + message.slice(1),
  });

  async function isLocked(): Promise<boolean> {
    if (!options.keychainState) return false;
    try {
      return (await options.keychainState(LOCK_CHECK_TIMEOUT_MS)).kind === 'locked';
    } catch {
      return false;
    }
  }

  type Action = { readonly verb: 'read' | 'save' | 'delete'; readonly account: string };

  function lockedMessage({ verb, account }: Action): string {
    return `${store} is locked, so the "${service}" item for "${account}" cannot be ${verb === 'save' ? 'saved' : verb === 'read' ? 'read' : 'deleted'}. Unlock it (log in again, or unlock it in Keychain Access / Seahorse) and retry.`;
  }

  async function classify(error: unknown, action: Action): Promise<SecretFailure> {
    if (error instanceof Timeout) {
      const late = `${store} did not answer within ${timeoutMs / 1000} s`;
      if (await isLocked()) return failure('locked', `${lockedMessage(action)} (${late}: it is probably waiting on an unlock prompt.)`);
      return failure(
        'unavailable',
        `${late} when asked to ${action.verb} the "${service}" item for "${action.account}"; it may be waiting on a prompt nobody can see (SSH, no desktop session).`,
      );
    }
    const reason = reasonOf(error);
    if (NO_SERVICE.test(reason)) {
      return failure(
        'unavailable',
        `No Secret Service is running on the D-Bus session bus (${reason}). Start GNOME Keyring or KWallet, or keep the key in an environment variable instead.`,
      );
    }
    if (NO_BUS.test(reason)) {
      return failure(
        'unavailable',
        `Cannot reach a D-Bus session bus (${reason}): DBUS_SESSION_BUS_ADDRESS is unset or stale, as is usual over SSH or on a headless machine. Run inside a desktop session, or keep the key in an environment variable instead.`,
      );
    }
    if (LOCKED.test(reason)) return failure('locked', `${lockedMessage(action)} (${reason})`);
    return failure('error', `${store} refused to ${action.verb} the "${service}" item for "${action.account}": ${reason}`);
  }

  async function api(): Promise<KeytarApi | SecretFailure> {
    keytar ??= load();
    try {
      return await keytar;
    } catch (error) {
      keytar = null;
      return failure('unavailable', keytarLoadMessage(reasonOf(error), options.os));
    }
  }

  async function run<T>(action: Action, call: (k: KeytarApi) => Promise<T>): Promise<{ value: T } | SecretFailure> {
    const k = await api();
    if ('kind' in k) return k;
    try {
      return { value: await withTimeout(call(k), timeoutMs) };
    } catch (error) {
      return classify(error, action);
    }
  }

  async function missingOrLocked(action: Action, missing: string): Promise<SecretFailure> {
    return (await isLocked()) ? failure('locked', lockedMessage(action)) : failure('missing', missing);
  }

  return {
    service,

    async get(account) {
      const action: Action = { verb: 'read', account };
      const result = await run(action, (k) => k.getPassword(service, account));
      if ('kind' in result) return result;
      if (result.value === null) return missingOrLocked(action, `${store} has no "${service}" item for "${account}".`);
      return { kind: 'ok', secret: new Secret(result.value) };
    },

    async set(account, value) {
      const text = typeof value === 'string' ? value : value.reveal();
      const result = await run({ verb: 'save', account }, (k) => k.setPassword(service, account, text));
      return 'kind' in result ? result : { kind: 'ok' };
    },

    async delete(account) {
      const action: Action = { verb: 'delete', account };
      const result = await run(action, (k) => k.deletePassword(service, account));
      if ('kind' in result) return result;
      if (!result.value) return missingOrLocked(action, `${store} had no "${service}" item for "${account}" to delete.`);
      return { kind: 'ok' };
    },
  };
}
