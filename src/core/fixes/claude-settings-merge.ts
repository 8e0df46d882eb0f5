import { ourStatusLine, statusLineCommand } from './status-line-chain.js';
import type { SettingsEdit } from './types.js';

export type MergeResult =
  | { readonly kind: 'changed'; readonly text: string }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'refused'; readonly reason: string };

/** The file's own indentation (first indented line), so a merge does not reformat it needlessly. */
function indentOf(text: string): string | number {
  const match = /\n([ \t]+)"/.exec(text);
  return match?.[1] ?? 2;
}

/**
 * Applies one edit to the text of Claude Code's settings.json and returns the new text. Every other
 * key stays, in its order; only the edited key changes. A file that is not a JSON object is never
 * overwritten (Claude Code would lose settings the user can still repair). `null` text = no file.
 */
export function mergeClaudeCodeSettings(text: string | null, edit: SettingsEdit): MergeResult {
  let root: Record<string, unknown> = {};
  if (text !== null && text.replace(/^\uFEFF/, '').trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      return {
        kind: 'refused',
        reason: `it is not valid JSON (${(error as Error).message}); repair it first so none of your settings are lost`,
      };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { kind: 'refused', reason: 'it does not hold a JSON object; repair it first so none of your settings are lost' };
    }
    root = parsed as Record<string, unknown>;
  }
  switch (edit.op) {
    case 'set-api-key-helper':
      if (root['apiKeyHelper'] === edit.command) return { kind: 'unchanged' };
      root['apiKeyHelper'] = edit.command;
      break;
    case 'delete-env': {
      const env = root['env'];
      if (typeof env !== 'object' || env === null || Array.isArray(env) || !(edit.name in env)) return { kind: 'unchanged' };
      delete (env as Record<string, unknown>)[edit.name];
      break;
    }
    case 'chain-status-line':
    case 'unchain-status-line': {
      const edited = editStatusLine(root, edit);
      if (edited.kind !== 'changed') return edited;
      break;
    }
  }
  // The file's own conventions stay: a byte-order mark, CRLF line endings, a final line break.
  const bom = text?.startsWith('\uFEFF') ? '\uFEFF' : '';
  const eol = text !== null && /\r\n/.test(text) ? '\r\n' : '\n';
  const newline = text === null || text.endsWith('\n') || text.trim() === '' ? eol : '';
  const body = JSON.stringify(root, null, text ? indentOf(text) : 2).replace(/\n/g, eol);
  return { kind: 'changed', text: `${bom}${body}${newline}` };
}

type Json = Record<string, unknown>;

/** statusLine set to the doctor's command (other keys such as padding kept), or back to what it chained. */
function editStatusLine(
  root: Json,
  edit: Extract<SettingsEdit, { op: 'chain-status-line' | 'unchain-status-line' }>,
): { kind: 'changed' } | MergeResult {
  const current = root['statusLine'];
  if (current !== undefined && (typeof current !== 'object' || current === null || Array.isArray(current)))
    return { kind: 'refused', reason: '"statusLine" is not an object; repair it first' };
  const line = (current ?? null) as Json | null;
  const command = line && line['type'] === 'command' && typeof line['command'] === 'string' ? line['command'] : null;
  if (line && command === null)
    return { kind: 'refused', reason: '"statusLine" is not a command the doctor can chain; remove it or set it by hand' };
  const ours = command === null ? null : ourStatusLine(command, edit.doctor);
  if (edit.op === 'chain-status-line') {
    const wanted = statusLineCommand(edit.doctor, ours ? ours.previous : command, edit.posix);
    if (command === wanted) return { kind: 'unchanged' };
    root['statusLine'] = { ...(line ?? {}), type: 'command', command: wanted };
    return { kind: 'changed' };
  }
  if (!ours || !line) return { kind: 'unchanged' };
  if (ours.previous === null) delete root['statusLine'];
  else root['statusLine'] = { ...line, command: ours.previous };
  return { kind: 'changed' };
}
