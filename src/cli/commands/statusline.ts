import { showStatusLine } from '../statusline/show.js';

/** `statusline`: the line itself (statusline/show.ts), or `statusline install|uninstall` wiring it into Claude Code's settings. */
export async function runStatusline(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'install' || action === 'uninstall') return (await import('../statusline/install.js')).changeStatusLine(action, rest);
  return showStatusLine(args);
}
