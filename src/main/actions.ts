import type { Notification } from '../core/notify/decide.js';
import type { HealthReport } from '../shared/report.js';
import type { MenuItem } from '../core/tray/menu-template.js';
import { isAllowedExternalUrl } from '../shared/external-links.js';

/** What the tray menu and the notifications can make the app do. */
export interface AppActions {
  openWizard(hash?: string): void;
  /** Re-reads the user's shell, then runs every check. */
  checkNow(): Promise<HealthReport>;
  unlockKeychain(): Promise<void>;
  openLink(url: string): void;
  copyReport(): void;
  /** Re-checks the servers of the remote host list now. */
  checkServers(): void;
  quit(): void;
  onError(what: string, error: unknown): void;
}

const STATUS_PAGE = 'https://status.claude.com';

function openStatusPage(actions: AppActions, url: string | undefined): void {
  actions.openLink(url && isAllowedExternalUrl(url) ? url : STATUS_PAGE);
}

/** A tray menu click, by the item's action. */
export function menuHandler(actions: AppActions): (item: MenuItem) => void {
  return (item) => {
    switch (item.action) {
      case 'open-wizard':
        return actions.openWizard();
      case 'open-fix':
        return actions.openWizard(item.fixId ? `fix=${item.fixId}` : undefined);
      case 'preferences':
        return actions.openWizard('preferences');
      case 'check-now':
        return void actions.checkNow().catch((error: unknown) => actions.onError('check failed', error));
      case 'unlock-keychain':
        return void actions.unlockKeychain().catch((error: unknown) => actions.onError('unlock failed', error));
      case 'open-status-page':
        return openStatusPage(actions, item.url);
      case 'copy-report':
        return actions.copyReport();
      case 'check-servers':
        return actions.checkServers();
      case 'open-server':
        return actions.openWizard(item.serverName ? `server=${encodeURIComponent(item.serverName)}` : undefined);
      case 'quit':
        return actions.quit();
      case undefined:
        return;
    }
  };
}

/** A notification's button or click, by the action's id. */
export function notificationHandler(actions: AppActions): (notification: Notification, action: Notification['actions'][number]) => void {
  return (notification, action) => {
    switch (action.id) {
      case 'unlock-keychain':
        return void actions.unlockKeychain().catch((error: unknown) => actions.onError('unlock failed', error));
      case 'open-wizard':
        return actions.openWizard();
      case 'open-status-page':
        return openStatusPage(actions, notification.url);
    }
  };
}
