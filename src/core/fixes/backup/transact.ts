import type { HealthReport } from '../../../shared/report.js';
import type { ChangeOwner } from '../types.js';
import type { CommandRunner } from '../../io/ports.js';
import { BackupTransaction } from './transaction.js';
import type { BackupStoreDeps } from './store.js';
import { errorCode } from '../fix-fs.js';
import { join } from 'node:path';

export interface StepRunDeps {
  readonly fixId: ChangeOwner;
  readonly store: BackupStoreDeps;
  readonly runner: CommandRunner;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The value typed for a step that needs one; never logged. */
  readonly input: string | null;
  /** The latest report, for the diagnostic report step; null for a change that is not a fix. */
  readonly report: HealthReport | null;
  /** How long to wait at the keyring's unlock prompt (tests shorten it). */
  readonly unlockPromptMs?: number;
}

export interface ActionOutcome {
  readonly ok: boolean;
  readonly message: string;
  readonly backupId: string | null;
}

export type Work = (txn: BackupTransaction) => Promise<{ readonly ok: boolean; readonly message: string; readonly keep?: boolean }>;

export function describeError(error: unknown): string {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return code !== 'EUNKNOWN' && !message.includes(code) ? `${message} (${code})` : message;
}

/**
 * Backup, change, commit; or, if anything fails, put back what was saved and remove the partial
 * backup, so a failed step leaves everything as it was. `keep: false` from the work means it found
 * nothing to change: the empty backup is dropped.
 */
export async function transact(deps: StepRunDeps, title: string, work: Work): Promise<ActionOutcome> {
  let txn: BackupTransaction;
  try {
    txn = await BackupTransaction.begin(deps.store, deps.fixId, title);
  } catch (error) {
    return {
      ok: false,
      message: `Could not create a backup in ${deps.store.show(deps.store.dataDir)}: ${describeError(error)}. Nothing was changed.`,
      backupId: null,
    };
  }
  let outcome: Awaited<ReturnType<Work>>;
  try {
    outcome = await work(txn);
  } catch (error) {
    outcome = { ok: false, message: describeError(error) };
  }
  if (outcome.ok && outcome.keep !== false) {
    try {
      return { ok: true, message: outcome.message, backupId: await txn.commit() };
    } catch (error) {
      outcome = { ok: false, message: `the backup could not be completed: ${describeError(error)}` };
    }
  }
  const rolled = await txn.rollback();
  const kept = rolled.kept
    ? ` What the rollback replaced (written by the failed step, or by another program meanwhile) is kept in ${deps.store.show(join(txn.dir, 'displaced'))}.`
    : '';
  if (outcome.ok) return { ok: true, message: `${outcome.message}${kept}`, backupId: null };
  const tail = rolled.ok
    ? ` Nothing was changed: everything saved was put back.${kept}`
    : ` Putting things back failed too: ${rolled.problems.join('; ')}. The backup ${txn.id} holds the saved copies (claude-auth-doctor undo ${txn.id}).`;
  return { ok: false, message: `${outcome.message}.${tail}`.replace(/\.\./g, '.'), backupId: rolled.ok ? null : txn.id };
}

/** The environment a command runs with: the fix's env (not this process's), without colour codes. */
export function commandEnv(env: StepRunDeps['env']): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) out[name] = value;
  out['NO_COLOR'] = '1';
  return out;
}
