// The user's world as events for the tray: login files, ~/.claude.json, the network and the shell
// start-up files the login shell read. Watched again when the login shell answers (it may name
// other start-up files); after close, nothing is started again.
import type { MonitorEvent } from '../core/monitor/events.js';
import { watchWorld } from '../core/monitor/world-watchers.js';

export interface UserWorld {
  /** Re-make the watchers (the start-up files changed); a no-op once closed. */
  rewatch(): void;
  close(): void;
}

export function watchUserWorld(input: {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  readonly startupFiles: () => string[];
  readonly onEvent: (event: MonitorEvent) => void;
}): UserWorld {
  const watch = (): { close(): void } => watchWorld(input.env, input.homeDir, input.onEvent, { shellFiles: input.startupFiles() });
  let world = watch();
  let closed = false;
  return {
    rewatch() {
      if (closed) return;
      world.close();
      world = watch();
    },
    close() {
      closed = true;
      world.close();
    },
  };
}
