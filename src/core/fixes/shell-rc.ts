import { join } from 'node:path';
import type { FileSystem } from '../io/ports.js';
import { fingerprint } from '../redact/redact.js';
import { sha256 } from './tree-hash.js';

/** Start-up files that set variables for a user's shells, in the order shells read them. */
export const SHELL_RC_FILES = [
  '.bashrc',
  '.bash_profile',
  '.bash_login',
  '.profile',
  '.zshrc',
  '.zprofile',
  '.zshenv',
  '.zlogin',
  '.config/fish/config.fish',
] as const;

const MAX_RC_BYTES = 1024 * 1024;

export interface RcMatch {
  readonly path: string;
  /** 1-based, as editors count. */
  readonly line: number;
  readonly name: string;
  /** The line with the value replaced by its fingerprint: safe to show. */
  readonly shown: string;
  /** sha256 of the exact line, to check it is unchanged when the fix runs. */
  readonly sha256: string;
}

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Assignment forms that put NAME in a shell's environment: `export NAME=…`, `NAME=…` (sh, bash,
 * zsh; also `declare -x`, `typeset -x`), and fish's `set -gx NAME …` / `set --export NAME …`.
 * Commented lines do not count. Returns the value text, '' for a bare `export NAME`, null for no match.
 */
function assignment(line: string, name: string): string | null {
  const n = escape(name);
  const posix = new RegExp(`^\\s*(?:export\\s+|(?:declare|typeset)\\s+-[a-zA-Z]*x[a-zA-Z]*\\s+|readonly\\s+)?${n}=(.*)$`).exec(line);
  if (posix) return posix[1] ?? '';
  if (new RegExp(`^\\s*export\\s+${n}\\s*$`).test(line)) return '';
  const fish = new RegExp(`^\\s*set\\s+((?:-{1,2}[a-zA-Z-]+\\s+)+)${n}(?:\\s+(.*))?$`).exec(line);
  if (fish && /(^|\s)(-[a-zA-Z]*x[a-zA-Z]*|--export)(\s|$)/.test(fish[1] ?? '')) return fish[2] ?? '';
  return null;
}

/** The value part of the line replaced by a fingerprint; the name and shape stay readable. */
function redactLine(line: string, name: string, value: string): string {
  if (value.trim() === '') return line.trim();
  const bare = value.trim().replace(/^["'](.*)["']$/s, '$1');
  const cut = line.lastIndexOf(value);
  const head = cut >= 0 ? line.slice(0, cut) : `${name}=`;
  return `${head.trim()}${head.trim().endsWith('=') ? '' : ' '}[value ${fingerprint(bare)}]`;
}

/** Finds every line that sets one of `names` in the text of one file. */
export function scanText(text: string, path: string, names: readonly string[]): RcMatch[] {
  const matches: RcMatch[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (/^\s*#/.test(line)) return;
    for (const name of names) {
      const value = assignment(line, name);
      if (value === null) continue;
      matches.push({ path, line: index + 1, name, shown: redactLine(line, name, value), sha256: sha256(raw) });
      return;
    }
  });
  return matches;
}

/** Every rc file under home that sets one of `names`; missing or unreadable files are skipped. */
export async function scanShellRc(fs: FileSystem, homeDir: string, names: readonly string[]): Promise<RcMatch[]> {
  const files = [...SHELL_RC_FILES.map((f) => join(homeDir, f))];
  const confD = join(homeDir, '.config', 'fish', 'conf.d');
  for (const name of (await fs.list(confD)).sort()) if (name.endsWith('.fish')) files.push(join(confD, name));
  const found: RcMatch[] = [];
  for (const path of files) {
    const read = await fs.readText(path, MAX_RC_BYTES);
    if (read.kind === 'ok') found.push(...scanText(read.text, path, names));
  }
  return found;
}

/** The marker put in front of a line the doctor disables; undo restores the file's exact bytes. */
export function commentOut(line: string, backupId: string): string {
  return `# [claude-auth-doctor ${backupId}] ${line}`;
}
