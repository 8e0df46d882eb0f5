import { homedir, networkInterfaces, release, userInfo } from 'node:os';
import type { CheckId, HealthReport } from '../../shared/report.js';
import type { Probe, ProbeEnv, ProbeOptions } from '../probes/probe.js';
import { configDir } from '../claude-code/paths.js';
import { runChecks } from '../probes/run-probes.js';
import { systemClock } from '../io/clock.js';
import { createResolver } from '../io/dns.js';
import { createFileSystem } from '../io/fs.js';
import { createHttpClient } from '../io/http.js';
import { createCommandRunner } from '../io/runner.js';
import { createTcpProber } from '../io/tcp.js';
import { createTlsProber } from '../io/tls.js';
import { resolveOs, type Os } from '../platform/adapter.js';
import { createPlatformAdapter } from '../platform/index.js';
import { ALL_PROBES } from '../probes/index.js';
import { buildReport } from './build-report.js';
import { detectSession } from '../platform/session.js';
import type { NetworkInterfaceInfo } from '../io/ports.js';

export interface DiagnoseOptions {
  readonly offline: boolean;
  readonly timeoutMs: number;
  readonly only?: readonly CheckId[] | undefined;
  readonly version: string;
  /** Probes to run; all eleven by default (tests hand in a subset or a fake). */
  readonly probes?: readonly Probe[];
  readonly probeEnv?: ProbeEnv;
  readonly statusValidators?: ProbeOptions['statusValidators'];
  readonly thorough?: boolean;
}

export function listInterfaces(): NetworkInterfaceInfo[] {
  return Object.entries(networkInterfaces()).map(([name, infos]) => ({
    name,
    addresses: (infos ?? []).map((i) => i.address),
  }));
}

function currentUser(env: Readonly<Record<string, string | undefined>>): string {
  try {
    return userInfo().username;
  } catch {
    return env['USER'] ?? env['USERNAME'] ?? '';
  }
}

/** The real world: the composition of every port for this process. Built once per run. */
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
  };
}

/** One full diagnosis: probes in parallel, each bounded, then the pure report. */
export async function diagnose(options: DiagnoseOptions): Promise<HealthReport> {
  const probeEnv = options.probeEnv ?? createProbeEnv();
  const [checks, session] = await Promise.all([
    runChecks(options.probes ?? ALL_PROBES, probeEnv, {
      offline: options.offline,
      timeoutMs: options.timeoutMs,
      only: options.only,
      statusValidators: options.statusValidators ?? null,
      thorough: options.thorough ?? false,
    }),
    detectSession(probeEnv.env, probeEnv.fs, probeEnv.platform.os),
  ]);
  return buildReport({
    checks,
    version: options.version,
    now: probeEnv.clock.now(),
    context: {
      os: probeEnv.platform.os,
      osRelease: release(),
      arch: process.arch,
      nodeVersion: process.version,
      session: session.session,
      ssh: session.ssh,
      display: session.display,
      wsl: session.wsl,
      container: session.container,
      offline: options.offline,
      configDir: configDir(probeEnv.env, probeEnv.homeDir),
    },
  });
}
