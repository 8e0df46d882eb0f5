import { redactText } from '../redact/redact.js';

/** Label names the exposition or Prometheus itself uses: an extra label must not shadow them. */
const RESERVED = new Set(['check', 'status', 'version', 'claude_code_version', 'job', 'instance', 'le', 'quantile']);
const NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/;
export const MAX_EXTRA_LABELS = 8;
const MAX_VALUE = 128;

/**
 * One `--label name=value` for every series, checked so that labels carry no secrets and no
 * personal data: a valid Prometheus name that shadows nothing, a short printable value that is not
 * an e-mail address, a URL with credentials or anything token-shaped. Throws an Error that says
 * what to change.
 */
export function parseMetricLabel(raw: string): readonly [string, string] {
  const eq = raw.indexOf('=');
  if (eq <= 0) throw new Error(`--label takes name=value (for example --label host=build-7); got "${raw}".`);
  const name = raw.slice(0, eq);
  const value = raw.slice(eq + 1);
  if (!NAME.test(name) || name.startsWith('__'))
    throw new Error(`--label name "${name}" is not a Prometheus label name: letters, digits and _, not starting with a digit or __.`);
  if (RESERVED.has(name)) throw new Error(`--label name "${name}" is one the metrics already use; pick another (host, team, role…).`);
  if (value.length === 0 || value.length > MAX_VALUE || [...value].some((ch) => ch < ' ' || ch === '\u007f'))
    throw new Error(`--label ${name} takes 1 to ${MAX_VALUE} printable characters.`);
  if (value.includes('@') || redactText(value) !== value)
    throw new Error(
      `--label ${name} looks like an e-mail address, a credential or a secret; labels go to every scrape, so use a plain name (host=build-7).`,
    );
  return [name, value];
}

/** Several `--label` flags as one record; a name given twice is a mistake. */
export function parseMetricLabels(raws: readonly string[]): Readonly<Record<string, string>> {
  if (raws.length > MAX_EXTRA_LABELS) throw new Error(`At most ${MAX_EXTRA_LABELS} --label flags (got ${raws.length}).`);
  const labels: Record<string, string> = {};
  for (const raw of raws) {
    const [name, value] = parseMetricLabel(raw);
    if (name in labels) throw new Error(`--label ${name} is given twice.`);
    labels[name] = value;
  }
  return labels;
}
