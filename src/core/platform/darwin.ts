import { isIPv4 } from 'node:net';
import type { Evidence } from '../../shared/report.js';
import type { CommandResult, NetworkInterfaceInfo } from '../io/ports.js';
import type { PlatformAdapter, SystemProxy, VpnInfo } from './adapter.js';
import {
  firstStderrLine,
  looksLocked,
  passwordBytes,
  refusedAtPrompt,
  SECURITY_EXIT,
  SECURITY_PATH,
  securityFailure,
} from '../keychain/mac-security.js';
import type { KeychainRead, KeychainState } from '../keychain/types.js';
import type { PlatformDeps } from './adapter.js';
import { countClaudeProcesses } from './claude-processes.js';
import { parseScutilProxy } from './parse-scutil.js';

const STORE = 'login keychain';

function tildify(path: string, home: string): string {
  return path.startsWith(home + '/') ? '~' + path.slice(home.length) : path;
}

/** Lock settings printed on success, e.g. `Keychain "…" lock-on-sleep timeout=21600s`. */
function lockSettings(result: CommandResult): Evidence {
  const text = `${result.stdout}\n${result.stderr}`;
  const timeout = /timeout=(\d+)s/.exec(text);
  return {
    lockOnSleep: /lock-on-sleep/.test(text),
    lockTimeoutSeconds: timeout?.[1] !== undefined ? Number(timeout[1]) : null,
  };
}

/**
 * macOS keeps VPN-less utun0..utun3 around for iCloud Private Relay, Back to My Mac and
 * similar services; they carry only IPv6 link-local addresses. A utun counts as a VPN only
 * when it has an IPv4 address (WireGuard, Tailscale, most corporate clients assign one).
 */
const TUNNEL = /^(utun|ipsec|ppp|tun|tap|wg)\d*$/;

function stripAddress(address: string): string {
  return address.replace(/\/\d+$/, '').replace(/%.*$/, '');
}

export function darwinVpnInterfaces(interfaces: readonly NetworkInterfaceInfo[]): VpnInfo['interfaces'] {
  const found: { name: string; kind: string }[] = [];
  for (const info of interfaces) {
    const match = TUNNEL.exec(info.name);
    if (!match?.[1]) continue;
    if (match[1] === 'utun' && !info.addresses.some((a) => isIPv4(stripAddress(a)))) continue;
    found.push({ name: info.name, kind: match[1] });
  }
  return found;
}

export function createDarwinAdapter(deps: PlatformDeps): PlatformAdapter {
  async function loginKeychainPath(): Promise<string> {
    const modern = `${deps.homeDir}/Library/Keychains/login.keychain-db`;
    const legacy = `${deps.homeDir}/Library/Keychains/login.keychain`;
    if (!(await deps.fs.exists(modern)) && (await deps.fs.exists(legacy))) return legacy;
    return modern;
  }

  return {
    os: 'darwin',

    async keychainState(timeoutMs: number): Promise<KeychainState> {
      const path = await loginKeychainPath();
      const result = await deps.runner.run(SECURITY_PATH, ['show-keychain-info', path], { timeoutMs, maxBytes: 64 * 1024 });
      const evidence: Evidence = {
        command: 'security show-keychain-info',
        keychain: tildify(path, deps.homeDir),
        exitCode: result.code,
        timedOut: result.timedOut,
      };
      if (result.spawnError === null && !result.timedOut) {
        if (result.code === 0) return { kind: 'unlocked', store: STORE, evidence: { ...evidence, ...lockSettings(result) } };
        // A refused or cancelled unlock prompt also means the keychain is locked right now.
        if (looksLocked(result) || refusedAtPrompt(result)) {
          return { kind: 'locked', store: STORE, evidence: { ...evidence, message: firstStderrLine(result) } };
        }
        if (/could not be found/i.test(result.stderr)) {
          return {
            kind: 'unavailable',
            store: STORE,
            reason: `there is no login keychain at ${tildify(path, deps.homeDir)}`,
            evidence: { ...evidence, message: firstStderrLine(result) },
          };
        }
      }
      return { kind: 'error', store: STORE, reason: securityFailure(result, 'security show-keychain-info'), evidence };
    },

    async readClaudeCredentials(service: string, account: string, timeoutMs: number): Promise<KeychainRead> {
      const result = await deps.runner.run(SECURITY_PATH, ['find-generic-password', '-a', account, '-s', service, '-w'], {
        timeoutMs,
        maxBytes: 256 * 1024,
      });
      // Evidence is built from the exit status and stderr only: stdout is the secret.
      const evidence: Evidence = {
        command: 'security find-generic-password -w',
        service,
        account,
        exitCode: result.code,
        timedOut: result.timedOut,
      };
      if (result.spawnError === null && !result.timedOut) {
        if (result.code === 0) {
          const text = passwordBytes(result.stdout).toString('utf8');
          return { kind: 'found', text, evidence: { ...evidence, length: text.length } };
        }
        if (result.code === SECURITY_EXIT.notFound) return { kind: 'not-found', evidence };
        if (looksLocked(result)) return { kind: 'locked', evidence: { ...evidence, message: firstStderrLine(result) } };
        if (refusedAtPrompt(result)) {
          return {
            kind: 'error',
            reason:
              'access to the keychain item was refused at the macOS prompt (click "Always Allow" for security, or unlock the keychain)',
            evidence: { ...evidence, message: firstStderrLine(result) },
          };
        }
      }
      return { kind: 'error', reason: securityFailure(result, 'security find-generic-password'), evidence };
    },

    async systemProxy(timeoutMs: number): Promise<SystemProxy | null> {
      const result = await deps.runner.run('/usr/sbin/scutil', ['--proxy'], { timeoutMs, maxBytes: 256 * 1024 });
      if (result.code !== 0) return null;
      return parseScutilProxy(result.stdout);
    },

    async vpn(): Promise<VpnInfo> {
      return { interfaces: darwinVpnInterfaces(deps.interfaces()), connections: [], source: 'interfaces' };
    },

    claudeProcesses(timeoutMs: number): Promise<number | null> {
      return countClaudeProcesses('darwin', deps, timeoutMs);
    },
  };
}
