/**
 * The only places a fix may send the user: Anthropic's own status, support, docs and account
 * pages, over HTTPS. A front end can open a link from a step without checking it again, because
 * a step with any other URL cannot be built.
 */
export const LINK_HOSTS: readonly string[] = [
  'status.claude.com',
  'status.anthropic.com',
  'support.claude.com',
  'docs.anthropic.com',
  'docs.claude.com',
  'console.anthropic.com',
  'platform.claude.com',
  'claude.ai',
];

export function isAllowedLink(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    LINK_HOSTS.includes(parsed.hostname)
  );
}
