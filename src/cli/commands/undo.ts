import { appDataDir } from '../../core/platform/app-dirs.js';
import { diagnose } from '../../core/diagnosis/diagnose.js';
import { createProbeEnv } from '../../core/probes/probe-env.js';
import { BACKUP_ID } from '../../core/fixes/backup/store.js';
import { createFixEngine } from '../../core/fixes/fix-engine.js';
import type { BackupSummary } from '../../core/fixes/types.js';
import { DEFAULT_PROBE_BUDGET_MS } from '../../core/probes/budget.js';
import { EXIT } from '../exit-codes.js';
import { writeOut } from '../output.js';
import { createPrompter, PromptAborted } from '../prompt.js';
import { parseCommandArgs, UsageError } from '../usage.js';
import { toolVersion } from '../version.js';
import { settleRoot } from '../root-switch.js';

function describe(backup: BackupSummary): string {
  const lines = [`${backup.id}  ${backup.createdAt}  ${backup.state}`, `  ${backup.fixId}: ${backup.step}`];
  for (const entry of backup.entries) lines.push(`    ${entry.what}: ${entry.where}`);
  return lines.join('\n') + '\n';
}

export async function runUndo(args: string[]): Promise<number> {
  const parsed = parseCommandArgs({
    args,
    allowPositionals: true,
    options: {
      yes: { type: 'boolean', short: 'y', default: false },
      list: { type: 'boolean', default: false },
      'as-owner': { type: 'boolean', default: false },
    },
  });
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`undo takes at most one backup id (got ${positionals.length}).`);
  const id = positionals[0];
  if (id !== undefined && !BACKUP_ID.test(id))
    throw new UsageError(
      `"${id}" is not a backup id (they look like 20261123-231501-reset-credentials-ab12). List them with: claude-auth-doctor undo --list`,
    );

  if (!values.list) await settleRoot(values['as-owner'] === true);
  const probeEnv = createProbeEnv();
  const dataDir = appDataDir(process.env, probeEnv.platform.os, probeEnv.homeDir);
  const service = createFixEngine({
    probeEnv,
    dataDir,
    diagnose: (only) => diagnose({ offline: true, timeoutMs: DEFAULT_PROBE_BUDGET_MS, only, version: toolVersion(), probeEnv }),
  });

  if (values.list) {
    const backups = await service.listBackups();
    await writeOut(backups.length === 0 ? 'No backups yet: no fix has changed anything.\n' : backups.map(describe).join('\n'));
    return EXIT.ok;
  }

  const target = await service.findBackup(id);
  if (!target) {
    if (id !== undefined) {
      // Missing, or there but not provably the doctor's own: the engine says which, and restores nothing.
      const refused = await service.undo(id);
      process.stderr.write(`claude-auth-doctor: ${refused.message}\n`);
      return EXIT.usage;
    }
    await writeOut('Nothing to undo: no fix has changed anything yet (or every change was undone).\n');
    return EXIT.warn;
  }
  await writeOut(`This puts back what backup ${target.id} saved:\n${describe(target)}`);
  if (!values.yes) {
    if (process.stdin.isTTY !== true || process.stdout.isTTY !== true) {
      process.stderr.write('Not a terminal, so nothing was restored. Re-run with --yes to restore it.\n');
      return EXIT.warn;
    }
    const prompter = createPrompter(process.stdin, process.stdout);
    try {
      const answer = (await prompter.ask('Restore it? [y/N] ')).trim().toLowerCase();
      if (answer !== 'y' && answer !== 'yes') {
        await writeOut('Nothing was restored.\n');
        return EXIT.warn;
      }
    } catch (error) {
      if (error instanceof PromptAborted) return EXIT.warn;
      throw error;
    } finally {
      prompter.close();
    }
  }
  const result = await service.undo(target.id);
  await writeOut(`${result.ok ? '✓' : '✗'} ${result.message}\n`);
  return result.ok ? EXIT.ok : EXIT.fail;
}
