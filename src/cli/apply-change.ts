import { diagnose } from '../core/diagnosis/diagnose.js';
import { createFixEngine } from '../core/fixes/fix-engine.js';
import type { PlannedChange } from '../core/fixes/types.js';
import { appDataDir } from '../core/platform/app-dirs.js';
import { DEFAULT_PROBE_BUDGET_MS } from '../core/probes/budget.js';
import type { ProbeEnv } from '../core/probes/probe.js';
import { toolVersion } from './version.js';

/**
 * Applies a change through the fix engine (its lock, backups and undo) and returns one line per
 * step, ✓ or ✗ and the engine's message, and whether all went well.
 */
export async function applyChange(probeEnv: ProbeEnv, change: PlannedChange): Promise<{ ok: boolean; lines: string[] }> {
  const engine = createFixEngine({
    probeEnv,
    dataDir: appDataDir(probeEnv.env, probeEnv.platform.os, probeEnv.homeDir),
    diagnose: (only) => diagnose({ offline: true, timeoutMs: DEFAULT_PROBE_BUDGET_MS, only, version: toolVersion(), probeEnv }),
  });
  const result = await engine.apply(change);
  return { ok: result.ok, lines: result.steps.map((s) => `${s.ok ? '✓' : '✗'} ${s.title}: ${s.message}`) };
}
