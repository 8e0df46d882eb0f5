import type { Session, WebContents } from 'electron';
import { permissionAllowed } from './security.js';

/**
 * The default session's permissions: the wizard page may write to the clipboard (its Copy
 * buttons); nothing else, from nowhere else. No CSP header here: responses for file:// pages
 * never pass through webRequest, so the page carries its policy in a meta tag (src/shared/csp.ts).
 */
export function applySessionPolicy(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
  pageUrl: () => string,
): void {
  const urlOf = (contents: WebContents | null, requestingUrl: string | undefined): string | undefined =>
    requestingUrl || (contents && !contents.isDestroyed() ? contents.getURL() : undefined);
  session.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(permissionAllowed(permission, urlOf(contents, details?.requestingUrl), pageUrl())),
  );
  session.setPermissionCheckHandler((contents, permission, _origin, details) =>
    permissionAllowed(permission, urlOf(contents, details?.requestingUrl), pageUrl()),
  );
}
