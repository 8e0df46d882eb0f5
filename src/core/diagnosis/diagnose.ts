import type { HealthReport } from '../../shared/report.js';
import { ALL_PROBES } from '../probes/index.js';
import { createProbeEnv } from '../probes/probe-env.js';
import { diagnoseWith, type DiagnoseOptions } from './diagnose-with.js';

export type { DiagnoseOptions } from './diagnose-with.js';

/** One full diagnosis: probes in parallel, each bounded, then the pure report. */
export function diagnose(options: DiagnoseOptions): Promise<HealthReport> {
  return diagnoseWith(options.probes ?? ALL_PROBES, options.probeEnv ?? createProbeEnv(), options);
}
