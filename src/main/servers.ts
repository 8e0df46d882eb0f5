import { net } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { MonitorEvent } from '../core/monitor/events.js';
import type { Notification } from '../core/notify/decide.js';
import type { NotifyRules } from '../core/notify/rules.js';
import { decideServerNotifications, NO_EPISODES } from '../core/notify/servers.js';
import type { Os } from '../core/io/os.js';
import { appConfigDir } from '../core/platform/app-dirs.js';
import { checkHosts, type RemoteCheckDeps } from '../core/remote/check-host.js';
import { remoteCheckDeps } from '../core/remote/deps.js';
import { hostList } from '../core/remote/hosts.js';
import { createServerWatch, type ServerWatch } from '../core/remote/server-watch.js';
import { serversPayload } from '../core/remote/host-plan.js';
import type { ServersPayload } from '../shared/remote.js';

/** Per host, all told; a blackholed server costs this much of a background run, never a hang. */
const SERVER_TIMEOUT_MS = 20_000;
/** The events that make the tray look at the servers again (besides its 15-minute timer and "Check Servers Now"). */
const SERVER_EVENTS: readonly MonitorEvent[] = ['resume', 'network-change'];

export interface TrayServers extends ServerWatch {
  onEvent(event: MonitorEvent): void;
  /** The IPC handlers of the wizard's Servers view. */
  readonly handlers: { readonly 'servers:get': () => Promise<ServersPayload>; readonly 'servers:check': () => Promise<ServersPayload> };
}

/** The tray's watch over the remote host list the CLI edits (glue: Electron's online state and timers). */
export function createTrayServers(input: {
  readonly os: Os;
  readonly root: string;
  readonly version: string;
  readonly rules: () => NotifyRules;
  readonly notify: (notification: Notification) => void;
  readonly onChange: () => void;
  readonly onError: (error: unknown) => void;
}): TrayServers {
  const hosts = hostList(appConfigDir(process.env, input.os, homedir()));
  let deps: Promise<RemoteCheckDeps> | null = null;
  let episodes = NO_EPISODES;
  const watch = createServerWatch({
    timers: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) },
    readHosts: () => hosts.read(),
    check: async (list) => {
      deps ??= remoteCheckDeps({
        env: process.env,
        os: input.os,
        reuse: true,
        version: input.version,
        bundlePath: join(input.root, 'dist/remote/doctor.mjs'),
      });
      return checkHosts(list, await deps, SERVER_TIMEOUT_MS);
    },
    online: () => net.isOnline(),
    onChange: (_view, fresh) => {
      const decided = decideServerNotifications(fresh, episodes, input.rules(), Date.now());
      episodes = decided.episodes;
      for (const notification of decided.notifications) input.notify(notification);
      input.onChange();
    },
    onError: input.onError,
  });
  return {
    ...watch,
    onEvent: (event) => (SERVER_EVENTS.includes(event) ? watch.trigger() : undefined),
    handlers: {
      'servers:get': async () => serversPayload(watch.current()),
      'servers:check': async () => serversPayload(await watch.checkNow()),
    },
  };
}
