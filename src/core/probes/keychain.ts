import type { CheckOutcome, Probe, ProbeInput } from './probe.js';
import type { KeychainState } from '../keychain/types.js';

/** A hung securityd must not hold the check: two seconds is plenty for a healthy one. */
const KEYCHAIN_TIMEOUT_MS = 2000;

const MAC_UNLOCK = 'security unlock-keychain ~/Library/Keychains/login.keychain-db';

function outcomeFor(state: KeychainState, os: string): CheckOutcome {
  switch (state.kind) {
    case 'unlocked':
      return {
        status: 'ok',
        summary: os === 'darwin' ? 'Login keychain unlocked' : 'Secret Service unlocked',
        evidence: { store: state.store, ...state.evidence },
      };
    case 'locked':
      if (os === 'darwin') {
        return {
          status: 'fail',
          summary: 'Login keychain locked',
          cause:
            'The macOS login keychain is locked: it locks after sleep or its idle timeout, and a session over SSH starts with it locked. ' +
            'While it is locked Claude Code cannot read its login and says "Not logged in · Please run /login" or "User interaction is not allowed". ' +
            `Unlock it with: ${MAC_UNLOCK}`,
          fixes: ['unlock-keychain'],
          evidence: { store: state.store, ...state.evidence },
        };
      }
      return {
        status: 'warn',
        summary: 'Secret Service keyring locked',
        cause:
          'The default Secret Service keyring is locked. Claude Code keeps its login in ~/.claude/.credentials.json on Linux, so it is not affected, ' +
          "but other tools and this app's own stored API key use the Secret Service. Unlock it from your desktop's keyring app (Passwords and Keys / Seahorse, KWallet) or log in again.",
        fixes: ['unlock-keychain'],
        evidence: { store: state.store, ...state.evidence },
      };
    case 'unavailable':
      return {
        status: 'skip',
        summary: `No ${state.store} to check: ${state.reason}`,
        cause: null,
        evidence: { store: state.store, reason: state.reason, ...state.evidence },
      };
    case 'unsupported':
      return { status: 'skip', summary: `Not checked: ${state.reason}`, cause: null, evidence: { reason: state.reason } };
    case 'error':
      return {
        status: 'unknown',
        summary: `Could not tell whether the ${state.store} is locked`,
        cause: `Checking the ${state.store} failed: ${state.reason}. Run the check again; if it keeps failing, log out and back in.`,
        evidence: { store: state.store, reason: state.reason, ...state.evidence },
      };
  }
}

export const keychainProbe: Probe = {
  id: 'keychain',
  title: 'Keychain',
  touches:
    "macOS: `security show-keychain-info` on the login keychain; Linux: reads the Secret Service collection's Locked property over D-Bus (`dbus-send`); Windows: nothing. Never unlocks.",
  offline: 'run',
  async run(ctx: ProbeInput): Promise<CheckOutcome> {
    const timeoutMs = Math.max(200, Math.min(KEYCHAIN_TIMEOUT_MS, ctx.options.timeoutMs - 200));
    try {
      const state = await ctx.platform.keychainState(timeoutMs);
      return { ...outcomeFor(state, ctx.platform.os), facts: { keychain: { state: state.kind } } };
    } catch (error) {
      return {
        status: 'unknown',
        summary: 'Could not check the keychain',
        cause: `Checking the keychain failed unexpectedly: ${(error as Error).message}`,
        evidence: {},
        facts: { keychain: { state: 'error' } },
      };
    }
  },
};
