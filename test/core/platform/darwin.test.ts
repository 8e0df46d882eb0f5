import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileSystem } from '../../../src/core/io/fs.js';
import type { KeychainRead, KeychainState } from '../../../src/core/keychain/types.js';
import { darwinVpnInterfaces } from '../../../src/core/platform/darwin.js';
import { createPlatformAdapter } from '../../../src/core/platform/index.js';
import type { CommandRunner, NetworkInterfaceInfo } from '../../../src/core/io/ports.js';
import { darwinFixture, replayRunner, type Recording, type Reply } from './recorded.js';

const security = JSON.parse(darwinFixture('security.json')) as Record<string, Recording>;

function recorded(name: string): Recording {
  const recording = security[name];
  assert.ok(recording, `fixture ${name}`);
  return recording;
}

function scutil(name: string): Recording {
  return { code: 0, stdout: darwinFixture(name), stderr: '' };
}

const home = await mkdtemp(join(tmpdir(), 'darwin-home-'));
after(() => rm(home, { recursive: true, force: true }));

function adapter(runner: CommandRunner, interfaces: NetworkInterfaceInfo[] = [], homeDir = home) {
  return createPlatformAdapter('darwin', { runner, fs: createFileSystem(), env: {}, homeDir, interfaces: () => interfaces });
}

describe('darwin keychainState', () => {
  const cases: { name: string; reply: Reply; kind: KeychainState['kind']; check?: (state: KeychainState) => void }[] = [
    {
      name: 'exit 0 → unlocked, with its lock settings',
      reply: recorded('show-keychain-info-unlocked'),
      kind: 'unlocked',
      check: (state) => {
        assert.ok(state.kind === 'unlocked');
        assert.equal(state.evidence['lockOnSleep'], true);
        assert.equal(state.evidence['lockTimeoutSeconds'], 21600);
        assert.equal(state.evidence['keychain'], '~/Library/Keychains/login.keychain-db');
      },
    },
    {
      name: 'exit 0 with no-timeout',
      reply: recorded('show-keychain-info-no-timeout'),
      kind: 'unlocked',
      check: (state) => assert.ok(state.kind === 'unlocked' && state.evidence['lockTimeoutSeconds'] === null),
    },
    {
      name: 'exit 36 (over SSH) → locked',
      reply: recorded('show-keychain-info-locked-ssh'),
      kind: 'locked',
      check: (state) => assert.ok(state.kind === 'locked' && state.evidence['exitCode'] === 36),
    },
    { name: 'exit 51 (unlock prompt refused) → locked', reply: recorded('show-keychain-info-prompt-refused'), kind: 'locked' },
    {
      name: 'text "User interaction is not allowed" with another code → locked',
      reply: { code: 1, stdout: '', stderr: 'security: SecKeychainCopySettings x: User interaction is not allowed.\n' },
      kind: 'locked',
    },
    {
      name: 'no login keychain → unavailable',
      reply: recorded('show-keychain-info-missing'),
      kind: 'unavailable',
      check: (state) => assert.ok(state.kind === 'unavailable' && state.reason.includes('login.keychain-db')),
    },
    {
      name: 'timeout (hung securityd) → error "timed out"',
      reply: 'timeout',
      kind: 'error',
      check: (state) => assert.ok(state.kind === 'error' && /timed out/.test(state.reason) && state.evidence['timedOut'] === true),
    },
    {
      name: 'security missing → error naming the program',
      reply: 'enoent',
      kind: 'error',
      check: (state) => assert.ok(state.kind === 'error' && state.reason.includes('/usr/bin/security') && state.reason.includes('ENOENT')),
    },
    {
      name: 'any other exit → error with the code and message',
      reply: { code: 1, stdout: '', stderr: 'security: SecKeychainCopySettings: something odd\n' },
      kind: 'error',
      check: (state) => assert.ok(state.kind === 'error' && state.reason.includes('code 1') && state.reason.includes('something odd')),
    },
  ];

  for (const { name, reply, kind, check } of cases) {
    test(name, async () => {
      const runner = replayRunner(reply);
      const state = await adapter(runner).keychainState(2000);
      assert.equal(state.kind, kind);
      check?.(state);
      assert.equal(runner.calls.length, 1);
      assert.equal(runner.calls[0]?.file, '/usr/bin/security');
      assert.deepEqual(runner.calls[0]?.args, ['show-keychain-info', join(home, 'Library/Keychains/login.keychain-db')]);
      assert.equal(runner.calls[0]?.options.timeoutMs, 2000);
    });
  }

  test('falls back to login.keychain when only the pre-Sierra file exists', async () => {
    const oldHome = await mkdtemp(join(tmpdir(), 'darwin-old-home-'));
    await mkdir(join(oldHome, 'Library/Keychains'), { recursive: true });
    await writeFile(join(oldHome, 'Library/Keychains/login.keychain'), '');
    const runner = replayRunner(recorded('show-keychain-info-unlocked'));
    await adapter(runner, [], oldHome).keychainState(2000);
    await rm(oldHome, { recursive: true, force: true });
    assert.deepEqual(runner.calls[0]?.args, ['show-keychain-info', join(oldHome, 'Library/Keychains/login.keychain')]);
  });
});

describe('darwin readClaudeCredentials', () => {
  const service = 'Claude Code-credentials';
  const cases: { name: string; reply: Reply; kind: KeychainRead['kind']; check?: (read: KeychainRead) => void }[] = [
    {
      name: 'exit 0 → found, the JSON text without the trailing newline',
      reply: recorded('find-generic-password-found'),
      kind: 'found',
      check: (read) => {
        assert.ok(read.kind === 'found');
        assert.equal(read.text, recorded('find-generic-password-found').stdout.replace(/\n$/, ''));
        assert.equal(JSON.parse(read.text).claudeAiOauth.subscriptionType, 'pro');
      },
    },
    {
      name: 'hex output (non-printable item) is decoded',
      reply: {
        code: 0,
        stdout: Buffer.from('{"claudeAiOauth":{"accessToken":"sk-ant-oat01-CANARY-hex"}}').toString('hex') + '\n',
        stderr: '',
      },
      kind: 'found',
      check: (read) => assert.ok(read.kind === 'found' && read.text.startsWith('{"claudeAiOauth"')),
    },
    { name: 'exit 44 → not-found', reply: recorded('find-generic-password-not-found'), kind: 'not-found' },
    { name: 'exit 36 → locked', reply: recorded('find-generic-password-locked'), kind: 'locked' },
    {
      name: 'exit 51 (access refused at the prompt) → error',
      reply: recorded('find-generic-password-denied'),
      kind: 'error',
      check: (read) => assert.ok(read.kind === 'error' && /refused/.test(read.reason)),
    },
    {
      name: 'timeout → error',
      reply: 'timeout',
      kind: 'error',
      check: (read) => assert.ok(read.kind === 'error' && /timed out/.test(read.reason)),
    },
    { name: 'security missing → error', reply: 'enoent', kind: 'error' },
  ];

  for (const { name, reply, kind, check } of cases) {
    test(name, async () => {
      const runner = replayRunner(reply);
      const read = await adapter(runner).readClaudeCredentials(service, 'alice', 1500);
      assert.equal(read.kind, kind);
      check?.(read);
      assert.deepEqual(runner.calls[0]?.args, ['find-generic-password', '-a', 'alice', '-s', service, '-w']);
      assert.equal(runner.calls[0]?.options.timeoutMs, 1500);
      // The secret is in `text` only: never in evidence or anywhere else in the result.
      const { text: _secret, ...rest } = read as KeychainRead & { text?: string };
      assert.doesNotMatch(JSON.stringify(rest), /CANARY|sk-ant/);
    });
  }
});

describe('darwin systemProxy', () => {
  test('parses scutil --proxy', async () => {
    const runner = replayRunner(scutil('scutil-https.txt'));
    const proxy = await adapter(runner).systemProxy(1000);
    assert.deepEqual(proxy, {
      https: 'http://secure-proxy.corp.example:8443',
      http: 'http://proxy.corp.example:8080',
      exceptions: ['*.local', '169.254/16', '10.0.0.0/8', '*.corp.example'],
      pacUrl: null,
      source: 'scutil --proxy',
    });
    assert.equal(runner.calls[0]?.file, '/usr/sbin/scutil');
    assert.deepEqual(runner.calls[0]?.args, ['--proxy']);
  });

  test('a failed scutil gives null', async () => {
    assert.equal(await adapter(replayRunner('timeout')).systemProxy(1000), null);
    assert.equal(await adapter(replayRunner({ code: 1, stdout: '', stderr: 'boom' })).systemProxy(1000), null);
  });
});

describe('darwin vpn', () => {
  const cases: { name: string; interfaces: NetworkInterfaceInfo[]; expected: { name: string; kind: string }[] }[] = [
    {
      name: 'iCloud utuns with only IPv6 link-local are not VPNs',
      interfaces: [
        { name: 'en0', addresses: ['192.168.1.20'] },
        { name: 'utun0', addresses: ['fe80::1%utun0'] },
        { name: 'utun1', addresses: ['fe80::2%utun1'] },
      ],
      expected: [],
    },
    {
      name: 'a utun with IPv4 (WireGuard, Tailscale) is a VPN',
      interfaces: [
        { name: 'utun0', addresses: ['fe80::1%utun0'] },
        { name: 'utun4', addresses: ['fe80::4%utun4', '100.101.102.103/32'] },
      ],
      expected: [{ name: 'utun4', kind: 'utun' }],
    },
    {
      name: 'ipsec, ppp, tun, tap and wg count whatever their addresses',
      interfaces: [
        { name: 'ipsec0', addresses: [] },
        { name: 'ppp0', addresses: ['10.0.0.2'] },
        { name: 'tun0', addresses: [] },
        { name: 'tap1', addresses: [] },
        { name: 'wg0', addresses: [] },
        { name: 'bridge0', addresses: [] },
        { name: 'utunnel', addresses: ['10.0.0.3'] },
      ],
      expected: [
        { name: 'ipsec0', kind: 'ipsec' },
        { name: 'ppp0', kind: 'ppp' },
        { name: 'tun0', kind: 'tun' },
        { name: 'tap1', kind: 'tap' },
        { name: 'wg0', kind: 'wg' },
      ],
    },
  ];

  for (const { name, interfaces, expected } of cases) {
    test(name, async () => {
      assert.deepEqual(darwinVpnInterfaces(interfaces), expected);
      const runner = replayRunner();
      const vpn = await adapter(runner, interfaces).vpn(1000);
      assert.deepEqual(vpn, { interfaces: expected, connections: [], source: 'interfaces' });
      assert.equal(runner.calls.length, 0);
    });
  }
});
