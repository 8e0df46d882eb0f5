// Small statistics and markdown helpers shared by every section of `npm run bench`.

export function median(xs) {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function range(xs) {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  return s.length === 0 ? [NaN, NaN] : [s[0], s.at(-1)];
}

export function num(x, digits = 0) {
  return Number.isFinite(x) ? x.toFixed(digits) : 'n/a';
}

/** "123 (110–160)": the median, then the spread as min–max. */
export function spread(xs, digits = 0) {
  const [lo, hi] = range(xs);
  return Number.isFinite(lo) ? `${num(median(xs), digits)} (${num(lo, digits)}–${num(hi, digits)})` : 'n/a';
}

export function ratio(a, b) {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a';
}

export function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export const mib = (bytes) => bytes / 2 ** 20;
