import { writeFileAtomic } from '../../io/atomic-write.js';
import { createFileSystem } from '../../io/fs.js';
import { identityOf, readRegularFile } from '../../io/safe-file.js';
import { lstatOrNull } from '../fix-fs.js';
import { checkSyntax, disableAssignments, MAX_RC_BYTES, parseRc } from '../rc-files/index.js';
import { transact, type ActionOutcome, type StepRunDeps } from '../backup/transact.js';
import type { RunStep, StepAction } from '../types.js';

/**
 * Disables the statements that set conflicting variables in one start-up file. Nothing is written
 * unless the file as it is passes the shell's syntax check, the statements are the ones planned,
 * each can be disabled whole, and the edited text passes the same check.
 */
export async function unsetInRc(
  step: RunStep,
  action: Extract<StepAction, { type: 'unset-in-rc' }>,
  deps: StepRunDeps,
): Promise<ActionOutcome> {
  const { fs, show } = deps.store;
  const where = show(action.path);
  const check = (text: string) =>
    checkSyntax({ runner: deps.runner, fs: createFileSystem(), path: deps.env['PATH'] }, action.dialect, text);
  return transact(deps, step.title, async (txn) => {
    const stat = await lstatOrNull(fs, action.path);
    if (!stat?.isFile()) return { ok: false, message: `${where} is no longer a regular file` };
    const text = (await readRegularFile(fs, action.path, { maxBytes: MAX_RC_BYTES, expect: identityOf(stat) })).bytes.toString('utf8');
    const before = await check(text);
    if (before.kind === 'error')
      return {
        ok: false,
        message: `${where} was left as it is: \`${before.shell} -n\` already finds a problem in it (${before.message}). Fix that first, or remove the line by hand`,
      };
    const edit = disableAssignments(parseRc(text, action.dialect), action.names, txn.id, action.statements);
    if (edit.kind === 'refused') return { ok: false, message: `${where} was left as it is: ${edit.reason}` };
    const after = await check(edit.text);
    if (after.kind === 'error')
      return {
        ok: false,
        message: `${where} was left as it is: with the change, \`${after.shell} -n\` would report ${after.message}. Remove the line by hand`,
      };
    await txn.saveFile(action.path, 'Shell start-up file');
    const written = await writeFileAtomic(action.path, edit.text, { fs, mode: stat.mode & 0o777, owner: { uid: stat.uid, gid: stat.gid } });
    txn.wrote(written.sha256);
    const lines = action.statements.map((s) => (s.firstLine === s.lastLine ? `${s.firstLine}` : `${s.firstLine}-${s.lastLine}`));
    const checked =
      after.kind === 'ok'
        ? ` \`${after.shell} -n\` checked the result.`
        : ` ${after.shell} is not installed here, so only the doctor's own parser checked the result.`;
    return {
      ok: true,
      message: `Disabled ${action.names.join(', ')} in ${where} (line${lines.length > 1 || lines[0]?.includes('-') ? 's' : ''} ${lines.join(', ')}; backup ${txn.id}).${checked} Open a new terminal for it to take effect.${edit.notes.length ? ` ${edit.notes.join(' ')}` : ''}`,
    };
  });
}
