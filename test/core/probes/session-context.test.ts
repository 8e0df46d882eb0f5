import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Os } from '../../../src/core/io/os.js';
import type { FileSystem } from '../../../src/core/io/ports.js';
import { sessionContextProbe } from '../../../src/core/probes/session-context.js';
import { detectSession } from '../../../src/core/platform/session.js';
import { createFileSystem } from '../../../src/core/io/fs.js';
import { fakePlatform, makeProbeInput } from '../../helpers/probe-input.js';

/** /proc and / cannot be redirected, so the well-known files come from a small in-memory FileSystem. */
function fakeFs(files: Readonly<Record<string, string>> = {}): FileSystem {
  return {
    readText: async (path) => {
      const text = files[path];
      return text === undefined ? { kind: 'missing', path } : { kind: 'ok', path, text, mode: 0o444, size: text.length };
    },
    exists: async (path) => path in files,
    list: async () => [],
    space: async () => null,
  };
}

const NATIVE_PROC = 'Linux version 6.8.0-45-generic (buildd@lcy02-amd64-115) (x86_64-linux-gnu-gcc-13) #45-Ubuntu SMP';
const WSL_PROC = 'Linux version 5.15.153.1-microsoft-standard-WSL2 (root@941d701f84f1) (gcc (GCC) 11.2.0) #1 SMP';
const DOCKER_CGROUP = '12:pids:/docker/3f1c0a9e5b2d\n11:memory:/docker/3f1c0a9e5b2d\n0::/docker/3f1c0a9e5b2d\n';
const K8S_CGROUP = '0::/kubepods.slice/kubepods-burstable.slice/cri-containerd-4d2e.scope\n';
const HOST_CGROUP = '0::/init.scope\n';

interface Case {
  readonly name: string;
  readonly os: Os;
  readonly env: Record<string, string>;
  readonly files?: Record<string, string>;
  readonly expect: { session: string; ssh: boolean; display: boolean; wsl: boolean; container: boolean };
}

const ssh = { SSH_CONNECTION: '203.0.113.9 52144 192.0.2.10 22' };

const cases: Case[] = [
  { name: 'macOS desktop', os: 'darwin', env: {}, expect: { session: 'desktop', ssh: false, display: true, wsl: false, container: false } },
  { name: 'macOS over SSH', os: 'darwin', env: ssh, expect: { session: 'ssh', ssh: true, display: false, wsl: false, container: false } },
  {
    name: 'macOS, only SSH_TTY',
    os: 'darwin',
    env: { SSH_TTY: '/dev/ttys003' },
    expect: { session: 'ssh', ssh: true, display: false, wsl: false, container: false },
  },
  {
    name: 'Linux X11 desktop',
    os: 'linux',
    env: { DISPLAY: ':0' },
    files: { '/proc/version': NATIVE_PROC, '/proc/1/cgroup': HOST_CGROUP },
    expect: { session: 'desktop', ssh: false, display: true, wsl: false, container: false },
  },
  {
    name: 'Linux Wayland desktop',
    os: 'linux',
    env: { WAYLAND_DISPLAY: 'wayland-0' },
    expect: { session: 'desktop', ssh: false, display: true, wsl: false, container: false },
  },
  {
    name: 'Linux VPS over SSH, no display',
    os: 'linux',
    env: { SSH_CLIENT: '203.0.113.9 52144 22' },
    files: { '/proc/version': NATIVE_PROC },
    expect: { session: 'ssh', ssh: true, display: false, wsl: false, container: false },
  },
  {
    name: 'Linux over SSH with X forwarding',
    os: 'linux',
    env: { ...ssh, DISPLAY: 'localhost:10.0' },
    expect: { session: 'ssh', ssh: true, display: true, wsl: false, container: false },
  },
  {
    name: 'Linux console, no display (CI)',
    os: 'linux',
    env: { DISPLAY: '  ' },
    expect: { session: 'headless', ssh: false, display: false, wsl: false, container: false },
  },
  {
    name: 'WSL by variable',
    os: 'linux',
    env: { WSL_DISTRO_NAME: 'Ubuntu-24.04' },
    expect: { session: 'desktop', ssh: false, display: true, wsl: true, container: false },
  },
  {
    name: 'WSL by /proc/version',
    os: 'linux',
    env: {},
    files: { '/proc/version': WSL_PROC },
    expect: { session: 'desktop', ssh: false, display: true, wsl: true, container: false },
  },
  {
    name: 'WSL reached over SSH',
    os: 'linux',
    env: { ...ssh, WSL_DISTRO_NAME: 'Ubuntu' },
    expect: { session: 'ssh', ssh: true, display: false, wsl: true, container: false },
  },
  {
    name: 'Docker by /.dockerenv',
    os: 'linux',
    env: {},
    files: { '/.dockerenv': '' },
    expect: { session: 'headless', ssh: false, display: false, wsl: false, container: true },
  },
  {
    name: 'Podman by /run/.containerenv',
    os: 'linux',
    env: {},
    files: { '/run/.containerenv': 'engine="podman-4.9"' },
    expect: { session: 'headless', ssh: false, display: false, wsl: false, container: true },
  },
  {
    name: 'Docker by cgroup',
    os: 'linux',
    env: {},
    files: { '/proc/1/cgroup': DOCKER_CGROUP },
    expect: { session: 'headless', ssh: false, display: false, wsl: false, container: true },
  },
  {
    name: 'Kubernetes by cgroup',
    os: 'linux',
    env: {},
    files: { '/proc/1/cgroup': K8S_CGROUP },
    expect: { session: 'headless', ssh: false, display: false, wsl: false, container: true },
  },
  {
    name: 'container env var (systemd-nspawn)',
    os: 'linux',
    env: { container: 'systemd-nspawn' },
    expect: { session: 'headless', ssh: false, display: false, wsl: false, container: true },
  },
  {
    name: 'Windows desktop',
    os: 'win32',
    env: {},
    expect: { session: 'desktop', ssh: false, display: true, wsl: false, container: false },
  },
  {
    name: 'Windows over OpenSSH',
    os: 'win32',
    env: ssh,
    expect: { session: 'ssh', ssh: true, display: false, wsl: false, container: false },
  },
  {
    name: 'container markers ignored off Linux',
    os: 'darwin',
    env: { container: 'x' },
    files: { '/.dockerenv': '' },
    expect: { session: 'desktop', ssh: false, display: true, wsl: false, container: false },
  },
];

describe('detectSession', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const info = await detectSession(c.env, fakeFs(c.files), c.os);
      const { session, ssh: isSsh, display, wsl, container } = info;
      assert.deepEqual({ session, ssh: isSsh, display, wsl, container }, c.expect);
    });
  }

  test('evidence names the sources, never the values', async () => {
    const info = await detectSession({ ...ssh, SSH_TTY: '/dev/pts/3' }, fakeFs({ '/proc/1/cgroup': DOCKER_CGROUP }), 'linux');
    assert.deepEqual(info.evidence, {
      os: 'linux',
      sshVars: ['SSH_CONNECTION', 'SSH_TTY'],
      displaySource: null,
      wslSource: null,
      containerSource: '/proc/1/cgroup',
    });
    assert.doesNotMatch(JSON.stringify(info), /203\.0\.113\.9/);
  });

  test('an unreadable /proc does not throw', async () => {
    const broken: FileSystem = {
      readText: () => Promise.reject(new Error('EIO')),
      exists: () => Promise.reject(new Error('EIO')),
      list: async () => [],
      space: async () => null,
    };
    const info = await detectSession({}, broken, 'linux');
    assert.equal(info.session, 'headless');
    assert.equal(info.container, false);
  });

  test('runs against the real file system', async () => {
    const info = await detectSession({}, createFileSystem(), 'linux');
    assert.ok(['desktop', 'headless'].includes(info.session));
  });
});

describe('session.context probe', () => {
  const probeCases: { name: string; os: Os; env: Record<string, string>; files?: Record<string, string>; summary: string }[] = [
    { name: 'desktop', os: 'darwin', env: {}, summary: 'Desktop session' },
    { name: 'SSH to a VPS', os: 'linux', env: ssh, summary: 'SSH session, no display (headless)' },
    {
      name: 'headless container',
      os: 'linux',
      env: {},
      files: { '/.dockerenv': '' },
      summary: 'Headless session (no display), in a container',
    },
    { name: 'WSL', os: 'linux', env: { WSL_DISTRO_NAME: 'Ubuntu' }, summary: 'Desktop session, WSL' },
    { name: 'SSH with X forwarding', os: 'linux', env: { ...ssh, DISPLAY: 'localhost:10.0' }, summary: 'SSH session, display forwarded' },
  ];
  for (const c of probeCases) {
    test(`${c.name} → ok, "${c.summary}"`, async () => {
      const ctx = makeProbeInput({ env: c.env, fs: fakeFs(c.files), platform: fakePlatform({ os: c.os }) });
      const outcome = await sessionContextProbe.run(ctx);
      assert.equal(outcome.status, 'ok');
      assert.equal(outcome.summary, c.summary);
      assert.equal(outcome.cause, null);
    });
  }

  test('evidence carries the flags the fix plan reads', async () => {
    const ctx = makeProbeInput({ env: ssh, fs: fakeFs(), platform: fakePlatform({ os: 'linux' }) });
    const evidence = (await sessionContextProbe.run(ctx)).evidence as Record<string, unknown>;
    assert.equal(evidence['session'], 'ssh');
    assert.equal(evidence['ssh'], true);
    assert.equal(evidence['display'], false);
    assert.equal(evidence['wsl'], false);
    assert.equal(evidence['container'], false);
    assert.equal(sessionContextProbe.offline, 'run');
  });
});
