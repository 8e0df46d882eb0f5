// The DoctorApi the wizard talks to. In Electron it is `window.doctor`, put there by the preload;
// in the browser host (`claude-auth-doctor wizard --web`) it is this file's fetch-based twin,
// which posts each channel's arguments to /api/<channel> with this tab's session token in a header.
import { isAllowedExternalUrl } from '../shared/external-links.js';
import type { DoctorApi, ServiceChannel, SettingsApi, SettingsChannel } from '../shared/ipc.js';

const TOKEN_KEY = 'claude-auth-doctor.session';
const TOKEN_HEADER = 'x-doctor-token';
const CODE_HEADER = 'x-doctor-code';

const WIZARD_COMMAND = '`claude-auth-doctor wizard --web`';

/** Why the page cannot reach a host, shown instead of the wizard: a title and what to do. */
export class BridgeUnavailable extends Error {
  constructor(
    readonly title: string,
    message: string,
  ) {
    super(message);
  }

  shown(): { readonly title: string; readonly text: string } {
    return { title: this.title, text: this.message };
  }
}

/** The link's code was used or is too old, or this tab's session belongs to an earlier run of the host. */
function expired(): BridgeUnavailable {
  return new BridgeUnavailable(
    'This wizard link has expired',
    `Each link opens the wizard once, within 10 minutes. Press Enter in the terminal running the wizard for a new link, or run ${WIZARD_COMMAND} again.`,
  );
}

/** Nothing answers at the page's own address: the host was stopped (Ctrl-C, its terminal closed). */
function stopped(win: Window): BridgeUnavailable {
  return new BridgeUnavailable(
    `The doctor on ${win.location.host} stopped`,
    `It no longer answers: its terminal was closed or stopped. Run ${WIZARD_COMMAND} again and open the link it prints.`,
  );
}

/**
 * fetch against the page's own host: a refused connection (the host stopped) becomes `stopped`;
 * the answer's JSON body (null when it has none) comes back with the response.
 */
async function fetchHost(win: Window, path: string, init: RequestInit): Promise<{ response: Response; body: unknown }> {
  let response: Response;
  try {
    response = await win.fetch(path, { ...init, credentials: 'omit', cache: 'no-store' });
  } catch {
    throw stopped(win);
  }
  const body: unknown = await response.json().catch(() => null);
  return { response, body };
}

/** The host's own words for an error ({"error": "…"}), else the HTTP status. */
function errorOf(response: Response, body: unknown): string {
  return body !== null && typeof body === 'object' && 'error' in body && typeof body.error === 'string'
    ? body.error
    : `HTTP ${response.status}`;
}

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
    const { response, body } = await fetchHost(win, '/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CODE_HEADER]: code },
      body: '{}',
    });
    const token = body !== null && typeof body === 'object' && 'token' in body && typeof body.token === 'string' ? body.token : null;
    if (response.status === 401 || response.status === 403) throw expired();
    if (!response.ok || !token)
      throw new BridgeUnavailable(
        'The wizard could not open',
        `The doctor answered: ${errorOf(response, body)}. Run ${WIZARD_COMMAND} again.`,
      );
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
    const { response, body } = await fetchHost(win, `/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(args),
    });
    if (!response.ok) {
      // A session this host never gave (it was restarted) or took back: the link is over.
      if (response.status === 401 || response.status === 403) throw expired();
      throw new HostRefused(response.status, errorOf(response, body));
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
    throw new BridgeUnavailable(
      'This page needs a wizard link',
      `Open the link printed by ${WIZARD_COMMAND} (each link opens the wizard once), or press Enter in its terminal for a new one.`,
    );
  return webBridge(win, token);
}
