/**
 * What the rc-file parsers produce: the file cut into simple statements, each with its words and
 * where it sits (offsets and lines), so an edit can touch exactly one statement, whole, however
 * many lines its quotes and continuations span. Shared by the POSIX (bash, zsh, sh) and fish parsers.
 */

export type Dialect = 'bash' | 'zsh' | 'sh' | 'fish';

export interface ShellWord {
  /** The word exactly as written, quotes and escapes included. */
  readonly raw: string;
  readonly start: number;
  readonly end: number;
}

export interface Statement {
  readonly words: readonly ShellWord[];
  /** Index of the first word after reserved words that only open or continue a block (`then`, `do`, `{`, `!`…). */
  readonly lead: number;
  /** Offset of the first word and just after the last one. */
  readonly start: number;
  readonly end: number;
  /** 0-based lines of the first and last word. */
  readonly firstLine: number;
  readonly lastLine: number;
  /** Inside a block (if, for, while, case, function, braces, parentheses). */
  readonly nested: boolean;
}

export interface ParsedRc {
  readonly dialect: Dialect;
  readonly text: string;
  readonly statements: readonly Statement[];
  /** Set when the text cannot be read as a whole (an unterminated quote, a heredoc without its end). */
  readonly error: string | null;
}

/** Thrown by the parsers when a quote, substitution or heredoc never ends. */
export class Unterminated extends Error {}

/**
 * From the "(" at k to just after its matching ")". `skip` jumps over what the dialect quotes or
 * comments at j (returning where it ends), or returns null for an ordinary character.
 */
export function skipParens(text: string, k: number, starts: readonly number[], skip: (j: number) => number | null): number {
  let level = 0;
  for (let j = k; j < text.length;) {
    const c = text[j];
    const jumped = skip(j);
    if (jumped !== null) j = jumped;
    else if (c === '(') {
      level++;
      j++;
    } else if (c === ')') {
      level--;
      j++;
      if (level === 0) return j;
    } else j++;
  }
  throw new Unterminated(`a "(" opened on line ${lineAt(starts, k) + 1} is never closed`);
}

/** A statement from its words: the leading reserved words counted, its lines found. */
export function toStatement(
  words: readonly ShellWord[],
  leads: ReadonlySet<string>,
  starts: readonly number[],
  nested: boolean,
): Statement {
  let lead = 0;
  while (lead < words.length && leads.has(words[lead]?.raw ?? '')) lead++;
  const first = words[0] as ShellWord;
  const last = words[words.length - 1] as ShellWord;
  return {
    words,
    lead,
    start: first.start,
    end: last.end,
    firstLine: lineAt(starts, first.start),
    lastLine: lineAt(starts, Math.max(first.start, last.end - 1)),
    nested,
  };
}

/** Offsets where each line starts; `lineAt` maps an offset to its 0-based line. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

export function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The physical lines of the text, each without its `\n` (a `\r` stays, so CRLF files keep their endings). */
export function physicalLines(text: string): string[] {
  return text.split('\n');
}

/**
 * True when a statement has its lines to itself: nothing but blanks before it on its first line,
 * and nothing but blanks, one `;` and a comment after it on its last line. Only such a statement
 * can be commented out without taking a neighbour with it.
 */
export function ownsItsLines(parsed: ParsedRc, statement: Statement): boolean {
  const starts = lineStarts(parsed.text);
  const lineStart = starts[statement.firstLine] ?? 0;
  const nextLine = starts[statement.lastLine + 1];
  const lineEnd = nextLine === undefined ? parsed.text.length : nextLine - 1;
  const before = parsed.text.slice(lineStart, statement.start);
  const after = parsed.text.slice(statement.end, lineEnd).replace(/\r$/, '');
  if (statement.lead > 0) return false;
  return /^[ \t]*$/.test(before) && /^[ \t]*;?[ \t]*(#.*)?$/.test(after);
}

/**
 * The literal value of a word when it holds no expansion (quotes removed, escapes applied); null
 * when it depends on the shell (`$VAR`, `$(…)`, backticks, globs are kept as written).
 */
export function literalOf(raw: string, dialect: Dialect): string | null {
  let out = '';
  let i = 0;
  const posix = dialect !== 'fish';
  while (i < raw.length) {
    const c = raw[i] ?? '';
    if (c === '\\') {
      if (raw[i + 1] === '\n') i += 2;
      else {
        out += raw[i + 1] ?? '';
        i += 2;
      }
    } else if (c === "'") {
      let j = i + 1;
      while (j < raw.length && raw[j] !== "'") {
        if (!posix && raw[j] === '\\' && (raw[j + 1] === "'" || raw[j + 1] === '\\')) {
          out += raw[j + 1];
          j += 2;
        } else out += raw[j++];
      }
      i = j + 1;
    } else if (posix && c === '$' && raw[i + 1] === "'") {
      let j = i + 2;
      while (j < raw.length && raw[j] !== "'") {
        if (raw[j] === '\\') {
          const e = raw[j + 1] ?? '';
          out +=
            ({ n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', e: '\x1b' } as Record<string, string>)[e] ?? `\\${e}`;
          j += 2;
        } else out += raw[j++];
      }
      i = j + 1;
    } else if (c === '"') {
      let j = i + 1;
      while (j < raw.length && raw[j] !== '"') {
        const d = raw[j];
        if (d === '$' || (posix && d === '`')) return null;
        if (d === '\\' && /["\\$`\n]/.test(raw[j + 1] ?? '')) {
          if (raw[j + 1] !== '\n') out += raw[j + 1];
          j += 2;
        } else out += raw[j++];
      }
      i = j + 1;
    } else if (c === '$' || c === '`' || (!posix && c === '(')) {
      return null;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}
