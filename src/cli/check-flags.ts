import { DEFAULT_PROBE_BUDGET_MS } from '../core/probes/budget.js';
import { parseArgs } from 'node:util';
import { CHECK_IDS, isCheckId, type CheckId } from '../shared/report.js';
import { UsageError } from './usage.js';

export interface CheckFlags {
  readonly json: boolean;
  readonly offline: boolean;
  readonly only: CheckId[] | undefined;
  readonly timeoutMs: number;
  readonly color: boolean;
}

export function parseCheckFlags(args: string[]): CheckFlags {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: false,
      options: {
        json: { type: 'boolean', default: false },
        offline: { type: 'boolean', default: false },
        only: { type: 'string' },
        timeout: { type: 'string' },
        'no-color': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  let only: CheckId[] | undefined;
  if (values.only !== undefined) {
    const ids = values.only
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = ids.filter((id) => !isCheckId(id));
    if (ids.length === 0 || bad.length > 0) {
      throw new UsageError(
        `--only takes check ids separated by commas; unknown: ${bad.join(', ') || '(none given)'}. Known ids: ${CHECK_IDS.join(', ')}.`,
      );
    }
    only = ids.filter(isCheckId);
  }
  return {
    json: values.json === true,
    offline: values.offline === true,
    only,
    timeoutMs: parseTimeout(values.timeout),
    color: values['no-color'] !== true,
  };
}

/** `--timeout ms`: each probe's budget, 100 ms to 10 minutes; the default when absent. */
export function parseTimeout(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PROBE_BUDGET_MS;
  const ms = Number(raw);
  if (!/^\d+$/.test(raw) || ms < 100 || ms > 600_000)
    throw new UsageError(`--timeout takes milliseconds between 100 and 600000 (got "${raw}").`);
  return ms;
}
