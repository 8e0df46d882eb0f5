import type { Evidence } from '../../shared/report.js';

export type Os = 'darwin' | 'linux' | 'win32';

/** Maps process.platform to the three supported OSes, once, at the composition root. */
export function resolveOs(platform: string): Os {
  if (platform === 'darwin' || platform === 'linux' || platform === 'win32') return platform;
  throw new Error(`Unsupported platform "${platform}": Claude Auth Doctor runs on macOS, Linux and Windows.`);
}

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

export interface SystemProxy {
  readonly https: string | null;
  readonly http: string | null;
  readonly exceptions: readonly string[];
  readonly pacUrl: string | null;
  readonly source: string;
}

export interface VpnInfo {
  /** Interfaces that look like tunnels (utun, tun, wg, ppp, ipsec, tap), with addresses. */
  readonly interfaces: readonly { readonly name: string; readonly kind: string }[];
  /** Active NetworkManager VPN / WireGuard connections, where NetworkManager exists. */
  readonly connections: readonly string[];
  readonly source: string;
}

/**
 * Everything that differs by OS, chosen once by `resolveOs`. Probes call these and never
 * look at process.platform themselves.
 */
export interface PlatformAdapter {
  readonly os: Os;
  keychainState(timeoutMs: number): Promise<KeychainState>;
  /** Claude Code's credential item in the OS keychain (macOS); 'not-applicable' elsewhere. */
  readClaudeCredentials(service: string, account: string, timeoutMs: number): Promise<KeychainRead>;
  /** OS-level proxy settings (macOS `scutil --proxy`); null where the OS has none to read. */
  systemProxy(timeoutMs: number): Promise<SystemProxy | null>;
  vpn(timeoutMs: number): Promise<VpnInfo>;
}
