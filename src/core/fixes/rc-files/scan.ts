import { join } from 'node:path';
import type { FileSystem } from '../../io/ports.js';
import { parseRc, shownStatement } from './assignments.js';
import { dialectOf } from './syntax-check.js';
import type { Dialect } from './statements.js';
import { planOf, statementsSetting, type PlannedStatement } from './edit.js';

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

/** The most the doctor reads of a start-up file. */
export const MAX_RC_BYTES = 1024 * 1024;

/** One statement that sets one or more of the names asked about. */
export interface RcMatch {
  readonly path: string;
  readonly dialect: Dialect;
  /** 1-based, as editors count: where the statement starts. */
  readonly line: number;
  readonly names: readonly string[];
  /** The statement with every value replaced by its fingerprint: safe to show. */
  readonly shown: string;
  /** The statement's lines and their hash, to check they are unchanged when the fix runs. */
  readonly planned: PlannedStatement;
  /** Set when the file cannot be parsed as a whole: the fix then explains instead of editing. */
  readonly problem: string | null;
}

/** Finds every statement that sets one of `names` in the text of one file. */
export function scanText(text: string, path: string, names: readonly string[], dialect: Dialect = dialectOf(path)): RcMatch[] {
  const parsed = parseRc(text, dialect);
  if (parsed.error) return unparsedMentions(text, path, names, dialect, parsed.error);
  const groups = statementsSetting(parsed, names);
  const all = groups.flatMap((g) => g.hits);
  return groups.map(({ statement, hits }) => ({
    path,
    dialect,
    line: statement.firstLine + 1,
    names: [...new Set(hits.map((h) => h.name))],
    shown: shownStatement(parsed, all, statement),
    planned: planOf(parsed, statement),
    problem: parsed.error,
  }));
}

/**
 * A file the parser cannot read as a whole (an unterminated quote) may still set a name: every
 * line that mentions one in an assignment-like way is reported with the problem, so the fix can
 * say "edit it by hand" instead of editing text it does not understand. The value is not shown.
 */
function unparsedMentions(text: string, path: string, names: readonly string[], dialect: Dialect, problem: string): RcMatch[] {
  const found: RcMatch[] = [];
  text.split('\n').forEach((line, index) => {
    if (/^\s*#/.test(line)) return;
    const hits = names.filter((name) => new RegExp(`(^|[\\s;])${name}(=|\\s)`).test(line));
    if (hits.length === 0) return;
    found.push({
      path,
      dialect,
      line: index + 1,
      names: hits,
      shown: `(not shown: ${hits.join(', ')} is set here, in a file the doctor cannot parse)`,
      planned: { firstLine: index + 1, lastLine: index + 1, sha256: '' },
      problem,
    });
  });
  return found;
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
