import { stripUrlCredentials } from '../redact/redact.js';

/**
 * Every host the doctor talks to, each overridable by an environment variable so that tests
 * (and users on unusual networks) never depend on the public internet.
 */

export interface Endpoint {
  readonly name: 'anthropic' | 'api' | 'auth' | 'status';
  /** Normalised origin + path prefix, no trailing slash; null when the override is malformed. */
  readonly url: string | null;
  readonly host: string | null;
  readonly port: number | null;
  /** The variable that set it, or null for the default. */
  readonly override: string | null;
  /** Set when the override could not be used, naming the variable and the fix. */
  readonly error: string | null;
}

export interface Endpoints {
  /**
   * The Anthropic API host that answers for a token: Claude Code asks its OAuth profile at
   * https://api.anthropic.com whatever ANTHROPIC_BASE_URL says (override for tests: CLAUDE_AUTH_DOCTOR_API_URL).
   */
  readonly anthropic: Endpoint;
  /** Where inference goes: ANTHROPIC_BASE_URL (a gateway or proxy) when set, else the Anthropic API host. */
  readonly api: Endpoint;
  readonly auth: Endpoint;
  readonly status: Endpoint;
}

const DEFAULTS = {
  anthropic: { url: 'https://api.anthropic.com', variable: 'CLAUDE_AUTH_DOCTOR_API_URL' },
  api: { url: 'https://api.anthropic.com', variable: 'ANTHROPIC_BASE_URL' },
  auth: { url: 'https://platform.claude.com', variable: 'CLAUDE_AUTH_DOCTOR_AUTH_URL' },
  status: { url: 'https://status.claude.com', variable: 'CLAUDE_AUTH_DOCTOR_STATUS_URL' },
} as const;

function parseEndpoint(name: Endpoint['name'], raw: string | undefined, fallbackUrl?: string): Endpoint {
  const { variable } = DEFAULTS[name];
  const fallback = fallbackUrl ?? DEFAULTS[name].url;
  const value = raw?.trim();
  const override = value ? variable : null;
  const text = value || fallback;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      name,
      url: null,
      host: null,
      port: null,
      override,
      error: `${variable} is not a valid URL (${JSON.stringify(stripUrlCredentials(text).slice(0, 80))}); set it to something like ${fallback} or unset it.`,
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      name,
      url: null,
      host: null,
      port: null,
      override,
      error: `${variable} must start with https:// (got "${url.protocol}"); set it to something like ${fallback} or unset it.`,
    };
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const path = url.pathname.replace(/\/+$/, '');
  return { name, url: `${url.protocol}//${url.host}${path}`, host, port, override, error: null };
}

export function resolveEndpoints(env: Readonly<Record<string, string | undefined>>): Endpoints {
  const anthropic = parseEndpoint('anthropic', env['CLAUDE_AUTH_DOCTOR_API_URL']);
  return {
    anthropic,
    api: parseEndpoint('api', env['ANTHROPIC_BASE_URL'], anthropic.url ?? undefined),
    auth: parseEndpoint('auth', env['CLAUDE_AUTH_DOCTOR_AUTH_URL']),
    status: parseEndpoint('status', env['CLAUDE_AUTH_DOCTOR_STATUS_URL']),
  };
}

/** 127.0.0.0/8, ::1 (also as a v4-mapped address) and "localhost": traffic that never leaves the machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (/^127(?:\.\d{1,3}){3}$/.test(bare) || /^::ffff:127(?:\.\d{1,3}){3}$/.test(bare)) return true;
  return bare === '::1' || bare === '0:0:0:0:0:0:0:1';
}

/** An endpoint reached over plain HTTP across a network: whatever is sent there can be read on the way. */
export function isCleartextRemote(endpoint: Endpoint): boolean {
  return endpoint.url !== null && endpoint.url.startsWith('http://') && endpoint.host !== null && !isLoopbackHost(endpoint.host);
}
