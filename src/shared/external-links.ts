/**
 * The only hosts the wizard may link to. Links open outside the app (system browser, or a new tab
 * with noopener in the web host); both the page and the host check them, so a report or catalogue
 * entry can never send the user somewhere else.
 */
export const EXTERNAL_HOSTS: readonly string[] = [
  'status.claude.com',
  'status.anthropic.com',
  'support.claude.com',
  'docs.anthropic.com',
  'docs.claude.com',
  'console.anthropic.com',
  'platform.claude.com',
  'claude.ai',
];

const MAX_URL_LENGTH = 2048;
// Scheme, a bare host (no user info, no port), then an optional path/query/fragment without
// whitespace or backslashes (browsers read a backslash as "/"). Parsed by hand: shared code has no URL global.
const SHAPE = /^https:\/\/([a-z0-9.-]+)(?:[/?#][^\s\\]*)?$/;

/** https only, exact host from the list, no credentials, no explicit port. */
export function isAllowedExternalUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) return false;
  const host = SHAPE.exec(value)?.[1];
  return host !== undefined && EXTERNAL_HOSTS.includes(host);
}
