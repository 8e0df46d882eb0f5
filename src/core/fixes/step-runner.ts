import { writeFileAtomic } from '../io/atomic-write.js';
import { join } from 'node:path';
import { buildDiagnosticBundle } from '../diagnosis/bundle.js';
import { runCommand } from './actions/command.js';
import { moveAside, settingsEdit, writeWholeFile } from './actions/files.js';
import { setRcBlock, unsetInRc } from './actions/rc-file.js';
import { verifyCaFile } from './actions/trust-ca.js';
import { keychainMoveAside, secretServiceUnlock, storeApiKey } from './actions/secrets.js';
import { ensurePrivateDir } from './backup/store.js';
import { describeError, type ActionOutcome, type StepRunDeps } from './backup/transact.js';
import type { RunStep } from './types.js';

export type { ActionOutcome, StepRunDeps } from './backup/transact.js';
export { checkApiKey } from './actions/secrets.js';

async function writeReport(deps: StepRunDeps): Promise<ActionOutcome> {
  const { fs, show, dataDir, now } = deps.store;
  if (!deps.report) return { ok: false, message: 'There is no report to write: run the checks first.', backupId: null };
  const dir = join(dataDir, 'reports');
  const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
  const path = join(dir, `diagnostic-${stamp}.json`);
  try {
    await ensurePrivateDir(fs, dir);
    await writeFileAtomic(path, JSON.stringify(buildDiagnosticBundle(deps.report, deps.env), null, 2) + '\n', { fs, mode: 0o600 });
  } catch (error) {
    return { ok: false, message: `Could not write the report: ${describeError(error)}`, backupId: null };
  }
  return { ok: true, message: `Wrote the redacted diagnostic report to ${show(path)}; attach it to your support request.`, backupId: null };
}

/** Runs one 'run' step's action. Never throws; every message is redacted by the caller. */
export async function runAction(step: RunStep, deps: StepRunDeps): Promise<ActionOutcome> {
  const action = step.action;
  switch (action.type) {
    case 'command':
      return runCommand(step, action, deps);
    case 'move-aside':
      return moveAside(step, action, deps);
    case 'keychain-move-aside':
      return keychainMoveAside(step, action, deps);
    case 'unset-in-rc':
      return unsetInRc(step, action, deps);
    case 'rc-block':
      return setRcBlock(step, action, deps);
    case 'trust-ca': {
      const problem = await verifyCaFile(action, deps).catch(
        (error: unknown) => `Could not read ${deps.store.show(action.caPath)}: ${describeError(error)}`,
      );
      return problem ? { ok: false, message: problem, backupId: null } : setRcBlock(step, action.block, deps);
    }
    case 'settings-edit':
      return settingsEdit(step, action, deps);
    case 'store-api-key':
      return storeApiKey(step, deps);
    case 'secret-service-unlock':
      return secretServiceUnlock(deps);
    case 'write-report':
      return writeReport(deps);
    case 'write-file':
      return writeWholeFile(step, action, deps);
  }
}
