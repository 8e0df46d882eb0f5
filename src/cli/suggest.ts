/**
 * "Did you mean": the nearest of the known words to a mistyped one (edit distance, an adjacent
 * swap counting once), when it is near enough to be a typo rather than another word.
 */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The known word nearest to `word`, or null when none is within a typo's reach. */
export function nearest(word: string, known: readonly string[]): string | null {
  const lower = word.toLowerCase();
  let best: { word: string; d: number } | null = null;
  for (const candidate of known) {
    const d = distance(lower, candidate.toLowerCase());
    if (best === null || d < best.d) best = { word: candidate, d };
  }
  const reach = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  return best && best.d > 0 && best.d <= reach ? best.word : null;
}

/** ` Did you mean "check"?` or ''. */
export function didYouMean(word: string, known: readonly string[]): string {
  const hit = nearest(word, known);
  return hit ? ` Did you mean "${hit}"?` : '';
}
