import { pathToFileURL } from 'node:url';
import type { BrowserWindow, Event, WebContents } from 'electron';
import { isAllowedNavigation } from './security.js';
import { wizardWindowOptions } from './window-options.js';

export interface WizardWindowDeps {
  readonly BrowserWindow: typeof BrowserWindow;
  readonly pagePath: string;
  readonly preloadPath: string;
  readonly packaged: boolean;
  /** The one way a link leaves the app (allowlisted, system browser). */
  readonly openLink: (url: string) => void;
}

export interface WizardWindow {
  /** The page's file:// URL, the only sender IPC trusts. */
  readonly pageUrl: string;
  /** Shows the wizard (at `hash`: `fix=<id>`, `preferences`), creating it when needed. */
  open(hash?: string): void;
  contents(): WebContents | null;
  isOpen(): boolean;
}

/** The wizard: one window at a time, hardened, never navigating away from its own page. */
export function createWizardWindow(deps: WizardWindowDeps): WizardWindow {
  const pageUrl = pathToFileURL(deps.pagePath).href;
  let window: BrowserWindow | null = null;

  function create(hash: string | undefined): void {
    // The scanner cannot see options returned by a function: wizardWindowOptions sets contextIsolation,
    // sandbox, no nodeIntegration and disables Auxclick (asserted in test/main/window-and-security.test.ts).
    const created = new deps.BrowserWindow(wizardWindowOptions(deps.preloadPath, deps.packaged)); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
    created.webContents.setWindowOpenHandler(({ url }) => {
      deps.openLink(url);
      return { action: 'deny' };
    });
    const guard = (event: Event, url: string): void => {
      if (!isAllowedNavigation(url, pageUrl)) event.preventDefault();
    };
    created.webContents.on('will-navigate', guard);
    created.webContents.on('will-redirect', guard);
    created.once('ready-to-show', () => created.show());
    created.on('closed', () => {
      if (window === created) window = null;
    });
    window = created;
    void created.loadFile(deps.pagePath, hash ? { hash } : undefined);
  }

  return {
    pageUrl,
    open(hash) {
      if (!window || window.isDestroyed()) return create(hash);
      if (hash) void window.loadFile(deps.pagePath, { hash });
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
    },
    contents: () => (window && !window.isDestroyed() ? window.webContents : null),
    isOpen: () => window !== null && !window.isDestroyed(),
  };
}
