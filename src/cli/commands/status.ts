import { ageText, readSnapshot } from '../../core/diagnosis/snapshot.js';
import { parseTimeout } from '../check-flags.js';
import { exitCodeFor } from '../exit-codes.js';
import { stdoutInfo, writeWhole } from '../output.js';
import { renderHuman } from '../render-human.js';
import { thisPlace } from '../snapshot-place.js';
import { makePaint, wantsColor } from '../style.js';
import { parseFlags, UsageError } from '../usage.js';
import { toolVersion } from '../version.js';

/** Without --max-age: a watch or the tray app re-checks at least every 30 minutes, so an hour means none is running. */
export const DEFAULT_MAX_AGE_S = 3600;
/** The local checks' budget when no snapshot will do: a few files and at most a `security` call. */
export const LOCAL_BUDGET_MS = 2000;

interface StatusFlags {
  readonly json: boolean;
  readonly maxAgeMs: number;
  readonly timeoutMs: number;
  readonly color: boolean;
}

function parseStatusFlags(args: string[]): StatusFlags {
  const values = parseFlags(args, {
    json: { type: 'boolean', default: false },
    'max-age': { type: 'string' },
    timeout: { type: 'string' },
    'no-color': { type: 'boolean', default: false },
  });
  const raw = values['max-age'];
  if (raw !== undefined && (!/^\d+$/.test(raw) || Number(raw) > 30 * 86_400))
    throw new UsageError(`--max-age takes seconds between 0 and 2592000 (got "${raw}").`);
  return {
    json: values.json === true,
    maxAgeMs: (raw === undefined ? DEFAULT_MAX_AGE_S : Number(raw)) * 1000,
    timeoutMs: values.timeout === undefined ? LOCAL_BUDGET_MS : parseTimeout(values.timeout),
    color: values['no-color'] !== true,
  };
}

/**
 * `status`: the last full report a check, watch or the tray app saved, instantly; when none is
 * fresh enough (or it cannot be trusted), the local checks, with no network. The same JSON and exit
 * codes as `check`; the human form says how old the answer is and where it came from.
 */
export async function runStatus(args: string[]): Promise<number> {
  const flags = parseStatusFlags(args);
  const paint = makePaint(wantsColor(stdoutInfo, process.env, flags.color));
  const read = await readSnapshot(thisPlace(), { now: Date.now(), maxAgeMs: flags.maxAgeMs });
  if (read.kind === 'none' && read.untrusted) process.stderr.write(`claude-auth-doctor: the saved report was ${read.reason}.\n`);
  if (read.kind === 'fresh') {
    const { report, by, takenAt } = read.snapshot;
    if (flags.json) await writeWhole(JSON.stringify(report, null, 2) + '\n');
    else {
      const age = `${ageText(read.ageMs)} ago`;
      const time = new Date(takenAt).toTimeString().slice(0, 5);
      await writeWhole(paint.dim(`Last full check ${age} (${time}, by ${by}).\n`) + renderHuman(report, paint));
    }
    return exitCodeFor(report.overall);
  }
  // Loaded only now: a fresh snapshot needs none of the probes.
  const { localDiagnosis } = await import('../../core/diagnosis/local-check.js');
  const report = await localDiagnosis({ version: toolVersion(), timeoutMs: flags.timeoutMs });
  if (flags.json) await writeWhole(JSON.stringify(report, null, 2) + '\n');
  else {
    const why = read.untrusted ? 'the saved report was not used' : read.reason;
    await writeWhole(
      paint.dim(`No recent full check (${why}); local checks only, no network. "claude-auth-doctor check" runs them all.\n`) +
        renderHuman(report, paint),
    );
  }
  return exitCodeFor(report.overall);
}
