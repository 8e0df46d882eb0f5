import type { CommandResult } from '../../io/ports.js';
import { redactText } from '../../redact/redact.js';
import { commandEnv, transact, type ActionOutcome, type StepRunDeps } from '../backup/transact.js';
import type { RunStep, StepAction } from '../types.js';

function outputOf(result: CommandResult): string {
  const text = redactText(`${result.stdout}\n${result.stderr}`).trim().split(/\r?\n/).filter(Boolean).slice(0, 6).join(' · ');
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

export function commandFailure(result: CommandResult, display: string): string | null {
  if (result.spawnError) return `\`${display}\` could not start (${result.spawnError})`;
  if (result.timedOut) return `\`${display}\` did not finish in time and was stopped`;
  if (result.code !== 0) {
    const said = outputOf(result);
    return `\`${display}\` exited with code ${result.code === null ? 'null (killed)' : result.code}${said ? `: ${said}` : ''}`;
  }
  return null;
}

export async function runCommand(
  step: RunStep,
  action: Extract<StepAction, { type: 'command' }>,
  deps: StepRunDeps,
): Promise<ActionOutcome> {
  const exec = async (): Promise<{ ok: boolean; message: string }> => {
    const result = await deps.runner.run(action.file, action.args, {
      timeoutMs: action.timeoutMs,
      env: commandEnv(deps.env),
      maxBytes: 256 * 1024,
    });
    const failed = commandFailure(result, step.display);
    if (failed) return { ok: false, message: failed };
    const said = outputOf(result);
    return { ok: true, message: `Ran \`${step.display}\`${said ? `: ${said}` : '.'}` };
  };
  if (action.backup.length === 0) return { ...(await exec()), backupId: null };
  return transact(deps, step.title, async (txn) => {
    for (const target of action.backup) {
      if (target.kind === 'file') await txn.saveFile(target.path, target.what);
      else await txn.saveSecretItem('macos-keychain', target.service, target.account, target.what);
    }
    return exec();
  });
}
