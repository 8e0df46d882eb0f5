import { join } from 'node:path';
import type { Menu, nativeImage as NativeImageModule, NativeImage, Tray } from 'electron';
import type { Os } from '../core/io/os.js';
import type { MenuItem } from '../core/tray/menu-template.js';
import type { TrayModel } from '../core/tray/tray-model.js';
import { menuSignature, toElectronMenu } from './menu.js';

export interface TrayViewDeps {
  readonly Tray: typeof Tray;
  readonly Menu: Pick<typeof Menu, 'buildFromTemplate'>;
  readonly nativeImage: Pick<typeof NativeImageModule, 'createFromPath'>;
  /** assets/icons in the app. */
  readonly iconsDir: string;
  readonly os: Os;
  readonly onMenu: (item: MenuItem) => void;
}

export interface TrayView {
  /** Applies a model and menu, touching only what changed (a rebuilt menu closes one the user has open). */
  render(model: TrayModel, menu: readonly MenuItem[]): void;
  /** The icon and tooltip applied last (for the desktop suite, which cannot look at a tray). */
  shown(): { readonly icon: string; readonly tooltip: string };
  destroy(): void;
}

/** The tray icon: created on the first render, then changed in place. */
export function createTrayView(deps: TrayViewDeps): TrayView {
  let tray: Tray | null = null;
  let shown = { icon: '', tooltip: '', menu: '' };

  const image = (icon: string): NativeImage => {
    const loaded = deps.nativeImage.createFromPath(join(deps.iconsDir, icon));
    // The files are named …Template.png on macOS already; say it explicitly too.
    if (deps.os === 'darwin') loaded.setTemplateImage(true);
    return loaded;
  };

  return {
    render(model, menu) {
      if (!tray) {
        tray = new deps.Tray(image(model.icon));
        const created = tray;
        // Windows shows the menu on a right click only; a left click would otherwise do nothing.
        if (deps.os === 'win32') created.on('click', () => created.popUpContextMenu());
        shown = { ...shown, icon: model.icon };
      } else if (model.icon !== shown.icon) {
        tray.setImage(image(model.icon));
        shown = { ...shown, icon: model.icon };
      }
      if (model.tooltip !== shown.tooltip) {
        tray.setToolTip(model.tooltip);
        shown = { ...shown, tooltip: model.tooltip };
      }
      const signature = menuSignature(menu);
      if (signature !== shown.menu) {
        tray.setContextMenu(deps.Menu.buildFromTemplate(toElectronMenu(menu, deps.onMenu)));
        shown = { ...shown, menu: signature };
      }
    },
    shown: () => ({ icon: shown.icon, tooltip: shown.tooltip }),
    destroy() {
      tray?.destroy();
      tray = null;
    },
  };
}
