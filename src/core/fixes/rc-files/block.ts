import type { ParsedRc } from './statements.js';
import { appendLines, type RcEdit } from './edit.js';

/**
 * A block of lines the doctor owns in a start-up file, between two marker comments it wrote
 * (`# >>> claude-auth-doctor hook >>>` … `# <<< claude-auth-doctor hook <<<`), so it can be
 * found, replaced and removed again without touching a line of the user's.
 */
export function blockMarkers(name: string): { readonly start: string; readonly end: string } {
  return { start: `# >>> claude-auth-doctor ${name} >>>`, end: `# <<< claude-auth-doctor ${name} <<<` };
}

type Found =
  | { readonly kind: 'none' }
  | { readonly kind: 'one'; readonly from: number; readonly to: number }
  | { readonly kind: 'bad'; readonly reason: string };

function findBlock(lines: readonly string[], name: string): Found {
  const { start, end } = blockMarkers(name);
  const starts = lines.flatMap((l, i) => (l.trimEnd() === start ? [i] : []));
  const ends = lines.flatMap((l, i) => (l.trimEnd() === end ? [i] : []));
  if (starts.length === 0 && ends.length === 0) return { kind: 'none' };
  const [from] = starts;
  const [to] = ends;
  if (starts.length !== 1 || ends.length !== 1 || from === undefined || to === undefined || to < from)
    return { kind: 'bad', reason: `its "${start}" and "${end}" lines do not pair up; edit them by hand` };
  return { kind: 'one', from, to };
}

/**
 * The file with the block set to `body` (appended at the end when there is none, replaced in place
 * when there is), or without it (`body` null). `unchanged` when it already reads so.
 */
export function setBlock(parsed: ParsedRc, name: string, body: readonly string[] | null): RcEdit | { readonly kind: 'unchanged' } {
  const eol = /\r\n/.test(parsed.text) ? '\r\n' : '\n';
  const lines = parsed.text.split(eol);
  const found = findBlock(lines, name);
  if (found.kind === 'bad') return { kind: 'refused', reason: found.reason };
  const { start, end } = blockMarkers(name);
  const block = body === null ? [] : [start, ...body, end];
  if (found.kind === 'none') return body === null ? { kind: 'unchanged' } : appendLines(parsed, block);
  const current = lines.slice(found.from, found.to + 1);
  if (current.length === block.length && current.every((l, i) => l === block[i])) return { kind: 'unchanged' };
  const text = [...lines.slice(0, found.from), ...block, ...lines.slice(found.to + 1)].join(eol);
  return { kind: 'edited', text, notes: [] };
}
