import { join } from 'node:path';
import type { Os } from '../io/os.js';
import type { FileSystem } from '../io/ports.js';
import { parseJson } from './credentials-json.js';
import { describeUnread, displayPath, settingsPath } from './paths.js';

/** The most the doctor reads of a settings.json (Claude Code's own are a few KB). */
export const SETTINGS_MAX_BYTES = 1024 * 1024;

export interface SettingsProblem {
  readonly code: 'settings-corrupt' | 'settings-unreadable' | 'settings-wrong-type';
  readonly message: string;
}

/**
 * Where a settings file sits in Claude Code's order of applying them: each later one overrides the
 * earlier, all of them override the shell's variables, and managed settings cannot be overridden.
 */
export type SettingsScope = 'user' | 'project' | 'local' | 'managed';
export const SETTINGS_SCOPES: readonly SettingsScope[] = ['user', 'project', 'local', 'managed'];

/** The parts of one Claude Code settings.json that decide which credential it uses. */
export interface ClaudeCodeSettings {
  readonly scope: SettingsScope;
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
export function parseSettings(text: string, path: string, shown: string, scope: SettingsScope = 'user'): ClaudeCodeSettings {
  const problems: SettingsProblem[] = [];
  const parsed = parseJson(text);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    const where = parsed.ok ? 'does not hold a JSON object' : parsed.where;
    problems.push({
      code: 'settings-corrupt',
      message: `${shown} ${where}; Claude Code ignores settings it cannot parse. Repair the file.`,
    });
    return { scope, path, shown, apiKeyHelper: null, env: {}, problems };
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
  return { scope, path, shown, apiKeyHelper, env, problems };
}

export async function readSettings(
  fs: FileSystem,
  path: string,
  shown: string,
  scope: SettingsScope = 'user',
): Promise<ClaudeCodeSettings> {
  const read = await fs.readText(path, SETTINGS_MAX_BYTES);
  if (read.kind === 'ok') return parseSettings(read.text, path, shown, scope);
  const problems: SettingsProblem[] =
    read.kind === 'missing' ? [] : [{ code: 'settings-unreadable', message: `${shown} ${describeUnread(read)}.` }];
  return { scope, path, shown, apiKeyHelper: null, env: {}, problems };
}

/** Where Claude Code looks for managed (policy) settings on each OS. */
const MANAGED_DIRS: Readonly<Record<Os, string>> = {
  darwin: '/Library/Application Support/ClaudeCode',
  linux: '/etc/claude-code',
  win32: 'C:\\Program Files\\ClaudeCode',
};

/** For tests and unusual installs: where the doctor reads managed settings instead. */
export const MANAGED_DIR_VARIABLE = 'CLAUDE_AUTH_DOCTOR_MANAGED_SETTINGS_DIR';

export function managedSettingsDir(env: Readonly<Record<string, string | undefined>>, os: Os): string {
  return env[MANAGED_DIR_VARIABLE] || MANAGED_DIRS[os];
}

/** Every settings file Claude Code applies, in its order; the same file is read once (a project in ~ is the user file). */
export interface SettingsLayers {
  readonly layers: readonly ClaudeCodeSettings[];
  readonly problems: readonly SettingsProblem[];
}

export interface SettingsReadInput {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  /** The project Claude Code would start in (the CLI's working directory); none for the tray app. */
  readonly cwd?: string | undefined;
  readonly fs: FileSystem;
  readonly platform: { readonly os: Os };
  memo<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

async function settingsFiles(ctx: SettingsReadInput): Promise<{ path: string; scope: SettingsScope }[]> {
  const files: { path: string; scope: SettingsScope }[] = [{ path: settingsPath(ctx.env, ctx.homeDir), scope: 'user' }];
  if (ctx.cwd) {
    files.push({ path: join(ctx.cwd, '.claude', 'settings.json'), scope: 'project' });
    files.push({ path: join(ctx.cwd, '.claude', 'settings.local.json'), scope: 'local' });
  }
  const managed = managedSettingsDir(ctx.env, ctx.platform.os);
  files.push({ path: join(managed, 'managed-settings.json'), scope: 'managed' });
  const dropIns = join(managed, 'managed-settings.d');
  for (const name of (await ctx.fs.list(dropIns)).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort()) {
    files.push({ path: join(dropIns, name), scope: 'managed' });
  }
  const seen = new Set<string>();
  return files.filter((f) => !seen.has(f.path) && seen.add(f.path));
}

/** Claude Code's settings files (user, project, local, managed and its drop-ins), read once per run. */
export function loadSettingsLayers(ctx: SettingsReadInput): Promise<SettingsLayers> {
  return ctx.memo('settings-layers', async () => {
    const files = await settingsFiles(ctx);
    const layers = await Promise.all(files.map((f) => readSettings(ctx.fs, f.path, displayPath(f.path, ctx.homeDir), f.scope)));
    return { layers, problems: layers.flatMap((l) => l.problems) };
  });
}

/** The apiKeyHelper in effect: the last layer that sets one wins (managed over local over project over user). */
export function effectiveApiKeyHelper(layers: SettingsLayers): { readonly command: string; readonly from: ClaudeCodeSettings } | null {
  let found: { command: string; from: ClaudeCodeSettings } | null = null;
  for (const layer of layers.layers) if (layer.apiKeyHelper) found = { command: layer.apiKeyHelper, from: layer };
  return found;
}
