import { watch as watchFs, type FSWatcher } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { CLAUDE_JSON_MAX_BYTES } from '../claude-code/claude-json.js';
import { claudeJsonSignature, UNPARSABLE } from '../claude-code/claude-json-signature.js';
import { claudeJsonPath, credentialsFilePath, settingsPath } from '../claude-code/paths.js';
import { listInterfaces } from '../probes/local-env.js';
import type { MonitorEvent } from './events.js';

/** How often network interfaces are compared (VPN up/down), polled files looked at and lost file watches re-tried. */
export const WORLD_POLL_MS = 3000;
/** ~/.claude.json is read at most this often: Claude Code rewrites it constantly while it runs. */
export const CLAUDE_JSON_MIN_READ_MS = 15_000;
/** How long an unparsable ~/.claude.json must stay as it is before it counts as damaged. */
const CLAUDE_JSON_SETTLE_MS = 1_000;

type Env = Readonly<Record<string, string | undefined>>;

export interface WorldWatchOptions {
  readonly pollMs?: number;
  /** The files the user's login shell reads (see shell-startup-files.ts): an edit is an 'environment-change'. */
  readonly shellFiles?: readonly string[];
  readonly claudeJsonMinReadMs?: number;
  readonly now?: () => number;
}

/** Directory watches for the login and Claude Code's settings.json; a missing directory is retried on every poll. */
function watchLoginFiles(env: Env, homeDir: string, onChange: () => void): { retry(): void; close(): void } {
  const wanted = new Map<string, Set<string>>();
  for (const path of [credentialsFilePath(env, homeDir), settingsPath(env, homeDir)]) {
    const names = wanted.get(dirname(path)) ?? new Set<string>();
    names.add(basename(path));
    wanted.set(dirname(path), names);
  }
  const open = new Map<string, FSWatcher>();
  const retry = (): void => {
    for (const [dir, names] of wanted) {
      if (open.has(dir)) continue;
      try {
        const watcher = watchFs(dir, (_event, name) => {
          if (name === null || names.has(name.toString())) onChange();
        });
        watcher.on('error', () => {
          watcher.close();
          open.delete(dir);
        });
        open.set(dir, watcher);
      } catch {
        // Not there yet (no login so far): the next poll tries again.
      }
    }
  };
  retry();
  return {
    retry,
    close: () => {
      for (const watcher of open.values()) watcher.close();
      open.clear();
    },
  };
}

/** What changes when a file is written, replaced or removed (no read). */
async function fileStamp(path: string): Promise<string> {
  try {
    const s = await stat(path);
    return `${s.mtimeMs}:${s.size}:${s.ino}`;
  } catch {
    return 'absent';
  }
}

/**
 * ~/.claude.json, which may sit in the home directory: polled by stat instead of a watch on the
 * whole home, read at most every `minReadMs`, and a change only when the sign-in fields differ.
 * A read that does not parse may have caught a write half-way: it counts only once the file has
 * stayed unchanged and unparsable for CLAUDE_JSON_SETTLE_MS (then it is really damaged).
 */
function pollClaudeJson(path: string, minReadMs: number, now: () => number): () => Promise<boolean> {
  let stamp: string | null = null;
  let signature: string | null = null;
  let lastRead = -Infinity;
  let dirty = false;
  let unparsable: { readonly stamp: string; readonly since: number } | null = null;
  const read = async (): Promise<string> => {
    try {
      const s = await stat(path);
      if (s.size > CLAUDE_JSON_MAX_BYTES) return `too-large:${s.size > 0}`;
      return claudeJsonSignature(await readFile(path, 'utf8'));
    } catch {
      return 'absent';
    }
  };
  return async () => {
    const next = await fileStamp(path);
    if (stamp === null) {
      stamp = next;
      signature = await read();
      lastRead = now();
      return false;
    }
    if (next !== stamp) dirty = true;
    stamp = next;
    if (!dirty || now() - lastRead < minReadMs) return false;
    dirty = false;
    lastRead = now();
    const fresh = await read();
    if (fresh.startsWith(UNPARSABLE)) {
      if (unparsable?.stamp !== stamp) unparsable = { stamp, since: now() };
      if (now() - unparsable.since < CLAUDE_JSON_SETTLE_MS) {
        dirty = true;
        return false;
      }
    }
    unparsable = null;
    const changed = fresh !== signature;
    signature = fresh;
    return changed;
  };
}

export function interfaceSignature(): string {
  return listInterfaces()
    .map((i) => `${i.name}=${[...i.addresses].sort().join(',')}`)
    .sort()
    .join(';');
}

/**
 * The outside events no OS API announces portably: the login files changing (fs.watch on their
 * directory), ~/.claude.json's sign-in fields and the shell's rc files changing (polled), network
 * interfaces coming and going (polled; Electron has no such event). Shared by `watch` and the tray
 * app, which adds the wake and unlock events on top.
 */
export function watchWorld(
  env: Env,
  homeDir: string,
  onEvent: (event: MonitorEvent) => void,
  options: WorldWatchOptions = {},
): { close(): void } {
  const now = options.now ?? Date.now;
  const files = watchLoginFiles(env, homeDir, () => onEvent('credentials-change'));
  const claudeJson = pollClaudeJson(claudeJsonPath(env, homeDir), options.claudeJsonMinReadMs ?? CLAUDE_JSON_MIN_READ_MS, now);
  const shellFiles = options.shellFiles ?? [];
  let shellStamps: string | null = null;
  let network = interfaceSignature();
  let polling = false;
  let closed = false;

  const poll = async (): Promise<void> => {
    files.retry();
    const current = interfaceSignature();
    if (current !== network) onEvent('network-change');
    network = current;
    const stamps = (await Promise.all(shellFiles.map(fileStamp))).join('|');
    if (shellStamps !== null && stamps !== shellStamps && !closed) onEvent('environment-change');
    shellStamps = stamps;
    if ((await claudeJson()) && !closed) onEvent('credentials-change');
  };
  const tick = (): void => {
    if (polling) return;
    polling = true;
    void poll().finally(() => (polling = false));
  };
  tick();
  const timer = setInterval(tick, options.pollMs ?? WORLD_POLL_MS);
  return {
    close: () => {
      closed = true;
      files.close();
      clearInterval(timer);
    },
  };
}
