import type { CheckId, HealthReport } from '../../shared/report.js';
import { configDir } from '../claude-code/paths.js';
import { detectSession } from '../platform/session.js';
import type { Probe, ProbeEnv, ProbeOptions } from '../probes/probe.js';
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

/**
 * One diagnosis with the given probes in the given world: probes in parallel, each bounded, then
 * the pure report. Apart from diagnose.ts so that a caller naming its own few probes (the local
 * checks) does not load all twelve.
 */
export async function diagnoseWith(probes: readonly Probe[], probeEnv: ProbeEnv, options: DiagnoseOptions): Promise<HealthReport> {
  const [checks, session] = await Promise.all([
    runChecks(probes, probeEnv, {
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
