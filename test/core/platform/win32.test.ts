import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFileSystem } from '../../../src/core/io/fs.js';
import type { SystemProxy } from '../../../src/core/platform/adapter.js';
import { createPlatformAdapter } from '../../../src/core/platform/index.js';
import { parseInternetSettings, win32VpnInterfaces } from '../../../src/core/platform/win32.js';
import type { CommandRunner, NetworkInterfaceInfo } from '../../../src/core/io/ports.js';
import { replayRunner } from './recorded.js';

function adapter(runner: CommandRunner, interfaces: NetworkInterfaceInfo[] = []) {
  return createPlatformAdapter('win32', {
    runner,
    fs: createFileSystem(),
    env: {},
    homeDir: 'C:\\Users\\tester',
    interfaces: () => interfaces,
  });
}

describe('win32 adapter', () => {
  test('keychain is unsupported, with the reason', async () => {
    const state = await adapter(replayRunner()).keychainState(2000);
    assert.deepEqual(state, { kind: 'unsupported', reason: 'Windows Credential Manager has no lock state Claude Code depends on' });
  });

  test('Claude Code credentials are not in a keychain item', async () => {
    assert.deepEqual(await adapter(replayRunner()).readClaudeCredentials('Claude Code-credentials', 'tester', 1000), {
      kind: 'not-applicable',
    });
  });
});

describe('win32 vpn from interface names', () => {
  const cases: { name: string; interfaces: string[]; expected: { name: string; kind: string }[] }[] = [
    {
      name: 'ordinary adapters',
      interfaces: ['Ethernet', 'Wi-Fi', 'Loopback Pseudo-Interface 1', 'vEthernet (WSL)', 'Local Area Connection* 2'],
      expected: [],
    },
    { name: 'WireGuard tunnel', interfaces: ['Wi-Fi', 'WireGuard Tunnel'], expected: [{ name: 'WireGuard Tunnel', kind: 'wireguard' }] },
    { name: 'wg tunnel named by the user', interfaces: ['wg0'], expected: [{ name: 'wg0', kind: 'wireguard' }] },
    { name: 'Tailscale', interfaces: ['Tailscale'], expected: [{ name: 'Tailscale', kind: 'tailscale' }] },
    { name: 'OpenVPN TAP adapter', interfaces: ['OpenVPN TAP-Windows6'], expected: [{ name: 'OpenVPN TAP-Windows6', kind: 'openvpn' }] },
    { name: 'bare TAP adapter', interfaces: ['TAP-Windows Adapter V9'], expected: [{ name: 'TAP-Windows Adapter V9', kind: 'tap' }] },
    {
      name: 'corporate clients',
      interfaces: ['Corp VPN', 'PANGP Virtual Ethernet Adapter'],
      expected: [
        { name: 'Corp VPN', kind: 'vpn' },
        { name: 'PANGP Virtual Ethernet Adapter', kind: 'vpn' },
      ],
    },
    {
      name: 'ZeroTier',
      interfaces: ['ZeroTier One [8056c2e21c000001]'],
      expected: [{ name: 'ZeroTier One [8056c2e21c000001]', kind: 'zerotier' }],
    },
    { name: '"adapter" is not "tap"', interfaces: ['Network Adapter'], expected: [] },
  ];
  for (const { name, interfaces, expected } of cases) {
    test(name, async () => {
      const infos = interfaces.map((n) => ({ name: n, addresses: ['10.0.0.2'] }));
      assert.deepEqual(win32VpnInterfaces(infos), expected);
      assert.deepEqual(await adapter(replayRunner(), infos).vpn(1000), { interfaces: expected, connections: [], source: 'interfaces' });
    });
  }
});

describe('win32 system proxy (reg query Internet Settings)', () => {
  const head = '\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\r\n';
  const values = (...lines: string[]): string =>
    head +
    lines.map((l) => `    ${l}\r\n`).join('') +
    '\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\5.0\r\n';
  const cases: { name: string; stdout: string; expected: Omit<SystemProxy, 'source'> }[] = [
    {
      name: 'no proxy',
      stdout: values('CertificateRevocation    REG_DWORD    0x1', 'ProxyEnable    REG_DWORD    0x0'),
      expected: { https: null, http: null, exceptions: [], pacUrl: null },
    },
    {
      name: 'one proxy for all schemes',
      stdout: values(
        'ProxyEnable    REG_DWORD    0x1',
        'ProxyServer    REG_SZ    proxy.corp.example:8080',
        'ProxyOverride    REG_SZ    *.corp.example;<local>',
      ),
      expected: {
        https: 'http://proxy.corp.example:8080',
        http: 'http://proxy.corp.example:8080',
        exceptions: ['*.corp.example', '<local>'],
        pacUrl: null,
      },
    },
    {
      name: 'per-scheme proxies',
      stdout: values('ProxyEnable    REG_DWORD    0x1', 'ProxyServer    REG_SZ    http=web:3128;https=secure:3129;socks=s:1080'),
      expected: { https: 'http://secure:3129', http: 'http://web:3128', exceptions: [], pacUrl: null },
    },
    {
      name: 'disabled proxy keeps nothing but a PAC URL',
      stdout: values(
        'ProxyEnable    REG_DWORD    0x0',
        'ProxyServer    REG_SZ    old:8080',
        'AutoConfigURL    REG_SZ    http://wpad.corp.example/proxy.pac',
      ),
      expected: { https: null, http: null, exceptions: [], pacUrl: 'http://wpad.corp.example/proxy.pac' },
    },
  ];
  for (const { name, stdout, expected } of cases) {
    test(name, async () => {
      assert.deepEqual(parseInternetSettings(stdout), { ...expected, source: 'registry (Internet Settings)' });
      const runner = replayRunner({ code: 0, stdout, stderr: '' });
      assert.deepEqual(await adapter(runner).systemProxy(1000), { ...expected, source: 'registry (Internet Settings)' });
      assert.deepEqual(runner.calls[0]?.args, ['query', 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings']);
    });
  }

  test('reg failing gives null', async () => {
    assert.equal(await adapter(replayRunner('enoent')).systemProxy(1000), null);
  });
});
