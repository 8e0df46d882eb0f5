import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { FileReadResult } from '../io/ports.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Claude Code's config dir: CLAUDE_CONFIG_DIR when set, else ~/.claude (NFC, as Claude Code keys on it). */
export function configDir(env: Env, homeDir: string): string {
  const override = env['CLAUDE_CONFIG_DIR'];
  return (override ? override : join(homeDir, '.claude')).normalize('NFC');
}

/** The plaintext login: the only store on Linux/Windows, the fallback on macOS. */
export function credentialsFilePath(env: Env, homeDir: string): string {
  return join(configDir(env, homeDir), '.credentials.json');
}

/** Account facts (oauthAccount, primaryApiKey). It sits beside ~/.claude, not inside, unless CLAUDE_CONFIG_DIR is set. */
export function claudeJsonPath(env: Env, homeDir: string): string {
  const override = env['CLAUDE_CONFIG_DIR'];
  return join(override ? override.normalize('NFC') : homeDir, '.claude.json');
}

export function settingsPath(env: Env, homeDir: string): string {
  return join(configDir(env, homeDir), 'settings.json');
}

/**
 * The macOS keychain service Claude Code stores its login under. A custom config dir gets its
 * own item, suffixed with a hash of the dir, so two config dirs never share a login.
 */
export function keychainServiceName(env: Env, homeDir: string): string {
  const base = 'Claude Code-credentials';
  if (!env['CLAUDE_CONFIG_DIR']) return base;
  const hash = createHash('sha256').update(configDir(env, homeDir)).digest('hex').slice(0, 8);
  return `${base}-${hash}`;
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
