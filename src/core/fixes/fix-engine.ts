import { randomUUID } from 'node:crypto';
import type { CheckId, FixId, HealthReport } from '../../shared/report.js';
import type { ProbeEnv } from '../probes/probe.js';
import { displayPath } from '../claude-code/paths.js';
import { redactText } from '../redact/redact.js';
import { createKeytarStore } from '../keychain/api-key-store.js';
import { listManifests, summarise, type BackupStoreDeps } from './backup/store.js';
import { findForUndo, undoBackup } from './backup/undo.js';
import { realFixFs, type FixFs } from './fix-fs.js';
import { acquireFixLock, type LockHolder } from './lock.js';
import { decideRootUse, guardedPaths } from './root-guard.js';
import { createMacKeychain } from '../keychain/mac-keychain.js';
import { FIX_DEFINITIONS } from './registry.js';
import type { SecretStores } from '../keychain/secret-stores.js';
import { fixTarget } from './fix-target.js';
import { runAction } from './step-runner.js';
import type {
  BackupSummary,
  ChangeResult,
  ChangeStepOutcome,
  FixRunView,
  PlannedChange,
  FixStep,
  StepResult,
  StepView,
  UndoResult,
  VerificationView,
} from './types.js';
import { mergeReport } from '../diagnosis/merge.js';
import { verification } from './verification.js';

export { cliArgv, defaultCliCommand, fixTarget } from './fix-target.js';

export interface FixEngineOptions {
  readonly probeEnv: ProbeEnv;
  /** The app's data dir (backups, lock, reports); see `appDataDir`. */
  readonly dataDir: string;
  /** Runs the checks again: only the given ones, or all when absent. */
  readonly diagnose: (only?: readonly CheckId[]) => Promise<HealthReport>;
  /** A shell command that runs this CLI; Electron passes its own (ELECTRON_RUN_AS_NODE=1 …). */
  readonly cliCommand?: string;
  /** Keychains; default: keytar everywhere, plus /usr/bin/security on macOS. */
  readonly secrets?: SecretStores;
  /** File operations; tests inject failures. */
  readonly fs?: FixFs;
  /** How long a step waits for another fix run to finish before giving up. */
  readonly lockWaitMs?: number;
  readonly onLockWait?: (holder: LockHolder | null) => void;
}

/** What the CLI, the wizard's IPC handlers and the web host call. Every result is JSON-safe and secret-free. */
export interface FixEngine {
  start(fixId: FixId, report: HealthReport): Promise<FixRunView>;
  /** Runs step `index` ('run' steps act; the others only re-check), then re-runs the fix's checks. */
  runStep(runId: string, index: number, input?: { readonly secret?: string }): Promise<StepResult>;
  /** Restores one backup (the most recent not yet undone when no id is given). */
  undo(backupId?: string): Promise<UndoResult>;
  /** The backup `undo(backupId)` would restore, for a confirmation prompt; null when none. */
  findBackup(backupId?: string): Promise<BackupSummary | null>;
  listBackups(): Promise<BackupSummary[]>;
  /**
   * Runs a change that answers no finding (installing `watch` as a user service) with the same lock,
   * backups and undo as a fix: its steps in order, stopping at the first that fails.
   */
  apply(change: PlannedChange): Promise<ChangeResult>;
}

const MAX_RUNS = 32;

interface Run {
  readonly fixId: FixId;
  readonly steps: readonly FixStep[];
  report: HealthReport;
}

/** What a front end shows of a step. Steps quote findings and the user's settings: redacted once more here. */
function view(step: FixStep, index: number): StepView {
  const base = {
    index,
    kind: step.kind,
    title: redactText(step.title),
    detail: redactText(step.detail),
    automatable: false,
    changes: false,
    effects: [],
    undo: null,
    input: null,
    leaves: null,
  };
  switch (step.kind) {
    case 'info':
      return base;
    case 'link':
      return { ...base, url: step.url };
    case 'user-action':
      return step.copy === null ? base : { ...base, command: redactText(step.copy) };
    case 'run':
      return {
        ...base,
        command: redactText(step.display),
        automatable: step.automatable,
        changes: step.changes,
        effects: step.effects,
        undo: step.undo,
        input: step.input,
        leaves: step.leaves,
      };
  }
}

export function createFixEngine(options: FixEngineOptions): FixEngine {
  const env = options.probeEnv;
  const fs = options.fs ?? realFixFs;
  const dataDir = options.dataDir;
  const keytar = createKeytarStore({ os: env.platform.os, keychainState: (ms) => env.platform.keychainState(ms) });
  const secrets: SecretStores = options.secrets ?? {
    keytar,
    ...(env.platform.os === 'darwin' ? { 'macos-keychain': createMacKeychain(env.runner, { nativeWrite: keytar.write }) } : {}),
  };
  const show = (path: string): string => displayPath(path, env.homeDir);
  const store: BackupStoreDeps = { dataDir, fs, secrets, now: () => env.clock.now(), show };
  const runs = new Map<string, Run>();
  const lock = () => acquireFixLock(dataDir, { waitMs: options.lockWaitMs, onWait: options.onLockWait });
  /** As root, only on paths root alone controls (the CLI switches users before it gets here). */
  const rootRefusal = async (): Promise<string | null> => {
    const decision = await decideRootUse(guardedPaths(env.env, env.platform.os, env.homeDir), false);
    return decision.kind === 'refuse' ? decision.message : null;
  };

  async function recheck(run: Run): Promise<{ report: HealthReport; verification: VerificationView }> {
    const verifies = FIX_DEFINITIONS[run.fixId].verifies;
    if (verifies.length > 0) run.report = mergeReport(run.report, await options.diagnose(verifies));
    return { report: run.report, verification: verification(run.report, verifies) };
  }

  function scrub(message: string, secret: string | undefined): string {
    const clean = redactText(message);
    return secret && secret.length >= 4 ? clean.split(secret).join('[redacted]') : clean;
  }

  return {
    async start(fixId, report) {
      const definition = FIX_DEFINITIONS[fixId];
      const steps = await definition.steps(await fixTarget(env, report, { dataDir, cliCommand: options.cliCommand }));
      const runId = randomUUID();
      runs.set(runId, { fixId, steps, report });
      while (runs.size > MAX_RUNS) runs.delete(runs.keys().next().value as string);
      return { runId, fixId, title: definition.title, why: definition.why, verifies: definition.verifies, steps: steps.map(view) };
    },

    async runStep(runId, index, input) {
      const run = runs.get(runId);
      if (!run) throw new Error(`No fix run "${runId}"; start the fix again.`);
      const step = run.steps[index];
      if (!step) throw new Error(`Fix "${run.fixId}" has no step ${index}.`);
      if (step.kind !== 'run') {
        const after = await recheck(run);
        return { ok: true, message: 'Checked again.', backupId: null, ...after };
      }
      const secret = input?.secret;
      if (step.input && !secret) {
        return {
          ok: false,
          message: `This step needs a value: ${step.input.label}.`,
          backupId: null,
          report: run.report,
          verification: verification(run.report, FIX_DEFINITIONS[run.fixId].verifies),
        };
      }
      let outcome;
      const refusal = await rootRefusal();
      const held = refusal !== null ? new Error(`${refusal} Nothing was changed.`) : await lock().catch((error: unknown) => error as Error);
      if (held instanceof Error) {
        outcome = { ok: false, message: held.message, backupId: null };
      } else {
        try {
          outcome = await runAction(step, {
            fixId: run.fixId,
            store,
            runner: env.runner,
            env: env.env,
            input: step.input ? (secret ?? null) : null,
            report: run.report,
          });
        } catch (error) {
          outcome = { ok: false, message: `The step failed unexpectedly: ${(error as Error).message}`, backupId: null };
        } finally {
          await held.release();
        }
      }
      const after = await recheck(run);
      return { ok: outcome.ok, message: scrub(outcome.message, secret), backupId: outcome.backupId, ...after };
    },

    async undo(backupId) {
      const refusal = await rootRefusal();
      if (refusal !== null) return { ok: false, message: `${refusal} Nothing was restored.`, backupId: backupId ?? null, restored: [] };
      const held = await lock().catch((error: unknown) => error as Error);
      if (held instanceof Error) return { ok: false, message: redactText(held.message), backupId: backupId ?? null, restored: [] };
      try {
        return await undoBackup(store, backupId);
      } finally {
        await held.release();
      }
    },

    async findBackup(backupId) {
      const found = await findForUndo(store, backupId);
      return found.kind === 'found' ? summarise(found.backup.manifest, show) : null;
    },

    async listBackups() {
      return (await listManifests(fs, dataDir)).map((b) => summarise(b.manifest, show));
    },

    async apply(change) {
      const held = await lock().catch((error: unknown) => error as Error);
      if (held instanceof Error)
        return { ok: false, steps: [{ title: 'Wait for other fixes', ok: false, message: held.message, backupId: null }] };
      const steps: ChangeStepOutcome[] = [];
      try {
        for (const step of change.steps) {
          const deps = { fixId: change.id, store, runner: env.runner, env: env.env, input: null, report: null };
          const outcome = await runAction(step, deps).catch((error: unknown) => ({
            ok: false,
            message: `The step failed unexpectedly: ${(error as Error).message}`,
            backupId: null,
          }));
          steps.push({ title: step.title, ok: outcome.ok, message: redactText(outcome.message), backupId: outcome.backupId });
          if (!outcome.ok) break;
        }
      } finally {
        await held.release();
      }
      return { ok: steps.every((s) => s.ok), steps };
    },
  };
}
