import { resolve } from 'node:path';
import { buildDiagnosticBundle } from '../../core/diagnosis/bundle.js';
import { diagnose } from '../../core/diagnosis/diagnose.js';
import { boundSystemResolver } from '../../core/io/dns.js';
import { writeFileAtomic } from '../../core/io/atomic-write.js';
import { EXIT } from '../exit-codes.js';
import { writeOut } from '../output.js';
import { parseCommandArgs, UsageError } from '../usage.js';
import { toolVersion } from '../version.js';
import { DEFAULT_PROBE_BUDGET_MS } from '../../core/probes/budget.js';

/** claude-auth-doctor-report-20261126-1749.json, in this machine's time (a name people sort by). */
export function defaultReportName(at: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  return `claude-auth-doctor-report-${stamp}.json`;
}

export async function runReport(args: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args,
    allowPositionals: false,
    options: { out: { type: 'string' }, offline: { type: 'boolean', default: false } },
  });
  boundSystemResolver(process.env, DEFAULT_PROBE_BUDGET_MS);
  const report = await diagnose({
    offline: values.offline === true,
    timeoutMs: DEFAULT_PROBE_BUDGET_MS,
    version: toolVersion(),
  });
  const text = JSON.stringify(buildDiagnosticBundle(report, process.env), null, 2) + '\n';
  // Piped (or `--out -`): the JSON to stdout, for scripts. On a terminal 300 lines of JSON help
  // nobody: it goes to a file in this directory, and the one line printed says where.
  if (values.out === '-' || (values.out === undefined && !process.stdout.isTTY)) {
    await writeOut(text);
    return EXIT.ok;
  }
  const path = resolve(values.out ?? defaultReportName(new Date()));
  try {
    await writeFileAtomic(path, text, { mode: 0o600 });
  } catch (error) {
    throw new UsageError(
      `Could not write the report to ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Choose a writable path with --out.`,
    );
  }
  const said = `Diagnostic report written to ${path} (redacted; safe to attach to a support request).\n`;
  // On a terminal the path is the output; piped, stdout stays clean for the caller.
  if (process.stdout.isTTY) await writeOut(said);
  else process.stderr.write(said);
  return EXIT.ok;
}
