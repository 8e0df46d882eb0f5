import { didYouMean } from './suggest.js';
import { FIX_IDS, isFixId, type FixId } from '../shared/report.js';
import { parseTimeout } from './check-flags.js';
import { parseCommandArgs, UsageError } from './usage.js';

export interface FixFlags {
  readonly fixId: FixId | null;
  readonly yes: boolean;
  readonly dryRun: boolean;
  readonly stdin: boolean;
  readonly offline: boolean;
  readonly timeoutMs: number;
  readonly color: boolean;
  /** As root on another user's home: act as that user (see root-switch.ts). */
  readonly asOwner: boolean;
  /**
   * With --yes and no terminal: run a sign-out anyway; the caller signs in after it (a script
   * that runs `claude setup-token`). Without it, an unattended run never signs anyone out.
   */
  readonly signInAfter: boolean;
}

export function parseFixFlags(args: string[]): FixFlags {
  const parsed = parseCommandArgs({
    args,
    allowPositionals: true,
    options: {
      yes: { type: 'boolean', short: 'y', default: false },
      'dry-run': { type: 'boolean', default: false },
      stdin: { type: 'boolean', default: false },
      offline: { type: 'boolean', default: false },
      timeout: { type: 'string' },
      'no-color': { type: 'boolean', default: false },
      'as-owner': { type: 'boolean', default: false },
      'sign-in-after': { type: 'boolean', default: false },
    },
  });
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`fix takes at most one fix id (got ${positionals.length}).`);
  const id = positionals[0];
  if (id !== undefined && !isFixId(id))
    throw new UsageError(`Unknown fix "${id}".${didYouMean(id, FIX_IDS) || ` Fix ids: ${FIX_IDS.join(', ')}.`}`);
  return {
    fixId: id ?? null,
    yes: values.yes === true,
    dryRun: values['dry-run'] === true,
    stdin: values.stdin === true,
    offline: values.offline === true,
    timeoutMs: parseTimeout(values.timeout),
    color: values['no-color'] !== true,
    asOwner: values['as-owner'] === true,
    signInAfter: values['sign-in-after'] === true,
  };
}
