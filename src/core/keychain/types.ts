import type { Evidence } from '../../shared/report.js';

export type KeychainState =
  | { readonly kind: 'unlocked'; readonly store: string; readonly evidence: Evidence }
  | { readonly kind: 'locked'; readonly store: string; readonly evidence: Evidence }
  /** No secret store at all (no D-Bus session, no Secret Service): not an error for Claude Code on Linux. */
  | { readonly kind: 'unavailable'; readonly store: string; readonly reason: string; readonly evidence: Evidence }
  | { readonly kind: 'unsupported'; readonly reason: string }
  | { readonly kind: 'error'; readonly store: string; readonly reason: string; readonly evidence: Evidence };

/** The result of reading Claude Code's own keychain item; the secret never leaves core unwrapped. */
export type KeychainRead =
  | { readonly kind: 'found'; readonly text: string; readonly evidence: Evidence }
  | { readonly kind: 'not-found'; readonly evidence: Evidence }
  | { readonly kind: 'locked'; readonly evidence: Evidence }
  | { readonly kind: 'not-applicable' }
  | { readonly kind: 'error'; readonly reason: string; readonly evidence: Evidence };
