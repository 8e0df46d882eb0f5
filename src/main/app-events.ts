import type { App } from 'electron';

/** What the app's lifecycle events lead to, once the app has built it. */
export interface AppEventHandlers {
  /** A second launch (Windows, Linux) or a re-launch / Dock click of the running app (macOS `activate`). */
  openWizard(): void;
  /** The last window closed: a tray app stays, unless it has no tray anyone can see. */
  allWindowsClosed(): void;
  /** The app is about to quit: stop timers, watchers and child processes. */
  quitting(): void;
}

/**
 * Registers `second-instance`, `activate`, `window-all-closed` and `before-quit` at once, before
 * the first await of start-up, so none is missed or left to Electron's defaults (quitting when the
 * last window closes). A second launch that arrives while the app is still starting opens the
 * wizard once it can; a quit request during start-up is honoured at once.
 */
export function registerAppEvents(app: Pick<App, 'on'>): { attach(handlers: AppEventHandlers): void } {
  let handlers: AppEventHandlers | null = null;
  let wizardWanted = false;
  const openWizard = (): void => {
    if (handlers) handlers.openWizard();
    else wizardWanted = true;
  };
  app.on('second-instance', openWizard);
  // macOS sends `activate` when the running app is launched again (its only sign of a re-launch).
  app.on('activate', () => handlers?.openWizard());
  app.on('window-all-closed', () => handlers?.allWindowsClosed());
  app.on('before-quit', () => handlers?.quitting());
  return {
    attach(next) {
      handlers = next;
      if (wizardWanted) next.openWizard();
      wizardWanted = false;
    },
  };
}
