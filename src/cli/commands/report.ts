import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDiagnosticBundle } from '../../core/diagnosis/bundle.js';
import { diagnose } from '../../core/diagnosis/diagnose.js';
import { boundSystemResolver } from '../../core/io/dns.js';
import { writeFileAtomic } from '../../core/io/atomic-write.js';
import { EXIT } from '../exit-codes.js';
import { writeOut } from '../output.js';
import { UsageError } from '../usage.js';
import { toolVersion } from '../version.js';
import { DEFAULT_PROBE_BUDGET_MS } from '../../core/probes/budget.js';

export async function runReport(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      allowPositionals: false,
      options: { out: { type: 'string' }, offline: { type: 'boolean', default: false } },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  boundSystemResolver(process.env, DEFAULT_PROBE_BUDGET_MS);
  const report = await diagnose({
    offline: values.offline === true,
    timeoutMs: DEFAULT_PROBE_BUDGET_MS,
    version: toolVersion(),
  });
  const text = JSON.stringify(buildDiagnosticBundle(report, process.env), null, 2) + '\n';
  if (values.out === undefined || values.out === '-') {
    await writeOut(text);
    return EXIT.ok;
  }
  const path = resolve(values.out);
  try {
    await writeFileAtomic(path, text, { mode: 0o600 });
  } catch (error) {
    throw new UsageError(
      `Could not write the report to ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Choose a writable path with --out.`,
    );
  }
  process.stderr.write(`Diagnostic report written to ${path} (redacted; safe to attach to a support request).\n`);
  return EXIT.ok;
}
