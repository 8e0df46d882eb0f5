import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFileSystem } from '../../../src/core/io/fs.js';
import { createCommandRunner } from '../../../src/core/io/runner.js';
import type { KeychainState } from '../../../src/core/keychain/types.js';
import { createPlatformAdapter } from '../../../src/core/platform/index.js';
import { type PlatformDeps } from '../../../src/core/platform/adapter.js';
import { linuxVpnInterfaces, parseNmcliActive, splitNmcliLine } from '../../../src/core/platform/linux.js';
import type { CommandRunner, FileSystem, NetworkInterfaceInfo } from '../../../src/core/io/ports.js';
import { startKeyring, startSessionBus } from '../../helpers/keyring.js';
import { replayRunner, type Reply } from './recorded.js';

/** A uid with no /run/user/<uid>/bus on any sane machine. */
const NO_SUCH_UID = 2_147_483_000;

function adapter(overrides: Partial<PlatformDeps> = {}) {
  return createPlatformAdapter('linux', {
    runner: createCommandRunner(),
    fs: createFileSystem(),
    env: { PATH: process.env['PATH'] },
    homeDir: '/nonexistent-home',
    interfaces: () => [],
    uid: NO_SUCH_UID,
    ...overrides,
  });
}

function reasonOf(state: KeychainState): string {
  return 'reason' in state ? state.reason : '';
}

const keyring = await startKeyring();
const skip = 'skip' in keyring ? keyring.skip : false;
after(() => ('skip' in keyring ? undefined : keyring.stop()));

describe('linux keychainState against a real gnome-keyring', () => {
  test('fresh login collection → unlocked', { skip }, async () => {
    assert.ok(!('skip' in keyring));
    const state = await adapter({ env: keyring.env }).keychainState(2000);
    assert.equal(state.kind, 'unlocked', reasonOf(state));
    assert.ok(state.kind === 'unlocked');
    assert.equal(state.evidence['collection'], '/org/freedesktop/secrets/aliases/default');
    assert.equal(state.evidence['locked'], false);
    assert.doesNotMatch(String(state.evidence['busAddress']), /guid=/);
  });

  test('secret-tool store/lookup works against it (what keytar will use)', { skip }, async () => {
    assert.ok(!('skip' in keyring));
    const stored = await keyring.run('secret-tool', ['store', '--label=doctor test', 'service', 'cad-test', 'account', 'tester'], {
      input: 'FAKE-secret-value',
    });
    assert.equal(stored.code, 0, stored.stderr);
    const lookup = await keyring.run('secret-tool', ['lookup', 'service', 'cad-test', 'account', 'tester']);
    assert.equal(lookup.code, 0, lookup.stderr);
    assert.equal(lookup.stdout, 'FAKE-secret-value');
  });

  test('after lock() → locked', { skip }, async () => {
    const own = await startKeyring();
    assert.ok(!('skip' in own));
    try {
      await own.lock();
      const state = await adapter({ env: own.env }).keychainState(2000);
      assert.equal(state.kind, 'locked', reasonOf(state));
      assert.ok(state.kind === 'locked' && state.evidence['locked'] === true);
      const lookup = await own.run('secret-tool', ['lookup', 'service', 'x', 'account', 'y'], { timeoutMs: 3000 });
      assert.notEqual(lookup.code, 0);
    } finally {
      await own.stop();
    }
  });
});

describe('linux keychainState without a Secret Service', () => {
  test('no DBUS_SESSION_BUS_ADDRESS and no /run/user/<uid>/bus → unavailable, nothing run', async () => {
    const runner = replayRunner();
    const state = await adapter({ runner, env: {} }).keychainState(2000);
    assert.equal(state.kind, 'unavailable');
    assert.match(reasonOf(state), /no D-Bus session/);
    assert.equal(runner.calls.length, 0);
  });

  test('/run/user/<uid>/bus is used when the variable is missing', async () => {
    const fs: FileSystem = { ...createFileSystem(), exists: async (path) => path === '/run/user/1234/bus' };
    const runner = replayRunner(
      { code: 0, stdout: '   boolean true\n', stderr: '' },
      { code: 0, stdout: '   variant       boolean false\n', stderr: '' },
    );
    const state = await adapter({ runner, fs, env: {}, uid: 1234 }).keychainState(2000);
    assert.equal(state.kind, 'unlocked');
    assert.equal(runner.calls[0]?.options.env?.['DBUS_SESSION_BUS_ADDRESS'], 'unix:path=/run/user/1234/bus');
  });

  test('a real bus with no keyring daemon → unavailable', async (t) => {
    const bus = await startSessionBus();
    if ('skip' in bus) return t.skip(bus.skip);
    try {
      const state = await adapter({ env: { PATH: process.env['PATH'], DBUS_SESSION_BUS_ADDRESS: bus.address } }).keychainState(2000);
      assert.equal(state.kind, 'unavailable');
      assert.match(reasonOf(state), /no Secret Service/);
      assert.ok(state.kind === 'unavailable' && state.evidence['secretServiceRunning'] === false);
    } finally {
      await bus.stop();
    }
  });

  test('a stale bus address → unavailable, naming the connection failure', async (t) => {
    const state = await adapter({
      env: { PATH: process.env['PATH'], DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/doctor-bus' },
    }).keychainState(2000);
    if (reasonOf(state).includes('dbus-send is not installed')) return t.skip('dbus-send is not installed');
    assert.equal(state.kind, 'unavailable');
    assert.match(reasonOf(state), /cannot connect to the D-Bus session bus/);
  });

  test('dbus-send missing → unavailable, naming the package', async () => {
    const state = await adapter({ env: { PATH: '/nonexistent-bin', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/tmp/x' } }).keychainState(2000);
    assert.equal(state.kind, 'unavailable');
    assert.match(reasonOf(state), /dbus-bin/);
  });
});

describe('linux keychainState replies (recorded dbus-send output)', () => {
  const owned: Reply = { code: 0, stdout: 'method return time=1 sender=org.freedesktop.DBus\n   boolean true\n', stderr: '' };
  const locked = (value: boolean): Reply => ({ code: 0, stdout: `method return time=1\n   variant       boolean ${value}\n`, stderr: '' });
  const noObject: Reply = {
    code: 1,
    stdout: '',
    stderr: 'Error org.freedesktop.DBus.Error.UnknownMethod: Object does not exist at path “/org/freedesktop/secrets/aliases/default”\n',
  };
  const cases: { name: string; replies: Reply[]; kind: KeychainState['kind']; reason?: RegExp; collection?: string }[] = [
    { name: 'default collection locked', replies: [owned, locked(true)], kind: 'locked' },
    {
      name: 'no default alias → the login collection',
      replies: [owned, noObject, locked(false)],
      kind: 'unlocked',
      collection: '/org/freedesktop/secrets/collection/login',
    },
    {
      name: 'neither default nor login → unavailable',
      replies: [owned, noObject, noObject],
      kind: 'unavailable',
      reason: /no default collection/,
    },
    {
      name: 'service vanished between calls → unavailable',
      replies: [
        owned,
        {
          code: 1,
          stdout: '',
          stderr:
            'Error org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files\n',
        },
      ],
      kind: 'unavailable',
    },
    {
      name: 'NoReply → error',
      replies: [owned, { code: 1, stdout: '', stderr: 'Error org.freedesktop.DBus.Error.NoReply: Did not receive a reply.\n' }],
      kind: 'error',
      reason: /did not answer in time/,
    },
    { name: 'runner timeout → error', replies: ['timeout'], kind: 'error', reason: /did not answer in time/ },
    {
      name: 'unparseable reply → error',
      replies: [owned, { code: 0, stdout: 'method return\n   variant string "x"\n', stderr: '' }],
      kind: 'error',
    },
  ];
  for (const { name, replies, kind, reason, collection } of cases) {
    test(name, async () => {
      const runner = replayRunner(...replies);
      const state = await adapter({ runner, env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' } }).keychainState(1500);
      assert.equal(state.kind, kind, reasonOf(state));
      if (reason) assert.match(reasonOf(state), reason);
      if (collection) assert.ok('evidence' in state && state.evidence['collection'] === collection);
      assert.equal(runner.calls.length, replies.length);
      for (const call of runner.calls) {
        assert.equal(call.file, 'dbus-send');
        assert.ok(call.options.timeoutMs <= 1500);
        assert.equal(call.options.env?.['DBUS_SESSION_BUS_ADDRESS'], 'unix:path=/run/user/1000/bus');
      }
      assert.deepEqual(runner.calls[0]?.args.slice(-2), ['org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets']);
    });
  }
});

describe('linux vpn', () => {
  test('splitNmcliLine honours escapes', () => {
    assert.deepEqual(splitNmcliLine('a\\:b:vpn:wl\\\\p0'), ['a:b', 'vpn', 'wl\\p0']);
  });

  test('parseNmcliActive keeps vpn and wireguard connections', () => {
    const out = 'Wired connection 1:802-3-ethernet:enp3s0\nCorp VPN:vpn:enp3s0\nhome\\:wg:wireguard:wg0\nlo:loopback:lo\n';
    assert.deepEqual(parseNmcliActive(out), ['Corp VPN', 'home:wg']);
  });

  const interfaces: NetworkInterfaceInfo[] = [
    { name: 'lo', addresses: ['127.0.0.1'] },
    { name: 'eth0', addresses: ['10.0.0.5'] },
    { name: 'docker0', addresses: ['172.17.0.1'] },
    { name: 'tun0', addresses: ['10.8.0.2'] },
    { name: 'wg-corp', addresses: ['10.9.0.2'] },
    { name: 'tailscale0', addresses: ['100.64.0.7'] },
    { name: 'ztabcdef', addresses: ['10.147.17.5'] },
    { name: 'ppp0', addresses: ['10.1.1.1'] },
  ];
  const expected = [
    { name: 'tun0', kind: 'tun' },
    { name: 'wg-corp', kind: 'wireguard' },
    { name: 'tailscale0', kind: 'tailscale' },
    { name: 'ztabcdef', kind: 'zerotier' },
    { name: 'ppp0', kind: 'ppp' },
  ];

  test('interface names', () => {
    assert.deepEqual(linuxVpnInterfaces(interfaces), expected);
  });

  test('with NetworkManager', async () => {
    const runner = replayRunner({ code: 0, stdout: 'Corp VPN:vpn:eth0\neth:802-3-ethernet:eth0\n', stderr: '' });
    const vpn = await adapter({ runner, interfaces: () => interfaces }).vpn(1000);
    assert.deepEqual(vpn, { interfaces: expected, connections: ['Corp VPN'], source: 'interfaces+nmcli' });
    assert.equal(runner.calls[0]?.file, 'nmcli');
    assert.deepEqual(runner.calls[0]?.args, ['-t', '-f', 'NAME,TYPE,DEVICE', 'connection', 'show', '--active']);
  });

  const without: { name: string; reply: Reply }[] = [
    { name: 'nmcli missing', reply: 'enoent' },
    { name: 'NetworkManager not running', reply: { code: 8, stdout: '', stderr: 'Error: NetworkManager is not running.\n' } },
    { name: 'nmcli hung', reply: 'timeout' },
  ];
  for (const { name, reply } of without) {
    test(`${name} → interfaces only`, async () => {
      const vpn = await adapter({ runner: replayRunner(reply), interfaces: () => interfaces }).vpn(1000);
      assert.deepEqual(vpn, { interfaces: expected, connections: [], source: 'interfaces' });
    });
  }

  test('real runner: runs without throwing whether or not nmcli exists', async () => {
    const runner: CommandRunner = createCommandRunner();
    const vpn = await adapter({ runner, interfaces: () => [] }).vpn(2000);
    assert.ok(vpn.source === 'interfaces' || vpn.source === 'interfaces+nmcli');
    assert.deepEqual(vpn.interfaces, []);
  });

  test('readClaudeCredentials and systemProxy do not apply', async () => {
    const linux = adapter({ runner: replayRunner() });
    assert.deepEqual(await linux.readClaudeCredentials('Claude Code-credentials', 'tester', 1000), { kind: 'not-applicable' });
    assert.equal(await linux.systemProxy(1000), null);
  });
});
