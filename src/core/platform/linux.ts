import type { EvidenceValue } from '../../shared/report.js';
import type { CommandResult, NetworkInterfaceInfo } from '../io/ports.js';
import { redactText } from '../redact/redact.js';
import type { PlatformAdapter, VpnInfo } from './adapter.js';
import type { KeychainState } from '../keychain/types.js';
import type { PlatformDeps } from './adapter.js';
import { countClaudeProcesses } from './claude-processes.js';

const STORE = 'Secret Service';
const SECRETS = 'org.freedesktop.secrets';
const DEFAULT_ALIAS = '/org/freedesktop/secrets/aliases/default';
const LOGIN_COLLECTION = '/org/freedesktop/secrets/collection/login';
const NO_DBUS_SEND = 'dbus-send is not installed (package dbus-bin on Debian/Ubuntu, dbus on Fedora/Arch)';

/** How one dbus-send call ended, in the terms the keychain state needs. */
type BusReply =
  | { readonly kind: 'ok'; readonly stdout: string }
  | { readonly kind: 'no-object' }
  | { readonly kind: 'unavailable'; readonly reason: string }
  | { readonly kind: 'error'; readonly reason: string };

function firstLine(text: string): string {
  return redactText(text.trim().split(/\r?\n/)[0] ?? '').slice(0, 300);
}

export function classifyBusReply(result: CommandResult): BusReply {
  if (result.spawnError === 'ENOENT') return { kind: 'unavailable', reason: NO_DBUS_SEND };
  if (result.spawnError !== null) return { kind: 'error', reason: `could not run dbus-send (${result.spawnError})` };
  const stderr = result.stderr;
  if (result.timedOut || /DBus\.Error\.(NoReply|Timeout)/.test(stderr)) {
    return { kind: 'error', reason: 'the Secret Service did not answer in time (its daemon may be hung or waiting on a prompt)' };
  }
  if (result.code === 0) return { kind: 'ok', stdout: result.stdout };
  if (/Failed to open connection|Failed to connect to socket|Unable to autolaunch/i.test(stderr)) {
    return {
      kind: 'unavailable',
      reason: `cannot connect to the D-Bus session bus (${firstLine(stderr)}); a stale DBUS_SESSION_BUS_ADDRESS is common in SSH and tmux sessions`,
    };
  }
  if (/DBus\.Error\.(ServiceUnknown|NameHasNoOwner)/.test(stderr)) {
    return { kind: 'unavailable', reason: 'no Secret Service (GNOME Keyring, KWallet, KeePassXC) is running on the D-Bus session' };
  }
  if (/DBus\.Error\.(UnknownObject|UnknownMethod|UnknownInterface)|Secret\.Error\.NoSuchObject/.test(stderr)) return { kind: 'no-object' };
  return { kind: 'error', reason: `dbus-send exited with code ${String(result.code)}: ${firstLine(stderr)}` };
}

/** `variant       boolean true` (Properties.Get) or `   boolean true` (NameHasOwner). */
export function parseBusBoolean(stdout: string): boolean | null {
  const match = /\bboolean\s+(true|false)\b/.exec(stdout);
  return match ? match[1] === 'true' : null;
}

/** Splits one `nmcli -t` line on unescaped colons; nmcli escapes `:` and `\` in values with `\`. */
export function splitNmcliLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\' && i + 1 < line.length) {
      current += line[i + 1];
      i++;
    } else if (ch === ':') {
      fields.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  fields.push(current);
  return fields;
}

/** Active VPN/WireGuard connections from `nmcli -t -f NAME,TYPE,DEVICE connection show --active`. */
export function parseNmcliActive(stdout: string): string[] {
  const names: string[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const [name, type] = splitNmcliLine(line);
    if (name && (type === 'vpn' || type === 'wireguard')) names.push(name);
  }
  return names;
}

const TUNNELS: readonly [RegExp, string][] = [
  [/^tun\d*$/, 'tun'],
  [/^tap\d*$/, 'tap'],
  [/^wg/, 'wireguard'],
  [/^ppp\d*$/, 'ppp'],
  [/^ipsec/, 'ipsec'],
  [/^tailscale/, 'tailscale'],
  [/^zt/, 'zerotier'],
];

export function linuxVpnInterfaces(interfaces: readonly NetworkInterfaceInfo[]): VpnInfo['interfaces'] {
  const found: { name: string; kind: string }[] = [];
  for (const info of interfaces) {
    const kind = TUNNELS.find(([pattern]) => pattern.test(info.name))?.[1];
    if (kind !== undefined) found.push({ name: info.name, kind });
  }
  return found;
}

export function createLinuxAdapter(deps: PlatformDeps): PlatformAdapter {
  const uid = deps.uid ?? process.getuid?.();

  async function busAddress(): Promise<string | null> {
    const fromEnv = deps.env['DBUS_SESSION_BUS_ADDRESS']?.trim();
    if (fromEnv) return fromEnv;
    if (uid === undefined) return null;
    const socket = `/run/user/${uid}/bus`;
    return (await deps.fs.exists(socket)) ? `unix:path=${socket}` : null;
  }

  return {
    os: 'linux',

    async keychainState(timeoutMs: number): Promise<KeychainState> {
      const address = await busAddress();
      if (address === null) {
        return {
          kind: 'unavailable',
          store: STORE,
          reason: 'no D-Bus session (typical over SSH or on a headless machine)',
          evidence: { busAddress: null },
        };
      }
      // Up to three calls in sequence; each gets a third of the budget.
      const callMs = Math.max(300, Math.floor(timeoutMs / 3));
      const env = { ...deps.env, DBUS_SESSION_BUS_ADDRESS: address };
      const send = (dest: string, path: string, method: string, ...args: string[]): Promise<CommandResult> =>
        deps.runner.run(
          'dbus-send',
          ['--session', '--print-reply', `--reply-timeout=${Math.max(100, callMs - 100)}`, `--dest=${dest}`, path, method, ...args],
          { timeoutMs: callMs, env, maxBytes: 64 * 1024 },
        );
      const evidence: Record<string, EvidenceValue> = { busAddress: address.replace(/,guid=[0-9a-f]+/i, '') };
      const unavailable = (reason: string): KeychainState => ({ kind: 'unavailable', store: STORE, reason, evidence });
      const error = (reason: string): KeychainState => ({ kind: 'error', store: STORE, reason, evidence });

      // Asking the service itself would D-Bus-activate a keyring daemon as a side effect: check for an owner first.
      const owner = classifyBusReply(
        await send('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', `string:${SECRETS}`),
      );
      if (owner.kind === 'unavailable') return unavailable(owner.reason);
      if (owner.kind !== 'ok') return error(owner.kind === 'error' ? owner.reason : 'unexpected reply from the D-Bus daemon');
      if (parseBusBoolean(owner.stdout) !== true) {
        evidence['secretServiceRunning'] = false;
        return unavailable('no Secret Service (GNOME Keyring, KWallet, KeePassXC) is running on the D-Bus session');
      }

      for (const path of [DEFAULT_ALIAS, LOGIN_COLLECTION]) {
        evidence['collection'] = path;
        const reply = classifyBusReply(
          await send(SECRETS, path, 'org.freedesktop.DBus.Properties.Get', 'string:org.freedesktop.Secret.Collection', 'string:Locked'),
        );
        if (reply.kind === 'no-object') continue;
        if (reply.kind === 'unavailable') return unavailable(reply.reason);
        if (reply.kind === 'error') return error(reply.reason);
        const locked = parseBusBoolean(reply.stdout);
        if (locked === null) return error('could not read the Locked property from the Secret Service reply');
        evidence['locked'] = locked;
        return { kind: locked ? 'locked' : 'unlocked', store: STORE, evidence };
      }
      evidence['collection'] = null;
      return unavailable('the Secret Service has no default collection (no "login" keyring has been created)');
    },

    async readClaudeCredentials() {
      return { kind: 'not-applicable' };
    },

    async systemProxy() {
      return null;
    },

    async vpn(timeoutMs: number): Promise<VpnInfo> {
      const interfaces = linuxVpnInterfaces(deps.interfaces());
      const result = await deps.runner.run('nmcli', ['-t', '-f', 'NAME,TYPE,DEVICE', 'connection', 'show', '--active'], {
        timeoutMs,
        env: { ...deps.env, LC_ALL: 'C' },
        maxBytes: 256 * 1024,
      });
      // No NetworkManager (not installed, not running, or slow): interface names alone.
      if (result.code !== 0) return { interfaces, connections: [], source: 'interfaces' };
      return { interfaces, connections: parseNmcliActive(result.stdout), source: 'interfaces+nmcli' };
    },

    claudeProcesses(timeoutMs: number): Promise<number | null> {
      return countClaudeProcesses('linux', deps, timeoutMs);
    },
  };
}
