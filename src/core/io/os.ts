export type Os = 'darwin' | 'linux' | 'win32';

/** Maps process.platform to the three supported OSes, once, at the composition root. */
export function resolveOs(platform: string): Os {
  if (platform === 'darwin' || platform === 'linux' || platform === 'win32') return platform;
  throw new Error(`Unsupported platform "${platform}": Claude Auth Doctor runs on macOS, Linux and Windows.`);
}
