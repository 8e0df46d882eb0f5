import { homedir, networkInterfaces, release, userInfo } from 'node:os';
import { createResolver } from '../io/dns.js';
import { createFileSystem } from '../io/fs.js';
import { createHttpClient } from '../io/http.js';
import { resolveOs, type Os } from '../io/os.js';
import type { NetworkInterfaceInfo } from '../io/ports.js';
import { createCommandRunner } from '../io/runner.js';
import { createTcpProber } from '../io/tcp.js';
import { systemClock } from '../io/time.js';
import { createTlsProber } from '../io/tls.js';
import { createPlatformAdapter } from '../platform/index.js';
import { freshTerminalEnv } from '../platform/fresh-terminal-env.js';
import { readLoginShellEnv, RESOLVING_VARIABLE } from '../platform/login-shell-env.js';
import type { ProbeEnv } from './probe.js';

export function listInterfaces(): NetworkInterfaceInfo[] {
  return Object.entries(networkInterfaces()).map(([name, infos]) => ({
    name,
    addresses: (infos ?? []).map((i) => i.address),
  }));
}

function accountShell(): string | null {
  try {
    return userInfo().shell;
  } catch {
    return null;
  }
}

function currentUser(env: Readonly<Record<string, string | undefined>>): string {
  try {
    return userInfo().username;
  } catch {
    return env['USER'] ?? env['USERNAME'] ?? '';
  }
}

/**
 * The real world: the composition of every port for this process, and the one place in the
 * engine that reads `process.*` (env, platform, versions). Built once per run.
 */
export function createProbeEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
  os: Os = resolveOs(process.platform),
): ProbeEnv {
  const runner = createCommandRunner();
  const fs = createFileSystem();
  const homeDir = env['HOME'] || homedir();
  const interfaces = listInterfaces;
  return {
    env,
    homeDir,
    user: currentUser(env),
    platform: createPlatformAdapter(os, { runner, fs, env, homeDir, interfaces }),
    runner,
    fs,
    clock: systemClock,
    resolver: createResolver(),
    http: createHttpClient(),
    tls: createTlsProber(),
    tcp: createTcpProber(),
    interfaces,
    system: { osRelease: release(), arch: process.arch, nodeVersion: process.version },
    cwd: process.cwd(),
    // A new terminal's login shell (not this process's exports); inside the doctor's own shell hook, none (it would start the hook again).
    loginShellEnv: (timeoutMs) =>
      env[RESOLVING_VARIABLE]
        ? Promise.resolve({ kind: 'not-applicable', reason: 'already inside a login shell the doctor started' })
        : readLoginShellEnv(runner, { env: freshTerminalEnv(env, os), os, accountShell: accountShell(), timeoutMs }),
  };
}
