import type { PowerMonitor } from 'electron';
import type { Os } from '../core/io/os.js';
import type { MonitorEvent } from '../core/monitor/events.js';
import type { SessionUnlockWatch } from '../core/platform/session-lock.js';

export interface WakeDeps {
  readonly os: Os;
  readonly powerMonitor: Pick<PowerMonitor, 'on' | 'removeListener'>;
  readonly onEvent: (event: MonitorEvent) => void;
  /** Linux: logind / the screensaver over D-Bus (powerMonitor has no unlock-screen there). */
  readonly watchLinuxUnlock: (onUnlock: () => void) => Promise<SessionUnlockWatch>;
  readonly log: (message: string, fields?: Record<string, unknown>) => void;
}

/** Wake and screen unlock, from where each OS announces them. */
export function watchWake(deps: WakeDeps): { close(): void } {
  const resume = (): void => deps.onEvent('resume');
  const unlock = (): void => deps.onEvent('unlock-screen');
  deps.powerMonitor.on('resume', resume);
  let linux: SessionUnlockWatch | null = null;
  let closed = false;
  if (deps.os === 'linux') {
    void deps.watchLinuxUnlock(unlock).then((watch) => {
      if (closed) return watch.close();
      linux = watch;
      deps.log('screen unlock', { sources: watch.sources, problems: watch.problems });
    });
  } else deps.powerMonitor.on('unlock-screen', unlock);
  return {
    close() {
      closed = true;
      deps.powerMonitor.removeListener('resume', resume);
      deps.powerMonitor.removeListener('unlock-screen', unlock);
      linux?.close();
    },
  };
}
