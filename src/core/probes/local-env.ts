import { homedir, networkInterfaces, release } from 'node:os';
import { createFileSystem } from '../io/fs.js';
import { resolveOs, type Os } from '../io/os.js';
import type { HttpClient, NetworkInterfaceInfo, Resolver, TcpProber, TlsProber } from '../io/ports.js';
import { createCommandRunner } from '../io/runner.js';
import { systemClock } from '../io/time.js';
import { createPlatformAdapter } from '../platform/index.js';
import { currentUser } from '../platform/user.js';
import type { ProbeEnv } from './probe.js';

type Env = Readonly<Record<string, string | undefined>>;

export function listInterfaces(): NetworkInterfaceInfo[] {
  return Object.entries(networkInterfaces()).map(([name, infos]) => ({
    name,
    addresses: (infos ?? []).map((i) => i.address),
  }));
}

const OFFLINE = 'the local checks make no network calls';

/** Network ports that never reach out: what a probe gets when it runs without the network. */
const noNetwork: { resolver: Resolver; http: HttpClient; tls: TlsProber; tcp: TcpProber } = {
  resolver: { lookup: async () => ({ kind: 'error', code: 'EOFFLINE', message: OFFLINE }) },
  http: { request: async () => ({ kind: 'failure', failure: 'other', code: 'EOFFLINE', message: OFFLINE, elapsedMs: 0 }) },
  tls: {
    handshake: async () => ({ kind: 'failure', failure: 'other', code: 'EOFFLINE', message: OFFLINE, issuer: null, elapsedMs: 0 }),
  },
  tcp: { connect: async () => ({ kind: 'failure', failure: 'other', code: 'EOFFLINE', elapsedMs: 0 }) },
};

/**
 * The world of the local checks alone (the shell hook, `statusline`, `status` without a fresh
 * snapshot): files, commands and the clock, no network at all, and no login shell started (these
 * run inside the user's own shell or terminal, whose environment is the one that counts). Kept
 * apart from probe-env.ts so that loading it loads neither undici nor TLS: it runs on every shell
 * start. `createProbeEnv` builds the full world on top of it.
 */
export function createLocalProbeEnv(env: Env = process.env, os: Os = resolveOs(process.platform)): ProbeEnv {
  const runner = createCommandRunner();
  const fs = createFileSystem();
  const homeDir = env['HOME'] || homedir();
  const interfaces = listInterfaces;
  let user: string | undefined;
  return {
    env,
    homeDir,
    user: () => (user ??= currentUser(env)),
    platform: createPlatformAdapter(os, { runner, fs, env, homeDir, interfaces }),
    runner,
    fs,
    clock: systemClock,
    ...noNetwork,
    interfaces,
    system: { osRelease: release(), arch: process.arch, nodeVersion: process.version },
    cwd: process.cwd(),
    loginShellEnv: async () => ({ kind: 'not-applicable', reason: 'the local checks read the environment they run in' }),
  };
}
