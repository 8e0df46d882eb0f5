import type { RemoteHost, RemoteHostResult } from '../../shared/remote.js';
import type { Timers } from '../monitor/types.js';
import type { ServersView } from '../tray/servers.js';

/**
 * When the tray checks the servers: at start, every 15 minutes, on wake and on a network change,
 * and on demand; never two runs at once (a trigger during a run queues one more), and nothing while
 * the laptop is offline (the view says so). Each run re-reads the shared host list, so a host the
 * CLI added shows up without a restart.
 */
export const SERVER_INTERVAL_MS = 15 * 60_000;

export interface ServerWatchDeps {
  readonly timers: Timers;
  readonly readHosts: () => Promise<RemoteHost[]>;
  readonly check: (hosts: readonly RemoteHost[]) => Promise<RemoteHostResult[]>;
  readonly online: () => boolean;
  readonly onChange: (view: ServersView, fresh: readonly RemoteHostResult[]) => void;
  readonly onError?: (error: unknown) => void;
  readonly intervalMs?: number;
}

export interface ServerWatch {
  start(): void;
  stop(): void;
  /** Wake, network change, "Check Servers Now". */
  trigger(): void;
  /** A run now (or right after the one under way); resolves with the view it leaves. */
  checkNow(): Promise<ServersView>;
  current(): ServersView;
}

export function createServerWatch(deps: ServerWatchDeps): ServerWatch {
  let view: ServersView = { hosts: [], results: [], checking: false, offline: false };
  let running = false;
  let again = false;
  let stopped = true;
  let timer: unknown = null;
  let waiting: ((view: ServersView) => void)[] = [];

  const set = (next: ServersView, fresh: readonly RemoteHostResult[] = []): void => {
    view = next;
    deps.onChange(view, fresh);
  };

  const schedule = (): void => {
    if (timer !== null) deps.timers.clearTimeout(timer);
    timer = stopped ? null : deps.timers.setTimeout(() => void run(), deps.intervalMs ?? SERVER_INTERVAL_MS);
  };

  async function run(): Promise<void> {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    const answering = waiting;
    waiting = [];
    try {
      const hosts = await deps.readHosts();
      const known = view.results.filter((r) => hosts.some((h) => h.name === r.name));
      if (hosts.length === 0) {
        set({ hosts, results: [], checking: false, offline: false });
      } else if (!deps.online()) {
        set({ hosts, results: known, checking: false, offline: true });
      } else {
        set({ hosts, results: known, checking: true, offline: false });
        const fresh = await deps.check(hosts);
        if (!stopped) set({ hosts, results: fresh, checking: false, offline: false }, fresh);
      }
    } catch (error) {
      deps.onError?.(error);
      set({ ...view, checking: false });
    } finally {
      running = false;
      for (const resolve of answering) resolve(view);
      schedule();
      if (again && !stopped) {
        again = false;
        void run();
      }
    }
  }

  return {
    start() {
      stopped = false;
      void run();
    },
    stop() {
      stopped = true;
      if (timer !== null) deps.timers.clearTimeout(timer);
      timer = null;
    },
    trigger() {
      void run();
    },
    checkNow() {
      if (stopped) return Promise.resolve(view);
      const done = new Promise<ServersView>((resolve) => waiting.push(resolve));
      void run();
      return done;
    },
    current: () => view,
  };
}
