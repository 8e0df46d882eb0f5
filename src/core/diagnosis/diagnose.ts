import type { CheckId, HealthReport } from '../../shared/report.js';
import { configDir } from '../claude-code/paths.js';
import { detectSession } from '../platform/session.js';
import { ALL_PROBES } from '../probes/index.js';
import type { Probe, ProbeEnv, ProbeOptions } from '../probes/probe.js';
import { createProbeEnv } from '../probes/probe-env.js';
import { runChecks } from '../probes/run-probes.js';
import { buildReport } from './build-report.js';

export interface DiagnoseOptions {
  readonly offline: boolean;
  readonly timeoutMs: number;
  readonly only?: readonly CheckId[] | undefined;
  readonly version: string;
  /** Probes to run; all twelve by default (tests hand in a subset or a fake). */
  readonly probes?: readonly Probe[];
  readonly probeEnv?: ProbeEnv;
  readonly statusValidators?: ProbeOptions['statusValidators'];
  /** False: judge the token from its stored expiry only (the monitor, right after wake). */
  readonly tokenOnline?: boolean;
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
      tokenOnline: options.tokenOnline ?? true,
    }),
    detectSession(probeEnv.env, probeEnv.fs, probeEnv.platform.os),
  ]);
  return buildReport({
    checks,
    version: options.version,
    now: probeEnv.clock.now(),
    context: {
      os: probeEnv.platform.os,
      ...probeEnv.system,
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
