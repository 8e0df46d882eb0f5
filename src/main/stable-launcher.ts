import { join } from 'node:path';
import type { Os } from '../core/io/os.js';
import type { Logger } from '../core/log/logger.js';
import { installLauncher, launcherScript, type AppLocation, type LauncherTarget } from '../core/platform/launcher.js';

export interface LauncherDeps {
  readonly os: Os;
  readonly location: AppLocation;
  readonly packaged: boolean;
  /** process.resourcesPath (packaged) and app.getAppPath() (the app folder or app.asar). */
  readonly resourcesPath: string;
  readonly appPath: string;
  /** Set when the app runs as an AppImage (its CLI files exist only while it runs). */
  readonly appImage: boolean;
  readonly path: string;
  readonly log: Logger;
}

/** What the launcher runs for this kind of install. */
export function launcherTarget(deps: Omit<LauncherDeps, 'path' | 'log'> & { readonly execPath: string }): LauncherTarget {
  if (!deps.packaged) return { app: [deps.execPath, deps.appPath], cliScript: join(deps.appPath, 'dist', 'cli', 'main.js') };
  if (deps.appImage) return { app: [deps.location.exe], cliScript: null };
  return { app: [deps.location.exe], cliScript: join(deps.resourcesPath, 'app.asar.unpacked', 'dist', 'cli', 'main.js') };
}

/**
 * Writes (or repairs) the launcher Claude Code's apiKeyHelper runs, when the app lives somewhere
 * that lasts; from a temporary place the existing launcher is left as it is.
 */
export async function refreshLauncher(deps: LauncherDeps & { readonly execPath: string }): Promise<void> {
  if (deps.location.kind === 'temporary') return deps.log.warn('launcher left as it is', { reason: deps.location.reason });
  try {
    const result = await installLauncher(deps.path, launcherScript(deps.os, launcherTarget(deps)));
    deps.log.info('launcher', { result, path: deps.path });
  } catch (error) {
    deps.log.error('launcher not written', { path: deps.path, error: String(error) });
  }
}
