import { createSnapshotSaver, type SnapshotWriter } from '../diagnosis/snapshot.js';
import { createFixEngine } from '../fixes/fix-engine.js';
import { appDataDir } from '../platform/app-dirs.js';
import { DEFAULT_PROBE_BUDGET_MS } from '../probes/budget.js';
import type { ProbeEnv } from '../probes/probe.js';
import { createDoctorService, type DoctorServiceHandle } from './doctor-service.js';
import { fixChannels } from './fix-channels.js';

export interface DoctorWiring {
  readonly probeEnv: ProbeEnv;
  readonly version: string;
  /** `wizard --web --offline`: local checks only. */
  readonly offline?: boolean;
  /** How a shell runs this tool's CLI (for Claude Code's apiKeyHelper); the fix engine's default when absent. */
  readonly cliCommand?: string;
  /** Who the snapshot for `status` names as its writer (the tray app or the web wizard). */
  readonly snapshotBy: SnapshotWriter;
  /** Hears why a snapshot could not be saved (once per distinct reason). */
  readonly onSnapshotProblem: (message: string) => void;
}

/**
 * The one wiring of the doctor behind a wizard: the engine, the fix engine on the app's data dir,
 * and the fix channels, the same for the Electron app and for `wizard --web`; every full report it
 * records is saved for `status`.
 */
export function createDoctor(wiring: DoctorWiring): DoctorServiceHandle {
  const { probeEnv } = wiring;
  const dataDir = appDataDir(probeEnv.env, probeEnv.platform.os, probeEnv.homeDir);
  const service = createDoctorService({
    probeEnv,
    version: wiring.version,
    timeoutMs: DEFAULT_PROBE_BUDGET_MS,
    offline: wiring.offline ?? false,
    fixes: (tools) => fixChannels(createFixEngine({ probeEnv, dataDir, diagnose: tools.diagnose, cliCommand: wiring.cliCommand }), tools),
  });
  const place = { env: probeEnv.env, os: probeEnv.platform.os, homeDir: probeEnv.homeDir };
  const saver = createSnapshotSaver(place, wiring.snapshotBy, wiring.onSnapshotProblem);
  service.onReport((report) => void saver.save(report));
  return service;
}
