import { isAllowedExternalUrl } from '../shared/external-links.js';

function withoutFragment(raw: string): string | null {
  try {
    const url = new URL(raw);
    url.hash = '';
    url.search = '';
    return url.toString();
  } catch {
    return null;
  }
}

/** An IPC message is trusted only from the app's own wizard page, in its top frame. */
export function isTrustedSender(senderUrl: string | undefined | null, pageUrl: string, topFrame: boolean): boolean {
  if (!topFrame || !senderUrl) return false;
  const sender = withoutFragment(senderUrl);
  return sender !== null && sender === withoutFragment(pageUrl);
}

/** The wizard never navigates away from its own page (in-page anchors are fine). */
export function isAllowedNavigation(targetUrl: string, pageUrl: string): boolean {
  const target = withoutFragment(targetUrl);
  return target !== null && target === withoutFragment(pageUrl);
}

/** What happens to a link the page tries to open: only allowlisted https links, in the system browser. */
export function externalLinkDecision(url: string): 'open-in-browser' | 'deny' {
  return isAllowedExternalUrl(url) ? 'open-in-browser' : 'deny';
}

/**
 * The only permission the wizard gets: writing to the clipboard (its Copy buttons), asked by its
 * own page. Everything else (camera, notifications from the page, clipboard reads…) is refused.
 */
export function permissionAllowed(permission: string, requestingUrl: string | null | undefined, pageUrl: string): boolean {
  return permission === 'clipboard-sanitized-write' && typeof requestingUrl === 'string' && isAllowedNavigation(requestingUrl, pageUrl);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(not a URL)';
  }
}

/** The one place a link leaves the app: allowlisted https hosts only, in the system browser; a refusal names only the host. */
export function linkOpener(openExternal: (url: string) => Promise<void>, refused: (host: string) => void): (url: string) => void {
  return (url) => {
    if (externalLinkDecision(url) !== 'open-in-browser') return refused(hostOf(url));
    void openExternal(url).catch(() => refused(hostOf(url)));
  };
}
