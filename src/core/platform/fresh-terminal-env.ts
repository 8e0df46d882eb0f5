import type { Os } from '../io/os.js';

type Env = Readonly<Record<string, string | undefined>>;

/** What a terminal emulator or sshd hands a new login shell: the session's basics. */
const SESSION = [
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'TERM',
  'LANG',
  'LANGUAGE',
  'TMPDIR',
  'XDG_RUNTIME_DIR',
  'DISPLAY',
  'WAYLAND_DISPLAY',
  'DBUS_SESSION_BUS_ADDRESS',
  'SSH_AUTH_SOCK',
];

const SYSTEM_PATH: Readonly<Record<Os, string>> = {
  darwin: '/usr/bin:/bin:/usr/sbin:/sbin',
  linux: '/usr/local/bin:/usr/bin:/bin',
  win32: '',
};

/**
 * The environment to start a login shell in so that it shows what a *new* terminal gets: the
 * session's basics and the system PATH, none of the exports of the shell the doctor runs in.
 * Comparing that shell's environment with this process's tells "set in your shells" from "set in
 * this terminal only", and a just-removed export from one this terminal still holds.
 */
export function freshTerminalEnv(env: Env, os: Os): Record<string, string> {
  const fresh: Record<string, string> = { PATH: SYSTEM_PATH[os] };
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && (SESSION.includes(name) || name.startsWith('LC_'))) fresh[name] = value;
  }
  return fresh;
}
