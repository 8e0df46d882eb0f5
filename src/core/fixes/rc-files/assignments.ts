import { fingerprint } from '../../redact/redact.js';
import { parseFish } from './fish-parse.js';
import { parsePosix } from './posix-parse.js';
import { literalOf, type Dialect, type ParsedRc, type Statement } from './statements.js';

/**
 * Where a start-up file sets a variable, read the way the shell reads it: `export A=1 B=2`,
 * `declare -x`/`typeset -x`, `readonly`, a plain `A=1` (exported by an earlier `set -a` /
 * `set -o allexport`, or by an `export A` elsewhere), `export A` alone, and fish's
 * `set -gx`/`set -Ux`/`set --export`. A command's own prefix (`A=1 cmd`) sets nothing for the shell.
 */

export type AssignmentVia = 'export' | 'export-name' | 'declare' | 'readonly' | 'assignment' | 'fish-set';

export interface Assignment {
  readonly name: string;
  readonly statement: Statement;
  /** Index into the statement's words of the word that names the variable. */
  readonly word: number;
  readonly via: AssignmentVia;
  /** True when this line puts the variable in the environment of programs started later. */
  readonly exported: boolean;
  /** fish `set -U`: the value lives in fish's universal store, not only in this file. */
  readonly universal: boolean;
  /** The value as written, or null for `export A` alone. Never shown: see `shownStatement`. */
  readonly valueRaw: string | null;
}

export function parseRc(text: string, dialect: Dialect): ParsedRc {
  return dialect === 'fish' ? parseFish(text) : parsePosix(text, dialect);
}

const NAME_ASSIGN = /^([A-Za-z_][A-Za-z0-9_]*)(\+?=)(.*)$/s;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function posixAssignments(parsed: ParsedRc): Assignment[] {
  const found: Assignment[] = [];
  let allexport = false;
  for (const statement of parsed.statements) {
    const words = statement.words.map((w) => w.raw);
    let k = statement.lead;
    const prefix: number[] = [];
    while (k < words.length && NAME_ASSIGN.test(words[k] ?? '')) prefix.push(k++);
    const command = k < words.length ? literalOf(words[k] ?? '', parsed.dialect) : null;
    const push = (index: number, via: AssignmentVia, exported: boolean): void => {
      const m = NAME_ASSIGN.exec(words[index] ?? '');
      const name = m ? (m[1] ?? '') : (words[index] ?? '');
      found.push({ name, statement, word: index, via, exported, universal: false, valueRaw: m ? (m[3] ?? '') : null });
    };
    if (k === words.length) {
      for (const index of prefix) push(index, 'assignment', allexport);
      continue;
    }
    if (prefix.length > 0 || command === null) continue;
    if (command === 'set') {
      const args = words.slice(k + 1);
      for (let a = 0; a < args.length; a++) {
        const arg = args[a] ?? '';
        const on = /^-[A-Za-z]*a/.test(arg) || (arg === '-o' && args[a + 1] === 'allexport');
        const off = /^\+[A-Za-z]*a/.test(arg) || (arg === '+o' && args[a + 1] === 'allexport');
        if (on) allexport = true;
        if (off) allexport = false;
      }
      continue;
    }
    if (command !== 'export' && command !== 'declare' && command !== 'typeset' && command !== 'readonly') continue;
    let flags = '';
    let a = k + 1;
    for (; a < words.length && /^[-+][A-Za-z]+$/.test(words[a] ?? ''); a++) flags += words[a];
    if (/^-.*n|\+[A-Za-z]*x/.test(flags) && command === 'export') continue;
    if (/\+[A-Za-z]*x/.test(flags)) continue;
    const exports = command === 'export' || /-[A-Za-z]*x/.test(flags);
    for (; a < words.length; a++) {
      const word = words[a] ?? '';
      if (NAME_ASSIGN.test(word)) {
        push(
          a,
          exports ? (command === 'export' ? 'export' : 'declare') : command === 'readonly' ? 'readonly' : 'declare',
          exports || allexport,
        );
      } else if (NAME.test(word) && exports) push(a, 'export-name', true);
    }
  }
  return found;
}

const FISH_SKIP = /^(?:-[A-Za-z]*[eqnSlfL]|--(?:erase|query|names|show|local|function))/;

function fishAssignments(parsed: ParsedRc): Assignment[] {
  const found: Assignment[] = [];
  for (const statement of parsed.statements) {
    const words = statement.words.map((w) => w.raw);
    const k = statement.lead;
    if (words[k] !== 'set') continue;
    let a = k + 1;
    const flags: string[] = [];
    while (a < words.length && (words[a] ?? '').startsWith('-') && words[a] !== '--') flags.push(words[a++] ?? '');
    if (words[a] === '--') a++;
    if (flags.some((f) => FISH_SKIP.test(f))) continue;
    const nameWord = words[a];
    const name = nameWord ? (literalOf(nameWord, 'fish') ?? '').replace(/\[.*$/, '') : '';
    if (!NAME.test(name)) continue;
    const exported = flags.some((f) => /^-[A-Za-z]*x/.test(f) || f === '--export');
    const universal = flags.some((f) => /^-[A-Za-z]*U/.test(f) || f === '--universal');
    const rest = statement.words.slice(a + 1);
    const valueRaw = rest.length > 0 ? parsed.text.slice(rest[0]?.start ?? 0, rest[rest.length - 1]?.end ?? 0) : '';
    found.push({ name, statement, word: a, via: 'fish-set', exported, universal, valueRaw });
  }
  return found;
}

export function assignmentsIn(parsed: ParsedRc): Assignment[] {
  return parsed.dialect === 'fish' ? fishAssignments(parsed) : posixAssignments(parsed);
}

/** The value's fingerprint: of its literal when it has one, so quoting does not change it. */
export function valueFingerprint(assignment: Assignment, dialect: Dialect): string {
  const raw = assignment.valueRaw ?? '';
  return fingerprint(literalOf(raw, dialect) ?? raw);
}

/**
 * The statement as one line that is safe to show: the command and its options as written, every
 * assigned value (of any variable: a neighbour may be a secret too) replaced by its fingerprint,
 * any other word by its fingerprint as well; continuations joined.
 */
export function shownStatement(parsed: ParsedRc, assignments: readonly Assignment[], statement: Statement): string {
  const mine = assignments.filter((a) => a.statement === statement);
  if (parsed.dialect === 'fish') {
    const hit = mine[0];
    if (!hit) return '';
    const head = statement.words.slice(0, hit.word + 1).map((w) => w.raw);
    return hit.valueRaw ? `${head.join(' ')} [value ${valueFingerprint(hit, 'fish')}]` : head.join(' ');
  }
  let commandSeen = false;
  return statement.words
    .map((w, index) => {
      const hit = mine.find((a) => a.word === index);
      if (hit) return hit.valueRaw === null ? w.raw : `${hit.name}=[value ${valueFingerprint(hit, parsed.dialect)}]`;
      const assign = NAME_ASSIGN.exec(w.raw);
      if (assign) return `${assign[1]}${assign[2]}[value ${fingerprint(literalOf(assign[3] ?? '', parsed.dialect) ?? assign[3] ?? '')}]`;
      if (index < statement.lead || !commandSeen || /^[-+][A-Za-z]+$/.test(w.raw) || NAME.test(w.raw)) {
        commandSeen = commandSeen || index >= statement.lead;
        return w.raw;
      }
      return `[word ${fingerprint(w.raw)}]`;
    })
    .join(' ');
}
