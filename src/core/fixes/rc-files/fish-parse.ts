import {
  lineAt,
  lineStarts,
  skipParens as matchParens,
  toStatement,
  Unterminated,
  type ParsedRc,
  type ShellWord,
  type Statement,
} from './statements.js';

/**
 * Cuts a fish start-up file into simple statements: fish quotes ('…' with \' and \\, "…" with
 * \" \\ \$), backslash continuations, command substitutions ((…) and $(…)), comments, `;`, `&`,
 * `|` and the block words (if, for, while, function, begin, switch … end). `fish --no-execute`
 * has the final word on an edit.
 */

const OPENERS = new Set(['if', 'for', 'while', 'function', 'begin', 'switch']);
const LEADS = new Set(['and', 'or', 'not', 'else', 'command', 'builtin', 'begin']);

export function parseFish(text: string): ParsedRc {
  const starts = lineStarts(text);
  const statements: Statement[] = [];
  let current: ShellWord[] = [];
  let depth = 0;
  let currentDepth = 0;
  const at = (k: number): string => text[k] ?? '';

  function closeStatement(): void {
    if (current.length === 0) return;
    statements.push(toStatement(current, LEADS, starts, currentDepth > 0));
    current = [];
  }

  function skipQuote(k: number, quote: string): number {
    for (let j = k + 1; j < text.length; j++) {
      if (at(j) === '\\') j++;
      else if (at(j) === quote) return j + 1;
    }
    throw new Unterminated(`a ${quote === "'" ? 'single' : 'double'} quote opened on line ${lineAt(starts, k) + 1} is never closed`);
  }
  function skipParens(k: number): number {
    return matchParens(text, k, starts, (j) => {
      const c = at(j);
      if (c === '\\') return j + 2;
      if (c === "'" || c === '"') return skipQuote(j, c);
      return null;
    });
  }
  function readWord(k: number): number {
    let j = k;
    while (j < text.length) {
      const c = at(j);
      if (c === ' ' || c === '\t' || c === '\n' || c === ';' || c === '&' || c === '|') break;
      if (c === '\\') j += 2;
      else if (c === "'" || c === '"') j = skipQuote(j, c);
      else if (c === '(') j = skipParens(j);
      else if (c === '$' && at(j + 1) === '(') j = skipParens(j + 1);
      else j++;
    }
    return Math.min(j, text.length);
  }

  try {
    let i = 0;
    while (i < text.length) {
      const c = at(i);
      if (c === ' ' || c === '\t' || c === '\r') i++;
      else if (c === '\\' && at(i + 1) === '\n') i += 2;
      else if (c === '#' && current.length >= 0) {
        const nl = text.indexOf('\n', i);
        i = nl < 0 ? text.length : nl;
      } else if (c === '\n' || c === ';' || c === '&' || c === '|') {
        closeStatement();
        i += (c === '&' || c === '|') && at(i + 1) === c ? 2 : 1;
      } else {
        const end = readWord(i);
        const raw = text.slice(i, end);
        const atCommand = current.every((w) => LEADS.has(w.raw));
        if (atCommand && raw === 'end') depth = Math.max(0, depth - 1);
        if (current.length === 0) currentDepth = depth;
        current.push({ raw, start: i, end });
        if (atCommand && OPENERS.has(raw)) depth++;
        i = end;
      }
    }
    closeStatement();
  } catch (error) {
    if (error instanceof Unterminated) return { dialect: 'fish', text, statements, error: error.message };
    throw error;
  }
  return { dialect: 'fish', text, statements, error: null };
}
