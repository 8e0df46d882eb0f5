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
