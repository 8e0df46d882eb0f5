import { join } from 'node:path';
import type { Os } from '../io/os.js';
import type { CommandRunner, FileSystem } from '../io/ports.js';

/**
 * Where a variable is set for the user's shells and apps: the line of a shell start-up file, a fish
 * universal variable, a LaunchAgent or `launchctl setenv`. A pure reader: it reads files (bounded)
 * and on macOS asks `launchctl getenv`; it changes nothing.
 */
export interface VariableLocation {
  readonly name: string;
  /** Absolute path of the file; "launchctl" for a value only `launchctl getenv` knows. */
  readonly path: string;
  /** 1-based line of the assignment (the first line of a continued one); 0 when there is no line. */
  readonly line: number;
  readonly kind: 'shell-rc' | 'system-rc' | 'fish-universal' | 'launch-agent' | 'launchctl';
}

const MAX_FILE_BYTES = 1024 * 1024;
const LAUNCHCTL_TIMEOUT_MS = 2000;

/** The user's start-up files, in the order a login shell of each kind reads them. */
const USER_FILES = [
  '.zshenv',
  '.zprofile',
  '.zshrc',
  '.zlogin',
  '.bash_profile',
  '.bash_login',
  '.profile',
  '.bashrc',
  '.config/fish/config.fish',
  '.tcshrc',
  '.cshrc',
  '.login',
] as const;

const SYSTEM_FILES = ['/etc/environment', '/etc/profile', '/etc/zshenv', '/etc/zsh/zshenv', '/etc/bash.bashrc'] as const;

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Joins backslash-continued lines; each logical line keeps the number of its first physical line. */
export function logicalLines(text: string): { readonly text: string; readonly line: number }[] {
  const out: { text: string; line: number }[] = [];
  let pending: { text: string; line: number } | null = null;
  text.split('\n').forEach((raw, index) => {
    const physical = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const continued = /(^|[^\\])(\\\\)*\\$/.test(physical);
    const body = continued ? physical.slice(0, -1) : physical;
    pending = pending ? { text: pending.text + body, line: pending.line } : { text: body, line: index + 1 };
    if (!continued) {
      out.push(pending);
      pending = null;
    }
  });
  if (pending) out.push(pending);
  return out;
}

/**
 * Whether a logical line puts NAME in the environment: `export NAME=…` (also among several
 * `export A=1 NAME=2`), `NAME=…`, `declare/typeset -x`, a bare `export NAME`, fish `set -gx`/`-Ux`/`--export`,
 * csh `setenv NAME …`, and `launchctl setenv NAME …`. Comments do not count.
 */
export function setsVariable(line: string, name: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return false;
  const n = escape(name);
  const statements = trimmed.split(/\s*(?:;|&&)\s*/);
  return statements.some((statement) => {
    const exported = new RegExp(`^(?:export|declare\\s+-[a-zA-Z]*x[a-zA-Z]*|typeset\\s+-[a-zA-Z]*x[a-zA-Z]*|readonly)\\s`).exec(statement);
    if (exported) {
      const names = new RegExp(`(?:^|\\s)${n}(?:=|\\s|$)`, 'g');
      const words = statement.slice(exported[0].length);
      for (const match of words.matchAll(names)) if (outsideQuotes(words.slice(0, match.index))) return true;
    }
    if (new RegExp(`^${n}=`).test(statement)) return true;
    if (new RegExp(`^setenv\\s+${n}(?:\\s|$)`).test(statement)) return true;
    if (new RegExp(`^(?:/bin/)?launchctl\\s+setenv\\s+${n}(?:\\s|$)`).test(statement)) return true;
    const fish = new RegExp(`^set\\s+((?:-{1,2}[a-zA-Z-]+\\s+)+)${n}(?:\\s|$)`).exec(statement);
    return Boolean(fish && /(^|\s)(-[a-zA-Z]*x[a-zA-Z]*|--export)(\s|$)/.test(fish[1] ?? ''));
  });
}

/** True when `prefix` leaves no single or double quote open (so what follows is a word of its own). */
function outsideQuotes(prefix: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < prefix.length; i += 1) {
    const c = prefix[i];
    if (c === '\\' && quote !== "'") i += 1;
    else if (quote === null && (c === '"' || c === "'")) quote = c;
    else if (c === quote) quote = null;
  }
  return quote === null;
}

/** Every line of `text` that sets one of `names`. */
export function scanAssignments(text: string, path: string, names: readonly string[], kind: VariableLocation['kind']): VariableLocation[] {
  const found: VariableLocation[] = [];
  for (const { text: line, line: number } of logicalLines(text)) {
    for (const name of names) if (setsVariable(line, name)) found.push({ name, path, line: number, kind });
  }
  return found;
}

/** fish keeps `set -Ux` variables in fish_variables as `SETUVAR --export NAME:value`. */
function fishUniversal(text: string, path: string, names: readonly string[]): VariableLocation[] {
  const found: VariableLocation[] = [];
  text.split('\n').forEach((line, index) => {
    const match = /^SETUVAR\s+--export\s+([A-Za-z_][A-Za-z0-9_]*):/.exec(line);
    if (match?.[1] && names.includes(match[1])) found.push({ name: match[1], path, line: index + 1, kind: 'fish-universal' });
  });
  return found;
}

async function read(fs: FileSystem, path: string): Promise<string | null> {
  const result = await fs.readText(path, MAX_FILE_BYTES);
  return result.kind === 'ok' ? result.text : null;
}

async function listed(fs: FileSystem, dir: string, suffix: string): Promise<string[]> {
  return (await fs.list(dir))
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => join(dir, f));
}

export interface LocateInput {
  readonly fs: FileSystem;
  readonly runner: CommandRunner;
  readonly homeDir: string;
  readonly os: Os;
  /** zsh reads its files from $ZDOTDIR when set. */
  readonly zdotdir?: string | undefined;
}

/** Every place under the user's home (and the system's shell files) that sets one of `names`. */
export async function locateVariables(input: LocateInput, names: readonly string[]): Promise<VariableLocation[]> {
  if (names.length === 0 || input.os === 'win32') return [];
  const home = input.homeDir;
  const userFiles = USER_FILES.map((f) => (f.startsWith('.z') && input.zdotdir ? join(input.zdotdir, f) : join(home, f)));
  userFiles.push(...(await listed(input.fs, join(home, '.config', 'fish', 'conf.d'), '.fish')));
  const systemFiles = [...SYSTEM_FILES, ...(await listed(input.fs, '/etc/profile.d', '.sh'))];
  const found: VariableLocation[] = [];
  for (const [files, kind] of [
    [userFiles, 'shell-rc'],
    [systemFiles, 'system-rc'],
  ] as const) {
    for (const path of files) {
      const text = await read(input.fs, path);
      if (text !== null) found.push(...scanAssignments(text, path, names, kind));
    }
  }
  const universal = join(home, '.config', 'fish', 'fish_variables');
  const fishText = await read(input.fs, universal);
  if (fishText !== null) found.push(...fishUniversal(fishText, universal, names));
  if (input.os === 'darwin') found.push(...(await launchd(input, names, found)));
  return found;
}

/** macOS: LaunchAgents that set it for apps, and values `launchctl getenv` knows that no file explains. */
async function launchd(input: LocateInput, names: readonly string[], already: readonly VariableLocation[]): Promise<VariableLocation[]> {
  const found: VariableLocation[] = [];
  for (const path of await listed(input.fs, join(input.homeDir, 'Library', 'LaunchAgents'), '.plist')) {
    const text = await read(input.fs, path);
    if (text === null) continue;
    text.split('\n').forEach((line, index) => {
      for (const name of names) {
        if (line.includes(`<key>${name}</key>`) || line.includes(`<string>${name}</string>`)) {
          found.push({ name, path, line: index + 1, kind: 'launch-agent' });
        }
      }
    });
  }
  for (const name of names) {
    if (found.some((f) => f.name === name) || already.some((f) => f.name === name && f.kind !== 'shell-rc')) continue;
    const result = await input.runner.run('/bin/launchctl', ['getenv', name], { timeoutMs: LAUNCHCTL_TIMEOUT_MS, maxBytes: 64 * 1024 });
    if (result.code === 0 && result.stdout.trim() !== '') found.push({ name, path: 'launchctl', line: 0, kind: 'launchctl' });
  }
  return found;
}
