import { homedir } from 'node:os';
import { createSnapshotSaver, type SnapshotPlace, type SnapshotWriter } from '../core/diagnosis/snapshot.js';
import { resolveOs } from '../core/io/os.js';
import type { HealthReport } from '../shared/report.js';

/** This process's world as a snapshot sees it: the key `status` compares must be computed the same way by every writer. */
export function thisPlace(): SnapshotPlace {
  const env = process.env;
  return { env, os: resolveOs(process.platform), homeDir: env['HOME'] || homedir() };
}

/** Saves a command's full report for `status`; a failure is one line on stderr, never the command's exit code. */
export function saveForStatus(by: SnapshotWriter): (report: HealthReport) => Promise<void> {
  const saver = createSnapshotSaver(thisPlace(), by, (message) => process.stderr.write(`claude-auth-doctor: ${message}\n`));
  return (report) => saver.save(report);
}
