/**
 * Child process for the huge-file test: moves `<home>/.claude/.credentials.json` aside into a
 * backup and restores it, through the real backup code, so the parent can measure this process's
 * peak memory. Prints "moved aside and restored" on success. Without arguments (e.g. picked up by
 * the test runner) it does nothing.
 */
import { join } from 'node:path';
import { BackupTransaction } from '../../src/core/fixes/backup/transaction.js';
import { undoBackup } from '../../src/core/fixes/backup/undo.js';
import { realFixFs } from '../../src/core/fixes/fix-fs.js';

const [home, dataDir] = process.argv.slice(2);
if (home && dataDir) {
  const deps = { dataDir, fs: realFixFs, secrets: {}, now: () => Date.now(), show: (p: string) => p };
  const txn = await BackupTransaction.begin(deps, 'reset-credentials', 'huge file');
  if (!(await txn.moveAside(join(home, '.claude', '.credentials.json'), 'login'))) throw new Error('nothing moved');
  await txn.commit();
  const undone = await undoBackup(deps, txn.id);
  if (!undone.ok) throw new Error(undone.message);
  process.stdout.write('moved aside and restored\n');
}
