import { watch as watchFs, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { claudeJsonPath, credentialsFilePath, settingsPath } from '../claude-code/paths.js';
import { listInterfaces } from '../probes/probe-env.js';
import type { MonitorEvent } from './events.js';

/** How often network interfaces are compared (VPN up/down) and lost file watches re-tried. */
export const WORLD_POLL_MS = 3000;

/** Directory watches for the files that hold or steer the login; a missing directory is retried on every poll. */
function watchLoginFiles(
  env: Readonly<Record<string, string | undefined>>,
  homeDir: string,
  onChange: () => void,
): { retry(): void; close(): void } {
  const wanted = new Map<string, Set<string>>();
  for (const path of [credentialsFilePath(env, homeDir), settingsPath(env, homeDir), claudeJsonPath(env, homeDir)]) {
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

export function interfaceSignature(): string {
  return listInterfaces()
    .map((i) => `${i.name}=${[...i.addresses].sort().join(',')}`)
    .sort()
    .join(';');
}

/**
 * The outside events no OS API announces portably: the login files changing (fs.watch on their
 * directories) and network interfaces coming and going (polled; Electron has no such event).
 * Shared by `watch` and the tray app, which adds powerMonitor's wake events on top.
 */
export function watchWorld(
  env: Readonly<Record<string, string | undefined>>,
  homeDir: string,
  onEvent: (event: MonitorEvent) => void,
  pollMs: number = WORLD_POLL_MS,
): { close(): void } {
  const files = watchLoginFiles(env, homeDir, () => onEvent('credentials-change'));
  let network = interfaceSignature();
  const poll = setInterval(() => {
    files.retry();
    const now = interfaceSignature();
    if (now !== network) onEvent('network-change');
    network = now;
  }, pollMs);
  return {
    close: () => {
      files.close();
      clearInterval(poll);
    },
  };
}
