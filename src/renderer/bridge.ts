// The DoctorApi the wizard talks to. In Electron it is `window.doctor`, put there by the preload;
// in the browser host (`claude-auth-doctor wizard --web`) it is this file's fetch-based twin,
// which posts each channel's arguments to /api/<channel> with the per-run token in a header.
import { isAllowedExternalUrl } from '../shared/external-links.js';
import type { DoctorApi, ServiceChannel, SettingsApi, SettingsChannel } from '../shared/ipc.js';

const TOKEN_KEY = 'claude-auth-doctor.token';
const TOKEN_HEADER = 'x-doctor-token';

/** Why the page cannot reach a host, shown instead of the wizard. */
export class BridgeUnavailable extends Error {}

/** The host answered with an HTTP error; 404 on a settings channel means it keeps no settings. */
class HostRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Takes the token from `?token=` once, then drops it from the address bar (and history) so it is
 * not left in screenshots or the browser's history; the tab keeps it for reloads.
 */
function takeToken(win: Window): string | null {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      win.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    } catch {
      // Storage disabled: the token lives in memory only; a reload needs the printed URL again.
    }
    url.searchParams.delete('token');
    win.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

type Call = <T>(channel: ServiceChannel | SettingsChannel, ...args: unknown[]) => Promise<T>;

/**
 * The web host serves settings only when it was given a provider (`wizard --web` is not): ask
 * once, and leave `settings` out when it answers 404, so the page shows no Preferences.
 */
async function webSettings(call: Call): Promise<SettingsApi | undefined> {
  try {
    await call('settings:get');
  } catch (error) {
    if (error instanceof BridgeUnavailable) throw error;
    if (error instanceof HostRefused && error.status === 404) return undefined;
  }
  return { get: () => call('settings:get'), set: (patch) => call('settings:set', patch) };
}

async function webBridge(win: Window, token: string): Promise<DoctorApi> {
  const call: Call = async <T>(channel: ServiceChannel | SettingsChannel, ...args: unknown[]): Promise<T> => {
    const response = await win.fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(args),
      credentials: 'same-origin',
      cache: 'no-store',
    });
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const message =
        body !== null && typeof body === 'object' && 'error' in body && typeof body.error === 'string'
          ? body.error
          : `HTTP ${response.status}`;
      if (response.status === 401 || response.status === 403) {
        throw new BridgeUnavailable(`The wizard's server refused this page (${message}). Open the URL printed by this run again.`);
      }
      throw new HostRefused(response.status, message);
    }
    return body as T;
  };
  const settings = await webSettings(call);
  return {
    getReport: () => call('report:get'),
    runCheck: () => call('report:run-check'),
    startFix: (fixId) => call('fix:start', fixId),
    runFixStep: (runId, stepIndex) => call('fix:run-step', runId, stepIndex),
    undo: (backupId) => call('fix:undo', backupId),
    explain: (text) => call('explain:text', text),
    getHistory: () => call('history:get'),
    openLink: async (url) => {
      if (!isAllowedExternalUrl(url)) throw new Error('That link is not on the list of Anthropic sites the wizard opens.');
      win.open(url, '_blank', 'noopener,noreferrer');
    },
    // The browser host has no push channel: every report the page shows comes from its own calls.
    onReport: () => () => undefined,
    ...(settings ? { settings } : {}),
  };
}

/** The host's bridge; rejects with BridgeUnavailable when the page was opened without a token or refused. */
export async function connectBridge(win: Window): Promise<DoctorApi> {
  const preload = (win as unknown as { doctor?: DoctorApi }).doctor;
  if (preload) return preload;
  const token = takeToken(win);
  if (!token)
    throw new BridgeUnavailable('This page needs the URL that "claude-auth-doctor wizard --web" printed; it carries a one-time token.');
  return webBridge(win, token);
}
