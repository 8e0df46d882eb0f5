import { DEFAULT_PROBE_BUDGET_MS } from '../core/probes/budget.js';
import { resolve } from 'node:path';
import { didYouMean } from './suggest.js';
import { parseMetricLabels } from '../core/metrics/labels.js';
import { parseListenAddress, type ListenAddress } from '../core/metrics/listen.js';
import { CHECK_IDS, isCheckId, type CheckId } from '../shared/report.js';
import { parseCommandArgs, UsageError } from './usage.js';

export const CHECK_FORMATS = ['human', 'json', 'prometheus'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export interface CheckFlags {
  /** `--json` is `--format json`. */
  readonly format: CheckFormat;
  readonly offline: boolean;
  readonly only: CheckId[] | undefined;
  readonly timeoutMs: number;
  readonly color: boolean;
  /** `--out FILE` (absolute): the exposition written atomically instead of printed (prometheus only). */
  readonly out: string | null;
  /** `--label name=value` on every series (prometheus only). */
  readonly labels: Readonly<Record<string, string>>;
}

/** `--label name=value` flags as validated labels; a bad one is a usage error. */
export function parseLabelFlags(raws: readonly string[] | undefined): Readonly<Record<string, string>> {
  try {
    return parseMetricLabels(raws ?? []);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `--metrics HOST:PORT` as a listen address; a bad one is a usage error. */
export function parseMetricsFlag(raw: string): ListenAddress {
  try {
    return parseListenAddress(raw);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parseFormat(json: boolean, raw: string | undefined): CheckFormat {
  if (raw === undefined) return json ? 'json' : 'human';
  const format = CHECK_FORMATS.find((f) => f === raw);
  if (!format) throw new UsageError(`--format takes ${CHECK_FORMATS.join(', ')} (got "${raw}").`);
  if (json && format !== 'json') throw new UsageError(`--json and --format ${format} ask for two formats; give one.`);
  return format;
}

export function parseCheckFlags(args: string[]): CheckFlags {
  const parsed = parseCommandArgs({
    args,
    allowPositionals: false,
    options: {
      json: { type: 'boolean', default: false },
      format: { type: 'string' },
      out: { type: 'string' },
      label: { type: 'string', multiple: true },
      offline: { type: 'boolean', default: false },
      only: { type: 'string' },
      timeout: { type: 'string' },
      'no-color': { type: 'boolean', default: false },
    },
  });
  const { values } = parsed;
  let only: CheckId[] | undefined;
  if (values.only !== undefined) {
    const ids = values.only
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = ids.filter((id) => !isCheckId(id));
    if (ids.length === 0 || bad.length > 0) {
      const hint = bad.length === 1 && bad[0] ? didYouMean(bad[0], CHECK_IDS) : '';
      throw new UsageError(
        `--only takes check ids separated by commas; unknown: ${bad.join(', ') || '(none given)'}.${hint || ` Known ids: ${CHECK_IDS.join(', ')}.`}`,
      );
    }
    only = ids.filter(isCheckId);
  }
  const format = parseFormat(values.json === true, values.format);
  if (format !== 'prometheus' && (values.out !== undefined || values.label !== undefined))
    throw new UsageError(`--out and --label go with --format prometheus (the metrics for Prometheus).`);
  if (values.out !== undefined && values.out.trim() === '') throw new UsageError('--out takes a file path.');
  return {
    format,
    offline: values.offline === true,
    only,
    timeoutMs: parseTimeout(values.timeout),
    color: values['no-color'] !== true,
    out: values.out === undefined ? null : resolve(values.out),
    labels: parseLabelFlags(values.label),
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
