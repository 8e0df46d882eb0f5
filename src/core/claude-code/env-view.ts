import type { SettingsLayers, SettingsScope } from './settings-json.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Where Claude Code gets a variable: an "env" block of its settings, or the environment it starts in. */
export type VariableFrom =
  | { readonly kind: 'settings'; readonly scope: SettingsScope | 'global-config'; readonly path: string; readonly shown: string }
  | { readonly kind: 'environment' };

/** A variable that is set, without its value (values are read with `EnvView.text`, so no object carries a secret). */
export interface VariableValue {
  readonly name: string;
  /** How messages name it: `ANTHROPIC_API_KEY`, or `ANTHROPIC_API_KEY (from the "env" block of ~/.claude/settings.json)`. */
  readonly origin: string;
  readonly from: VariableFrom;
}

/** The variables a Claude Code process ends up with. */
export interface EnvView {
  get(name: string): VariableValue | null;
  /** The value as set (untrimmed); "" in an "env" block hides the shell's value, as it does for Claude Code. */
  text(name: string): string | null;
  /** Every variable an "env" block sets, by name (the last block that sets it). */
  readonly fromSettings: ReadonlyMap<string, VariableValue>;
}

/** The legacy "env" block of ~/.claude.json, applied before every settings.json. */
export interface GlobalConfigEnv {
  readonly env: Readonly<Record<string, string>>;
  readonly path: string;
  readonly shown: string;
}

/**
 * Claude Code applies `~/.claude.json` "env", then user, project, local and managed settings'
 * "env" blocks over `process.env` (observed: a settings key beats the shell's). Pure.
 */
export function buildEnvView(environment: Env, globalConfig: GlobalConfigEnv | null, layers: SettingsLayers): EnvView {
  const fromSettings = new Map<string, VariableValue>();
  const values = new Map<string, string>();
  const blocks = [
    ...(globalConfig
      ? [{ env: globalConfig.env, scope: 'global-config' as const, path: globalConfig.path, shown: globalConfig.shown }]
      : []),
    ...layers.layers.map((l) => ({ env: l.env, scope: l.scope, path: l.path, shown: l.shown })),
  ];
  for (const block of blocks) {
    for (const [name, value] of Object.entries(block.env)) {
      values.set(name, value);
      fromSettings.set(name, {
        name,
        origin: `${name} (from the "env" block of ${block.shown})`,
        from: { kind: 'settings', scope: block.scope, path: block.path, shown: block.shown },
      });
    }
  }
  return {
    fromSettings,
    get(name) {
      const set = fromSettings.get(name);
      if (set) return set;
      return environment[name] === undefined ? null : { name, origin: name, from: { kind: 'environment' } };
    },
    text(name) {
      return values.get(name) ?? environment[name] ?? null;
    },
  };
}
