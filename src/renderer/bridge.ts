// The DoctorApi the wizard talks to. In Electron it is `window.doctor`, put there by the preload;
// in the browser host (`claude-auth-doctor wizard --web`) it is this file's fetch-based twin,
// which posts each channel's arguments to /api/<channel> with this tab's session token in a header.
import { isAllowedExternalUrl } from '../shared/external-links.js';
import type { DoctorApi, ServiceChannel, SettingsApi, SettingsChannel } from '../shared/ipc.js';

const TOKEN_KEY = 'claude-auth-doctor.session';
const TOKEN_HEADER = 'x-doctor-token';
const CODE_HEADER = 'x-doctor-code';

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
 * The session this tab talks with. A link printed by `wizard --web` carries a one-time code
 * (`?code=`): it is dropped from the address bar (and history) at once, then traded for a session
 * token, which the tab keeps (sessionStorage is per origin, so per port) for reloads. No cookie.
 */
async function takeSession(win: Window): Promise<string | null> {
  const url = new URL(win.location.href);
  const code = url.searchParams.get('code');
  if (code) {
    url.searchParams.delete('code');
    win.history.replaceState(null, '', url.pathname + url.search + url.hash);
    const response = await win.fetch('/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CODE_HEADER]: code },
      body: '{}',
      credentials: 'omit',
      cache: 'no-store',
    });
    const body: unknown = await response.json().catch(() => null);
    const token = body !== null && typeof body === 'object' && 'token' in body && typeof body.token === 'string' ? body.token : null;
    if (!response.ok || !token) {
      const said =
        body !== null && typeof body === 'object' && 'error' in body && typeof body.error === 'string'
          ? body.error
          : `HTTP ${response.status}`;
      throw new BridgeUnavailable(`The wizard's server did not open this page (${said}).`);
    }
    try {
      win.sessionStorage.setItem(TOKEN_KEY, token);
    } catch {
      // Storage disabled: the token lives in memory only; a reload needs a new link.
    }
    return token;
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
      credentials: 'omit',
      cache: 'no-store',
    });
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const message =
        body !== null && typeof body === 'object' && 'error' in body && typeof body.error === 'string'
          ? body.error
          : `HTTP ${response.status}`;
      if (response.status === 401 || response.status === 403) {
        throw new BridgeUnavailable(
          `The wizard's server refused this page (${message}). Get a new link from the terminal running the wizard.`,
        );
      }
      throw new HostRefused(response.status, message);
    }
    return body as T;
  };
  const settings = await webSettings(call);
  return {
    getReport: () => call('report:get'),
    runCheck: () => call('report:run-check'),
    getProgress: () => call('report:progress'),
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
  const token = await takeSession(win);
  if (!token)
    throw new BridgeUnavailable('This page needs a link printed by "claude-auth-doctor wizard --web"; each link opens the wizard once.');
  return webBridge(win, token);
}
