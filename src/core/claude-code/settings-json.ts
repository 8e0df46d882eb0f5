import type { ClaudeCodeReadInput } from './stored-login.js';
import type { FileSystem } from '../io/ports.js';
import { parseJson } from './credentials-json.js';
import { describeUnread, displayPath, settingsPath } from './paths.js';

/** The most the doctor reads of a settings.json (Claude Code's own are a few KB). */
export const SETTINGS_MAX_BYTES = 1024 * 1024;

export interface SettingsProblem {
  readonly code: 'settings-corrupt' | 'settings-unreadable' | 'settings-wrong-type';
  readonly message: string;
}

/** The parts of Claude Code's user settings.json that decide which credential it uses. */
export interface ClaudeCodeSettings {
  readonly path: string;
  /** The path with ~ for home, for messages. */
  readonly shown: string;
  /** A shell command Claude Code runs to get an API key; the doctor never runs it. */
  readonly apiKeyHelper: string | null;
  /** The settings "env" block: Claude Code applies these as environment variables, over the shell's. */
  readonly env: Readonly<Record<string, string>>;
  readonly problems: readonly SettingsProblem[];
}

/** Pure: the settings from the file's text. `shown` names the file in messages. */
export function parseSettings(text: string, path: string, shown: string): ClaudeCodeSettings {
  const problems: SettingsProblem[] = [];
  const parsed = parseJson(text);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    const where = parsed.ok ? 'does not hold a JSON object' : parsed.where;
    problems.push({
      code: 'settings-corrupt',
      message: `${shown} ${where}; Claude Code ignores settings it cannot parse. Repair the file.`,
    });
    return { path, shown, apiKeyHelper: null, env: {}, problems };
  }
  const root = parsed.value as Record<string, unknown>;
  let apiKeyHelper: string | null = null;
  const helper = root['apiKeyHelper'];
  if (typeof helper === 'string' && helper.trim() !== '') apiKeyHelper = helper;
  else if (helper !== undefined && helper !== null && helper !== '') {
    problems.push({ code: 'settings-wrong-type', message: `"apiKeyHelper" in ${shown} should be a command string.` });
  }
  const env: Record<string, string> = {};
  const block = root['env'];
  if (typeof block === 'object' && block !== null && !Array.isArray(block)) {
    for (const [name, value] of Object.entries(block as Record<string, unknown>)) {
      if (typeof value === 'string') env[name] = value;
      else if (typeof value === 'number' || typeof value === 'boolean') env[name] = String(value);
      else problems.push({ code: 'settings-wrong-type', message: `"env.${name}" in ${shown} should be a string.` });
    }
  } else if (block !== undefined && block !== null) {
    problems.push({ code: 'settings-wrong-type', message: `"env" in ${shown} should be an object of variable names to values.` });
  }
  return { path, shown, apiKeyHelper, env, problems };
}

export async function readSettings(fs: FileSystem, path: string, shown: string): Promise<ClaudeCodeSettings> {
  const read = await fs.readText(path, SETTINGS_MAX_BYTES);
  if (read.kind === 'ok') return parseSettings(read.text, path, shown);
  const problems: SettingsProblem[] =
    read.kind === 'missing' ? [] : [{ code: 'settings-unreadable', message: `${shown} ${describeUnread(read)}.` }];
  return { path, shown, apiKeyHelper: null, env: {}, problems };
}

/** The user settings.json, read once per run. Project-level settings are out of scope. */
export function loadClaudeCodeSettings(ctx: Pick<ClaudeCodeReadInput, 'env' | 'homeDir' | 'fs' | 'memo'>): Promise<ClaudeCodeSettings> {
  return ctx.memo('settings', () => {
    const path = settingsPath(ctx.env, ctx.homeDir);
    return readSettings(ctx.fs, path, displayPath(path, ctx.homeDir));
  });
}
