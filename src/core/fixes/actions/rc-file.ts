import { writeFileAtomic } from '../../io/atomic-write.js';
import { createFileSystem } from '../../io/fs.js';
import { identityOf, readRegularFile } from '../../io/safe-file.js';
import { lstatOrNull } from '../fix-fs.js';
import { dirname } from 'node:path';
import { checkSyntax, disableAssignments, MAX_RC_BYTES, parseRc, setBlock, type Dialect, type SyntaxVerdict } from '../rc-files/index.js';
import { transact, type ActionOutcome, type StepRunDeps } from '../backup/transact.js';
import type { RunStep, StepAction } from '../types.js';

/** The shell's own syntax check of a text, run as the fix's environment would find the shell. */
function syntaxCheck(deps: StepRunDeps, dialect: Dialect): (text: string) => Promise<SyntaxVerdict> {
  return (text) => checkSyntax({ runner: deps.runner, fs: createFileSystem(), path: deps.env['PATH'] }, dialect, text);
}

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
  const check = syntaxCheck(deps, action.dialect);
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

/**
 * Puts the doctor's own block into a start-up file, replaces it, or takes it out again (body
 * null), touching no other line. Like unsetInRc: nothing is written unless the file passes the
 * shell's syntax check as it is and with the change. A missing file is created (0644, as shells
 * expect); undo then moves it aside again.
 */
export async function setRcBlock(
  step: RunStep,
  action: Extract<StepAction, { type: 'rc-block' }>,
  deps: StepRunDeps,
): Promise<ActionOutcome> {
  const { fs, show } = deps.store;
  const where = show(action.path);
  const check = syntaxCheck(deps, action.dialect);
  return transact(deps, step.title, async (txn) => {
    const stat = await lstatOrNull(fs, action.path);
    if (stat && !stat.isFile()) return { ok: false, message: `${where} is not a regular file (a link or a folder); edit it by hand` };
    const text = stat
      ? (await readRegularFile(fs, action.path, { maxBytes: MAX_RC_BYTES, expect: identityOf(stat) })).bytes.toString('utf8')
      : '';
    const edit = setBlock(parseRc(text, action.dialect), action.name, action.body);
    if (edit.kind === 'unchanged')
      return { ok: true, keep: false, message: `${where} ${action.body ? 'already has it' : 'does not have it'}; nothing to change.` };
    if (edit.kind === 'refused') return { ok: false, message: `${where} was left as it is: ${edit.reason}` };
    const before = await check(text);
    if (before.kind === 'error')
      return { ok: false, message: `${where} was left as it is: \`${before.shell} -n\` already finds a problem in it (${before.message})` };
    const after = await check(edit.text);
    if (after.kind === 'error')
      return { ok: false, message: `${where} was left as it is: with the change, \`${after.shell} -n\` would report ${after.message}` };
    await txn.saveFile(action.path, 'Shell start-up file');
    if (!stat) await fs.mkdir(dirname(action.path), { recursive: true, mode: 0o700 });
    const written = await writeFileAtomic(action.path, edit.text, {
      fs,
      mode: stat ? stat.mode & 0o777 : 0o644,
      owner: stat ? { uid: stat.uid, gid: stat.gid } : null,
    });
    txn.wrote(written.sha256);
    return {
      ok: true,
      message: `${action.body ? 'Added the lines to' : 'Removed the lines from'} ${where} (backup ${txn.id}; undo puts the file back). Open a new terminal for it to take effect.`,
    };
  });
}
