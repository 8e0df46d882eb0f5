import { homedir } from 'node:os';
import { resolveOs } from '../core/io/os.js';
import { decideRootUse, guardedPaths, switchToUser } from '../core/fixes/root-guard.js';
import { UsageError } from './usage.js';

/**
 * Before a command that may change files (fix, undo, wizard --web) does anything: as root on paths
 * another user controls, refuse, or, with --as-owner, become that user for the rest of the run.
 */
export async function settleRoot(asOwner: boolean): Promise<void> {
  const env = process.env;
  const decision = await decideRootUse(guardedPaths(env, resolveOs(process.platform), env['HOME']?.trim() || homedir()), asOwner);
  if (decision.kind === 'refuse') throw new UsageError(decision.message);
  if (decision.kind !== 'switch') return;
  try {
    switchToUser(decision);
  } catch (error) {
    throw new Error(`--as-owner: ${(error as Error).message}; nothing was changed.`);
  }
  process.stderr.write(`Running as ${decision.user} from here on (--as-owner).\n`);
}
