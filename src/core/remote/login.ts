import type { CommandRunner } from '../io/ports.js';
import { sshArgs, type SshOptions } from './ssh.js';

/**
 * Signing Claude Code in on a host from the laptop. `claude auth login` runs on the host in a
 * terminal over `ssh -t`; the laptop watches what it prints for the authorize URL, opens it in the
 * laptop's browser and, when the URL's redirect goes to a localhost port on the host, forwards that
 * port over the shared connection so the browser's redirect reaches claude's listener there.
 * Otherwise the page shows a code the user pastes into the same terminal: it goes straight to the
 * host's prompt and is never logged or stored. Nothing here is a refresh: it is a new sign-in.
 */

/** Run by the host's login shell (bash, zsh, fish or csh alike: one single-quoted word, no `!`). */
export const LOGIN_COMMAND =
  'sh -c \'PATH="$PATH:$HOME/.local/bin:$HOME/bin:$HOME/.npm-global/bin:/usr/local/bin:/opt/homebrew/bin"; export PATH; exec claude auth login\'';

export interface AuthorizeUrl {
  readonly url: string;
  /** The host's localhost port the redirect goes to; null when it goes elsewhere (the paste-code page). */
  readonly callbackPort: number | null;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[()][A-Za-z0-9]/g;
const AUTHORIZE = /https:\/\/[^\s"'<>]+\/oauth\/authorize\?[^\s"'<>]+/;

/** The authorize URL in what the terminal showed (colours and cursor codes stripped); null until it appears. */
export function authorizeUrlIn(text: string): AuthorizeUrl | null {
  const match = AUTHORIZE.exec(text.replace(ANSI, ''));
  if (!match) return null;
  let url: URL;
  try {
    url = new URL(match[0]);
  } catch {
    return null;
  }
  let callbackPort: number | null = null;
  const redirect = url.searchParams.get('redirect_uri');
  if (redirect) {
    try {
      const target = new URL(redirect);
      const port = Number(target.port);
      if (target.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(target.hostname) && port > 0) callbackPort = port;
    } catch {
      // Not a URL: treat as the paste-code page.
    }
  }
  return { url: url.toString(), callbackPort };
}

/** Opens the shared connection (`ControlMaster`) so forwards can be added to it; the ssh failure when it cannot. */
export async function openMaster(runner: CommandRunner, options: SshOptions, destination: string, timeoutMs: number) {
  return runner.run(options.ssh, [...sshArgs(options, Math.min(10_000, timeoutMs)), '--', destination, 'true'], {
    timeoutMs,
    killGroup: true,
    ...(options.env ? { env: options.env } : {}),
  });
}

/** Adds (or cancels) `localhost:port` on the laptop → `localhost:port` on the host on the shared connection. */
export async function setForward(
  runner: CommandRunner,
  options: SshOptions,
  destination: string,
  port: number,
  on: boolean,
): Promise<boolean> {
  if (options.socketDir === null) return false;
  const spec = `127.0.0.1:${port}:localhost:${port}`;
  const result = await runner.run(
    options.ssh,
    [...sshArgs(options, 5000), '-O', on ? 'forward' : 'cancel', '-L', spec, '--', destination],
    { timeoutMs: 10_000, ...(options.env ? { env: options.env } : {}) },
  );
  return result.code === 0;
}

/** The argv of the interactive `ssh -tt` that runs the login on the host. */
export function loginArgs(options: SshOptions, destination: string): string[] {
  return [...sshArgs(options, 10_000, ['-tt']), '--', destination, LOGIN_COMMAND];
}
