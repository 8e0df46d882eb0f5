import type { NetworkInterfaceInfo } from '../io/ports.js';
import type { PlatformAdapter, SystemProxy, VpnInfo } from './adapter.js';
import type { PlatformDeps } from './adapter.js';
import { countClaudeProcesses } from './claude-processes.js';

const INTERNET_SETTINGS = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';

/**
 * Windows names adapters by connection ("Ethernet 2") or by the VPN product that created them,
 * so the product names are what can be matched.
 */
const VPN_NAMES: readonly [RegExp, string][] = [
  [/wireguard|^wg\d/i, 'wireguard'],
  [/tailscale/i, 'tailscale'],
  [/zerotier/i, 'zerotier'],
  [/openvpn|wintun/i, 'openvpn'],
  [/\btap\b/i, 'tap'],
  [/vpn|anyconnect|globalprotect|pangp|forti|nordlynx/i, 'vpn'],
];

export function win32VpnInterfaces(interfaces: readonly NetworkInterfaceInfo[]): VpnInfo['interfaces'] {
  const found: { name: string; kind: string }[] = [];
  for (const info of interfaces) {
    const kind = VPN_NAMES.find(([pattern]) => pattern.test(info.name))?.[1];
    if (kind !== undefined) found.push({ name: info.name, kind });
  }
  return found;
}

/** Values from `reg query <key>`: lines of `    Name    REG_TYPE    data`. */
function regValues(stdout: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^\s+(\S+)\s+REG_\w+\s+(.*)$/.exec(line);
    if (match?.[1] !== undefined) values.set(match[1], (match[2] ?? '').trim());
  }
  return values;
}

function asUrl(hostPort: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(hostPort) ? hostPort : `http://${hostPort}`;
}

/**
 * The per-user proxy browsers and WinINet use (Settings → Network → Proxy). `ProxyServer` is
 * either `host:port` for every scheme or `http=host:port;https=host:port;…`.
 */
export function parseInternetSettings(stdout: string): SystemProxy {
  const values = regValues(stdout);
  const enabled = /^0x0*1$/i.test(values.get('ProxyEnable') ?? '');
  const server = enabled ? (values.get('ProxyServer') ?? '') : '';
  let http: string | null = null;
  let https: string | null = null;
  if (server.includes('=')) {
    for (const part of server.split(';')) {
      const [scheme, target] = part.split('=');
      if (!target) continue;
      if (scheme?.trim().toLowerCase() === 'http') http = asUrl(target.trim());
      if (scheme?.trim().toLowerCase() === 'https') https = asUrl(target.trim());
    }
  } else if (server.trim()) {
    http = https = asUrl(server.trim());
  }
  const exceptions = enabled
    ? (values.get('ProxyOverride') ?? '')
        .split(';')
        .map((item) => item.trim())
        .filter((item) => item.length > 0)
    : [];
  const pacUrl = values.get('AutoConfigURL') || null;
  return { https, http, exceptions, pacUrl, source: 'registry (Internet Settings)' };
}

export function createWin32Adapter(deps: PlatformDeps): PlatformAdapter {
  return {
    os: 'win32',

    async keychainState() {
      return { kind: 'unsupported', reason: 'Windows Credential Manager has no lock state Claude Code depends on' };
    },

    async readClaudeCredentials() {
      return { kind: 'not-applicable' };
    },

    async systemProxy(timeoutMs: number): Promise<SystemProxy | null> {
      const result = await deps.runner.run('reg', ['query', INTERNET_SETTINGS], { timeoutMs, maxBytes: 256 * 1024 });
      return result.code === 0 ? parseInternetSettings(result.stdout) : null;
    },

    async vpn(): Promise<VpnInfo> {
      return { interfaces: win32VpnInterfaces(deps.interfaces()), connections: [], source: 'interfaces' };
    },

    claudeProcesses(timeoutMs: number): Promise<number | null> {
      return countClaudeProcesses('win32', deps, timeoutMs);
    },
  };
}
