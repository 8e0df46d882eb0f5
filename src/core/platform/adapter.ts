import type { CommandRunner, FileSystem, NetworkInterfaceInfo } from '../io/ports.js';
import type { Os } from '../io/os.js';
import type { KeychainRead, KeychainState } from '../keychain/types.js';

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
  /** How many `claude` processes of this user are running (each may refresh the shared login); null when unknown. */
  claudeProcesses(timeoutMs: number): Promise<number | null>;
}

/** What an adapter may touch; the composition root passes the real ones, tests pass fakes. */
export interface PlatformDeps {
  readonly runner: CommandRunner;
  readonly fs: FileSystem;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  readonly interfaces: () => readonly NetworkInterfaceInfo[];
  /** Numeric user id, for the D-Bus socket at /run/user/<uid>/bus (Linux); defaults to the process's. */
  readonly uid?: number;
}
