/**
 * The two keychains the fix engine touches: Claude Code's login item in the macOS keychain
 * (through /usr/bin/security) and the app's own API key item (through keytar). Both read, write
 * and delete raw bytes; the bytes never reach a message, a manifest or a command line.
 */
export type SecretStoreName = 'macos-keychain' | 'keytar';

export type SecretRead =
  | { readonly kind: 'found'; readonly bytes: Buffer }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'locked'; readonly reason: string }
  | { readonly kind: 'error'; readonly reason: string };

export type SecretWrite = { readonly ok: true; readonly note: string | null } | { readonly ok: false; readonly reason: string };

export type SecretDelete = { readonly ok: true; readonly existed: boolean } | { readonly ok: false; readonly reason: string };

export interface SecretItemStore {
  read(service: string, account: string): Promise<SecretRead>;
  write(service: string, account: string, bytes: Buffer): Promise<SecretWrite>;
  delete(service: string, account: string): Promise<SecretDelete>;
}

export type SecretStores = Readonly<Partial<Record<SecretStoreName, SecretItemStore>>>;
