import type { MenuItemConstructorOptions } from 'electron';
import type { Os } from '../core/io/os.js';
import type { MenuItem } from '../core/tray/menu-template.js';

/** The pure menu description onto Electron's template: one entry per item, nothing added. */
export function toElectronMenu(items: readonly MenuItem[], onClick: (item: MenuItem) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.kind === 'separator') return { type: 'separator', id: item.id };
    return {
      id: item.id,
      label: item.label,
      enabled: item.enabled,
      ...(item.accelerator ? { accelerator: item.accelerator } : {}),
      ...(item.action ? { click: () => onClick(item) } : {}),
    };
  });
}

/** What changes what a menu shows; equal signatures need no rebuild (an open menu would close). */
export function menuSignature(items: readonly MenuItem[]): string {
  return JSON.stringify(
    items.map((i) => [i.id, i.kind, i.label, i.enabled, i.action ?? null, i.fixId ?? null, i.url ?? null, i.accelerator ?? null]),
  );
}

/**
 * The application menu. Windows and Linux: none (Electron's default has Reload and Toggle
 * Developer Tools; `null` also removes the window's menu bar). macOS: the menu bar is hidden for a
 * menu-bar app, but without an Edit menu ⌘C/⌘V/⌘A stop working in the wizard's fields.
 */
export function applicationMenuTemplate(os: Os): MenuItemConstructorOptions[] | null {
  return os === 'darwin' ? [{ role: 'appMenu' }, { role: 'editMenu' }] : null;
}
