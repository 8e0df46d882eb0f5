import { sha256 } from '../tree-hash.js';
import { assignmentsIn, type Assignment } from './assignments.js';
import { ownsItsLines, physicalLines, type ParsedRc, type Statement } from './statements.js';

/**
 * Edits of a start-up file that keep it a valid script. Every edit is planned on the parsed file
 * (whole statements, however many lines they span) and refused, with the reason, when it cannot
 * be made cleanly; the caller then runs the shell's own syntax check on the result before writing.
 */

export type RcEdit =
  | { readonly kind: 'edited'; readonly text: string; readonly notes: readonly string[] }
  | { readonly kind: 'refused'; readonly reason: string };

/** The marker put in front of a line the doctor disables; undo restores the file's exact bytes. */
export function commentOut(line: string, backupId: string): string {
  return `# [claude-auth-doctor ${backupId}] ${line}`;
}

/** A statement as planned: its lines (1-based, as editors count) and the sha256 of their text. */
export interface PlannedStatement {
  readonly firstLine: number;
  readonly lastLine: number;
  readonly sha256: string;
}

export function statementLines(text: string, statement: Statement): string {
  return physicalLines(text)
    .slice(statement.firstLine, statement.lastLine + 1)
    .join('\n');
}

export function planOf(parsed: ParsedRc, statement: Statement): PlannedStatement {
  return { firstLine: statement.firstLine + 1, lastLine: statement.lastLine + 1, sha256: sha256(statementLines(parsed.text, statement)) };
}

/** The statements that set any of `names`, in file order. */
export function statementsSetting(parsed: ParsedRc, names: readonly string[]): { statement: Statement; hits: Assignment[] }[] {
  const hits = assignmentsIn(parsed).filter((a) => names.includes(a.name));
  const out: { statement: Statement; hits: Assignment[] }[] = [];
  for (const hit of hits) {
    const group = out.find((g) => g.statement === hit.statement);
    if (group) group.hits.push(hit);
    else out.push({ statement: hit.statement, hits: [hit] });
  }
  return out;
}

/** What stays of `export A=1 B=2` once A goes: `export B=2`; null when nothing else was set. */
function remainder(parsed: ParsedRc, statement: Statement, hits: readonly Assignment[]): string | null {
  if (parsed.dialect === 'fish') return null;
  const words = statement.words.map((w) => w.raw);
  const first = Math.min(...hits.map((h) => h.word));
  const drop = new Set(hits.map((h) => h.word));
  // Only what the command itself would set: a stray word (`export A=\` + newline + `  value`) is an error the shell reports, and may be the secret.
  const kept = words.slice(first).filter((w, i) => !drop.has(first + i) && /^[A-Za-z_][A-Za-z0-9_]*(\+?=.*)?$/s.test(w));
  if (kept.length === 0) return null;
  return [...words.slice(0, first), ...kept].join(' ');
}

/**
 * Disables every statement that sets one of `names`: its lines become comments with the marker
 * (all of them, for a statement continued over several lines); what else the statement set is
 * kept on a line of its own below. Refused when a statement shares a line with other commands,
 * when the file cannot be parsed as a whole, or when a planned statement changed since planning.
 */
export function disableAssignments(
  parsed: ParsedRc,
  names: readonly string[],
  marker: string,
  planned?: readonly PlannedStatement[],
): RcEdit {
  if (parsed.error) return { kind: 'refused', reason: `it cannot be read safely as a whole (${parsed.error})` };
  const groups = statementsSetting(parsed, names);
  if (groups.length === 0) return { kind: 'refused', reason: `it no longer sets ${names.join(', ')}` };
  if (planned) {
    const now = groups.map((g) => planOf(parsed, g.statement));
    const same =
      now.length === planned.length &&
      now.every((p, i) => p.firstLine === planned[i]?.firstLine && p.lastLine === planned[i]?.lastLine && p.sha256 === planned[i]?.sha256);
    if (!same) return { kind: 'refused', reason: 'it changed since the plan was made; run the fix again to see it as it is now' };
  }
  const lines = physicalLines(parsed.text);
  const notes: string[] = [];
  for (const { statement, hits } of [...groups].reverse()) {
    const where =
      statement.firstLine === statement.lastLine
        ? `line ${statement.firstLine + 1}`
        : `lines ${statement.firstLine + 1}-${statement.lastLine + 1}`;
    if (!ownsItsLines(parsed, statement))
      return {
        kind: 'refused',
        reason: `${where} holds other commands besides setting ${hits[0]?.name ?? 'it'}, so it cannot be disabled alone; edit that line by hand`,
      };
    const original = lines.slice(statement.firstLine, statement.lastLine + 1);
    const cr = original[0]?.endsWith('\r') ? '\r' : '';
    const indent = /^[ \t]*/.exec(original[0] ?? '')?.[0] ?? '';
    const replacement = original.map((line) => commentOut(line, marker));
    const rest = remainder(parsed, statement, hits);
    if (rest !== null) replacement.push(`${indent}${rest}${cr}`);
    // A block must keep a command: `:` does nothing and keeps `if …; then` … `fi` valid.
    else if (statement.nested && parsed.dialect !== 'fish') replacement.push(`${indent}:${cr}`);
    lines.splice(statement.firstLine, original.length, ...replacement);
    for (const hit of hits) {
      if (hit.universal)
        notes.push(`fish also keeps ${hit.name} as a universal variable: run \`set -Ue ${hit.name}\` in fish to remove it there.`);
    }
  }
  return { kind: 'edited', text: lines.join('\n'), notes: [...new Set(notes)] };
}

/**
 * Appends lines at the end of a start-up file (for fixes that add a setting), after a final line
 * break if the file lacks one, in the file's own line endings. The caller checks the syntax.
 */
export function appendLines(parsed: ParsedRc, added: readonly string[]): RcEdit {
  if (parsed.error) return { kind: 'refused', reason: `it cannot be read safely as a whole (${parsed.error})` };
  const eol = /\r\n/.test(parsed.text) ? '\r\n' : '\n';
  const head = parsed.text === '' || parsed.text.endsWith('\n') ? parsed.text : `${parsed.text}${eol}`;
  return { kind: 'edited', text: `${head}${added.join(eol)}${eol}`, notes: [] };
}
