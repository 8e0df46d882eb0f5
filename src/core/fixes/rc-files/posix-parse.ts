import {
  lineAt,
  lineStarts,
  skipParens as matchParens,
  toStatement,
  Unterminated,
  type Dialect,
  type ParsedRc,
  type ShellWord,
  type Statement,
} from './statements.js';

/**
 * Cuts a bash, zsh or sh start-up file into simple statements. It knows what decides where a
 * statement ends: quotes ('…', "…", $'…', $"…"), backslash continuations, command and parameter
 * substitutions ($(…), `…`, ${…}, $((…))), comments, heredoc bodies, and the operators and
 * reserved words around statements. It does not evaluate anything; the shell's own `-n` check
 * is the final word on an edit (see syntax-check.ts).
 */

const OPENERS = new Set(['if', 'case', 'for', 'while', 'until', 'select', '{']);
const CLOSERS = new Set(['fi', 'esac', 'done', '}']);
/** Reserved words after which a command follows in the same statement. */
const LEADS = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', '{', 'time']);

interface Heredoc {
  readonly delimiter: string;
  readonly stripTabs: boolean;
}

export function parsePosix(text: string, dialect: Exclude<Dialect, 'fish'> = 'bash'): ParsedRc {
  const starts = lineStarts(text);
  const statements: Statement[] = [];
  let current: ShellWord[] = [];
  let depth = 0;
  let currentDepth = 0;
  let pending: Heredoc[] = [];
  let i = 0;

  const at = (k: number): string => text[k] ?? '';

  function closeStatement(): void {
    if (current.length === 0) return;
    statements.push(toStatement(current, LEADS, starts, currentDepth > 0 || depth > 0));
    current = [];
  }

  function skipSingle(k: number): number {
    const close = text.indexOf("'", k + 1);
    if (close < 0) throw new Unterminated(`a single quote opened on line ${lineAt(starts, k) + 1} is never closed`);
    return close + 1;
  }
  function skipAnsi(k: number): number {
    for (let j = k + 2; j < text.length; j++) {
      if (at(j) === '\\') j++;
      else if (at(j) === "'") return j + 1;
    }
    throw new Unterminated(`a $'…' string opened on line ${lineAt(starts, k) + 1} is never closed`);
  }
  function skipBacktick(k: number): number {
    for (let j = k + 1; j < text.length; j++) {
      if (at(j) === '\\') j++;
      else if (at(j) === '`') return j + 1;
    }
    throw new Unterminated(`a backquote opened on line ${lineAt(starts, k) + 1} is never closed`);
  }
  function skipDouble(k: number): number {
    for (let j = k + 1; j < text.length;) {
      const c = at(j);
      if (c === '\\') j += 2;
      else if (c === '"') return j + 1;
      else if (c === '$' && at(j + 1) === '(') j = skipParens(j + 1);
      else if (c === '$' && at(j + 1) === '{') j = skipBrace(j + 1);
      else if (c === '`') j = skipBacktick(j);
      else j++;
    }
    throw new Unterminated(`a double quote opened on line ${lineAt(starts, k) + 1} is never closed`);
  }
  /** k at "(": skips to after the matching ")", through quotes, comments and nested substitutions. */
  function skipParens(k: number): number {
    return matchParens(text, k, starts, (j) => {
      const c = at(j);
      if (c === '\\') return j + 2;
      if (c === "'") return skipSingle(j);
      if (c === '"') return skipDouble(j);
      if (c === '`') return skipBacktick(j);
      if (c === '$' && at(j + 1) === "'") return skipAnsi(j);
      if (c === '#' && /[\s(;|&]/.test(at(j - 1))) {
        const nl = text.indexOf('\n', j);
        return nl < 0 ? text.length : nl;
      }
      return null;
    });
  }
  /** k at "{" of "${": skips to after the matching "}". */
  function skipBrace(k: number): number {
    for (let j = k + 1; j < text.length;) {
      const c = at(j);
      if (c === '\\') j += 2;
      else if (c === "'") j = skipSingle(j);
      else if (c === '"') j = skipDouble(j);
      else if (c === '`') j = skipBacktick(j);
      else if (c === '$' && at(j + 1) === '{') j = skipBrace(j + 1);
      else if (c === '$' && at(j + 1) === '(') j = skipParens(j + 1);
      else if (c === '}') return j + 1;
      else j++;
    }
    throw new Unterminated(`a "\${" opened on line ${lineAt(starts, k) + 1} is never closed`);
  }

  /** Reads one word from k; registers a heredoc when the word is (or holds) a `<<` operator. */
  function readWord(k: number): number {
    let j = k;
    while (j < text.length) {
      const c = at(j);
      if (c === ' ' || c === '\t' || c === '\n' || c === ';' || c === '&' || c === '|' || c === ')') break;
      if (c === '(') {
        // `name=(a b)` (an array) and `name()` (a function) keep their parentheses in the word.
        if (j > k && (at(j - 1) === '=' || at(j + 1) === ')')) {
          j = skipParens(j);
          continue;
        }
        break;
      }
      if (c === '\\') j += 2;
      else if (c === "'") j = skipSingle(j);
      else if (c === '"') j = skipDouble(j);
      else if (c === '`') j = skipBacktick(j);
      else if (c === '$' && at(j + 1) === "'") j = skipAnsi(j);
      else if (c === '$' && at(j + 1) === '"') j = skipDouble(j + 1);
      else if (c === '$' && at(j + 1) === '(') j = skipParens(j + 1);
      else if (c === '$' && at(j + 1) === '{') j = skipBrace(j + 1);
      else if (c === '<' && at(j + 1) === '<' && at(j + 2) !== '<') {
        j = readHeredocOperator(j + 2);
        break;
      } else j++;
    }
    return Math.min(j, text.length);
  }

  /** After `<<`: an optional `-`, blanks, then the delimiter word (quoted or not). */
  function readHeredocOperator(k: number): number {
    let j = k;
    const stripTabs = at(j) === '-';
    if (stripTabs) j++;
    while (at(j) === ' ' || at(j) === '\t') j++;
    const begin = j;
    while (j < text.length && !/[\s;&|()<>]/.test(at(j))) {
      if (at(j) === "'") j = skipSingle(j);
      else if (at(j) === '"') j = skipDouble(j);
      else if (at(j) === '\\') j += 2;
      else j++;
    }
    const delimiter = text.slice(begin, j).replace(/\\(.)/g, '$1').replace(/['"]/g, '');
    if (delimiter !== '') pending.push({ delimiter, stripTabs });
    return j;
  }

  function skipHeredocBodies(k: number): number {
    let j = k;
    for (const heredoc of pending) {
      for (;;) {
        if (j >= text.length) throw new Unterminated(`a here-document ending in "${heredoc.delimiter}" is never closed`);
        const nl = text.indexOf('\n', j);
        const line = text.slice(j, nl < 0 ? text.length : nl).replace(/\r$/, '');
        j = nl < 0 ? text.length : nl + 1;
        if ((heredoc.stripTabs ? line.replace(/^\t+/, '') : line) === heredoc.delimiter) break;
      }
    }
    pending = [];
    return j;
  }

  try {
    while (i < text.length) {
      const c = at(i);
      if (c === ' ' || c === '\t' || c === '\r') i++;
      else if (c === '\\' && at(i + 1) === '\n') i += 2;
      else if (c === '#') {
        const nl = text.indexOf('\n', i);
        i = nl < 0 ? text.length : nl;
      } else if (c === '\n') {
        closeStatement();
        i = skipHeredocBodies(i + 1);
      } else if (c === ';' || c === '&' || c === '|') {
        closeStatement();
        i += at(i + 1) === c || (c === ';' && at(i + 1) === '&') || (c === '|' && at(i + 1) === '&') ? 2 : 1;
      } else if (c === '(' || c === ')') {
        closeStatement();
        depth = Math.max(0, depth + (c === '(' ? 1 : -1));
        i++;
      } else {
        const end = readWord(i);
        const raw = text.slice(i, end);
        const atCommand = current.every((w) => LEADS.has(w.raw));
        if ((atCommand || raw === '}') && CLOSERS.has(raw)) depth = Math.max(0, depth - 1);
        if (current.length === 0) currentDepth = depth;
        current.push({ raw, start: i, end });
        // `{` opens a body also after `function name` or `name()`.
        if ((atCommand && OPENERS.has(raw)) || (!atCommand && raw === '{')) depth++;
        i = end;
      }
    }
    closeStatement();
    if (pending.length > 0) skipHeredocBodies(text.length);
  } catch (error) {
    if (error instanceof Unterminated) return { dialect, text, statements, error: error.message };
    throw error;
  }
  return { dialect, text, statements, error: null };
}
