import type { MenuItemConstructorOptions } from 'electron';
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
