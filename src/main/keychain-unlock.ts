// The tray's "Unlock Keychain": macOS shows its own unlock prompt when the app touches a keychain
// item; on a Linux desktop the Secret Service's Unlock shows the keyring's prompt. The app never
// sees the password. Afterwards the keychain is checked again.
import type { Os } from '../core/io/os.js';
import { unlockSecretService } from '../core/keychain/secret-service-unlock.js';
import { createSecretStore } from '../core/keychain/secret-store.js';
import type { Logger } from '../core/log/logger.js';

const PROMPT_TIMEOUT_MS = 120_000;

export function keychainUnlocker(input: {
  readonly os: Os;
  /** The desktop session's D-Bus address (DBUS_SESSION_BUS_ADDRESS), if any. */
  readonly sessionBus: string | undefined;
  readonly log: Logger;
  readonly afterUnlock: () => void;
}): () => Promise<void> {
  return async () => {
    if (input.os === 'darwin') await createSecretStore({ os: input.os }).get('unlock-probe');
    if (input.os === 'linux' && input.sessionBus) {
      const result = await unlockSecretService(input.sessionBus, { promptTimeoutMs: PROMPT_TIMEOUT_MS });
      input.log.info('keyring unlock', { result: result.kind });
    }
    input.afterUnlock();
  };
}
