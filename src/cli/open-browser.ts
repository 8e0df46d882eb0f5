import { spawn } from 'node:child_process';

/** A desktop this process can open a browser on (not over ssh, not a Linux box without a display). */
export function hasDisplay(env: NodeJS.ProcessEnv): boolean {
  if (env['SSH_CONNECTION'] || env['SSH_TTY']) return false;
  if (process.platform === 'linux') return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
  return true;
}

/**
 * Opens a link in the default browser (or `$BROWSER`, a program given the link as its one
 * argument); argv only, no shell. The link's one-time code is its own (not the printed one), and
 * dies when the page loads: reading it from the process list later gets nothing. Failure just
 * leaves the printed link.
 */
export function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env): void {
  const browser = env['BROWSER']?.split(':')[0]?.trim();
  const [file, args]: [string, string[]] = browser
    ? [browser, [url]]
    : process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(file, args, { stdio: 'ignore', detached: true, env });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // The URL is printed; the user can open it.
  }
}
