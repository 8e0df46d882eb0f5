import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * Options for every window the app opens: isolated, sandboxed, no Node in the page. Pure so the
 * hardening is covered by tests without Electron's binary.
 */
export function wizardWindowOptions(preloadPath: string, packaged: boolean): BrowserWindowConstructorOptions {
  return {
    width: 420,
    height: 560,
    minWidth: 380,
    minHeight: 480,
    show: false,
    resizable: true,
    fullscreenable: false,
    title: 'Claude Auth Doctor',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      devTools: !packaged,
    },
  };
}
