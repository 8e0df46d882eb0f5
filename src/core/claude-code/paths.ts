import { join } from 'node:path';
import type { FileReadResult } from '../io/ports.js';
import { sha256Hex } from '../redact/sha256.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Claude Code's config dir: CLAUDE_CONFIG_DIR when defined, else ~/.claude, NFC-normalised as Claude
 * Code keys on it. Claude Code reads the variable with `??`, so an empty value is used as it is: ""
 * (paths then resolve against whatever directory Claude Code starts in).
 */
export function configDir(env: Env, homeDir: string): string {
  return (env['CLAUDE_CONFIG_DIR'] ?? join(homeDir, '.claude')).normalize('NFC');
}

/** CLAUDE_CONFIG_DIR is defined but empty: Claude Code's /login refuses to save a login then. */
export function configDirEmpty(env: Env): boolean {
  return env['CLAUDE_CONFIG_DIR'] === '';
}

/** Where secure storage lives: CLAUDE_SECURESTORAGE_CONFIG_DIR when defined (empty means ~/.claude), else the config dir. */
export function storageDir(env: Env, homeDir: string): string {
  const secure = env['CLAUDE_SECURESTORAGE_CONFIG_DIR'];
  if (secure !== undefined) return (secure || join(homeDir, '.claude')).normalize('NFC');
  return configDir(env, homeDir);
}

/** The plaintext login: the only store on Linux (and Windows by default), the fallback on macOS. */
export function credentialsFilePath(env: Env, homeDir: string): string {
  return join(storageDir(env, homeDir), '.credentials.json');
}

/** `-custom-oauth` when CLAUDE_CODE_CUSTOM_OAUTH_URL points Claude Code at another OAuth service (FedStart, staging). */
function oauthSuffix(env: Env): string {
  return env['CLAUDE_CODE_CUSTOM_OAUTH_URL'] ? '-custom-oauth' : '';
}

/**
 * Account facts (oauthAccount, primaryApiKey, customApiKeyResponses). It sits beside ~/.claude, not
 * inside, unless CLAUDE_CONFIG_DIR is set; Claude Code reads the variable with `||` here, so an empty
 * value falls back to home.
 */
export function claudeJsonPath(env: Env, homeDir: string): string {
  const override = env['CLAUDE_CONFIG_DIR'];
  return join(override ? override.normalize('NFC') : homeDir, `.claude${oauthSuffix(env)}.json`);
}

/** The user settings.json (`<config dir>/settings.json`). */
export function settingsPath(env: Env, homeDir: string): string {
  return join(configDir(env, homeDir), 'settings.json');
}

/**
 * The macOS keychain (and Windows Credential Manager) service Claude Code keeps a secret under:
 * `Claude Code[-custom-oauth]<what>[-<hash>]`, `what` being "-credentials" for the login and "" for
 * a Console login's API key. The hash (first 8 hex of sha256) is of the raw variable, NFC only, not
 * of a resolved path: CLAUDE_SECURESTORAGE_CONFIG_DIR when defined (no suffix when empty), else
 * CLAUDE_CONFIG_DIR when non-empty, else none.
 */
export function keychainServiceName(env: Env, what: '-credentials' | '' = '-credentials'): string {
  const secure = env['CLAUDE_SECURESTORAGE_CONFIG_DIR'];
  const keyed = secure !== undefined ? secure : env['CLAUDE_CONFIG_DIR'] || '';
  const suffix = keyed ? `-${sha256Hex(keyed.normalize('NFC')).slice(0, 8)}` : '';
  return `Claude Code${oauthSuffix(env)}${what}${suffix}`;
}

/**
 * The keychain account: $USER, else the system's name for the user (asked only then); anything
 * outside [a-zA-Z0-9._-] becomes claude-code-user.
 */
export function keychainAccount(env: Env, systemUser: () => string): string {
  const name = env['USER'] || systemUser();
  return /^[a-zA-Z0-9._-]+$/.test(name) ? name : 'claude-code-user';
}

/** A path as users recognise it: the home dir shown as ~. */
export function displayPath(path: string, homeDir: string): string {
  if (homeDir && (path === homeDir || path.startsWith(homeDir + '/') || path.startsWith(homeDir + '\\'))) {
    return '~' + path.slice(homeDir.length);
  }
  return path;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

/** Why a file could not be read, as the end of a sentence that starts with its name. */
export function describeUnread(read: Exclude<FileReadResult, { kind: 'ok' }>): string {
  switch (read.kind) {
    case 'missing':
      return 'does not exist';
    case 'dangling-link':
      return `is a symbolic link to ${read.target}, which does not exist`;
    case 'too-large':
      return `is ${formatBytes(read.size)}, far more than the ${formatBytes(read.limit)} this check reads; it was not read`;
    case 'not-a-file':
      return 'is not a regular file (a directory?)';
    case 'unreadable':
      return `cannot be read (${read.code}); check its owner and permissions`;
  }
}
