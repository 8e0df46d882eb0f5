import type { FixId } from '../../shared/report.js';
import { CATALOGUE, type CatalogueEntry, type Severity, type Signal } from './catalogue.js';
import { normalise, toWords, type NormalisedText } from './normalise.js';

/**
 * One catalogue entry that fits the pasted text. Every field comes from the catalogue, never
 * from the input, so a token pasted along with an error cannot leak through `explain`.
 */
export interface ExplainMatch {
  id: string;
  title: string;
  meaning: string;
  severity: Severity;
  fixes: FixId[];
  /** Higher is a better fit; only meaningful for ranking within one call. */
  score: number;
}

/** Longer phrases are more specific, so they outrank short generic ones ("token has expired"). */
const BASE = 10;
const PER_WORD = 3;
const MAX_WORDS = 8;
const EXTRA_STRONG = 1;
const MAX_EXTRA_STRONG = 3;
const WEAK = 2;
const MAX_WEAK = 4;
const MAX_MATCHES = 5;
const DEFAULT_WITHIN = 6;

interface WordMatcher {
  readonly exact: ReadonlySet<string>;
  readonly prefixes: readonly string[];
}

type CompiledSignal =
  | { readonly kind: 'phrase'; readonly padded: string; readonly words: number }
  | { readonly kind: 'near'; readonly elements: readonly WordMatcher[]; readonly within: number; readonly words: number }
  | { readonly kind: 'status'; readonly status: number; readonly words: 1 };

interface CompiledEntry {
  readonly entry: CatalogueEntry;
  readonly strong: readonly CompiledSignal[];
  readonly weak: readonly CompiledSignal[];
}

function compileWordMatcher(element: string): WordMatcher {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const alternative of element.split('|')) {
    const word = toWords(alternative.replace(/\*$/, ''));
    if (word === '') continue;
    if (alternative.endsWith('*')) prefixes.push(word);
    else exact.add(word);
  }
  return { exact, prefixes };
}

function compileSignal(signal: Signal): CompiledSignal {
  if (typeof signal === 'string') {
    const words = toWords(signal);
    return { kind: 'phrase', padded: ` ${words} `, words: words.split(' ').length };
  }
  if ('status' in signal) return { kind: 'status', status: signal.status, words: 1 };
  return {
    kind: 'near',
    elements: signal.near.map(compileWordMatcher),
    within: signal.within ?? DEFAULT_WITHIN,
    words: signal.near.length,
  };
}

/** An entry's own title always explains to itself (people paste what `explain` once showed them). */
const COMPILED: readonly CompiledEntry[] = CATALOGUE.map((entry) => ({
  entry,
  strong: [...entry.patterns.strong, entry.title].map(compileSignal),
  weak: (entry.patterns.weak ?? []).map(compileSignal),
}));

function wordsMatching(matcher: WordMatcher, vocabulary: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  for (const word of matcher.exact) if (vocabulary.has(word)) found.add(word);
  if (matcher.prefixes.length > 0) {
    for (const word of vocabulary) {
      if (matcher.prefixes.some((prefix) => word.startsWith(prefix))) found.add(word);
    }
  }
  return found;
}

/** Every element seen within a window of `within` consecutive words; one pass over the tokens. */
function nearHit(signal: Extract<CompiledSignal, { kind: 'near' }>, text: NormalisedText): boolean {
  const sets = signal.elements.map((element) => wordsMatching(element, text.vocabulary));
  if (sets.some((set) => set.size === 0)) return false;
  const lastSeen = sets.map(() => -Infinity);
  for (let i = 0; i < text.tokens.length; i += 1) {
    const token = text.tokens[i] as string;
    let seen = false;
    for (let j = 0; j < sets.length; j += 1) {
      if (sets[j]?.has(token)) {
        lastSeen[j] = i;
        seen = true;
      }
    }
    if (seen && Math.min(...lastSeen) > i - signal.within) return true;
  }
  return false;
}

function hits(signal: CompiledSignal, text: NormalisedText): boolean {
  switch (signal.kind) {
    case 'phrase':
      return text.padded.includes(signal.padded);
    case 'status':
      return text.statuses.has(signal.status);
    case 'near':
      return nearHit(signal, text);
  }
}

function score(compiled: CompiledEntry, text: NormalisedText): number {
  const strongWords = compiled.strong.filter((signal) => hits(signal, text)).map((signal) => signal.words);
  if (strongWords.length === 0) return 0;
  const best = BASE + PER_WORD * Math.min(Math.max(...strongWords), MAX_WORDS);
  const extra = EXTRA_STRONG * Math.min(strongWords.length - 1, MAX_EXTRA_STRONG);
  const weak = WEAK * Math.min(compiled.weak.filter((signal) => hits(signal, text)).length, MAX_WEAK);
  return best + extra + weak;
}

/**
 * Which known Claude Code sign-in problems the text looks like, best first; [] when none fits.
 * Accepts anything a user can paste: only the first MAX_INPUT_CHARS are read and it never throws.
 */
export function explain(text: string): ExplainMatch[] {
  if (typeof text !== 'string') return [];
  const normalised = normalise(text);
  if (normalised.tokens.length === 0) return [];
  // One match per cause: entries that call for the same fixes say the same thing about this
  // text (a pasted 401 is "OAuth token expired" and "API error 401"), so only the best one shows.
  const causes = new Set<string>();
  return COMPILED.map((compiled, index) => ({ compiled, index, score: score(compiled, normalised) }))
    .filter((candidate) => candidate.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .filter(({ compiled: { entry } }) => {
      const cause = entry.fixes.join(',');
      if (entry.fixes.length > 0 && causes.has(cause)) return false;
      causes.add(cause);
      return true;
    })
    .slice(0, MAX_MATCHES)
    .map(({ compiled: { entry }, score }) => ({
      id: entry.id,
      title: entry.title,
      meaning: entry.meaning,
      severity: entry.severity,
      fixes: [...entry.fixes],
      score,
    }));
}
