import { mkdir, readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The app's own autostart entry; its name matches the .desktop file electron-builder installs. */
export const AUTOSTART_FILE = 'claude-auth-doctor.desktop';

/** `$XDG_CONFIG_HOME/autostart/` (a relative XDG_CONFIG_HOME is invalid and ignored), else ~/.config/autostart/. */
export function autostartPath(env: Env, homeDir: string): string {
  const xdg = env['XDG_CONFIG_HOME']?.trim();
  const base = xdg && xdg.startsWith('/') ? xdg : posix.join(homeDir, '.config');
  return posix.join(base, 'autostart', AUTOSTART_FILE);
}

const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

/**
 * One argument of a Desktop Entry `Exec` key: quoted when it holds a reserved character, with
 * `"` `` ` `` `$` `\` escaped inside the quotes; then the value-level escapes of the file format
 * (a backslash doubled again) and field codes (`%` doubled).
 */
export function desktopExecArg(arg: string): string {
  const quoted = RESERVED.test(arg) || arg === '' ? `"${arg.replace(/(["`$\\])/g, '\\$1')}"` : arg;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

/** The entry that starts the app at login (the XDG Autostart specification). */
export function autostartEntry(argv: readonly string[], name: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${name}`,
    `Exec=${argv.map(desktopExecArg).join(' ')}`,
    'Terminal=false',
    'StartupNotify=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

function keys(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let inEntry = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*\[/.test(line)) inEntry = line.trim() === '[Desktop Entry]';
    else if (inEntry) {
      const match = /^([A-Za-z0-9-]+)\s*=\s*(.*)$/.exec(line);
      if (match?.[1] && !out.has(match[1])) out.set(match[1], (match[2] ?? '').trim());
    }
  }
  return out;
}

/** What a session manager does with the file: runs it unless it is hidden or switched off (GNOME's key). */
export function autostartEnabled(text: string | null): boolean {
  if (text === null) return false;
  const entry = keys(text);
  return entry.has('Exec') && entry.get('Hidden') !== 'true' && entry.get('X-GNOME-Autostart-enabled') !== 'false';
}

/** The entry switched off without deleting it: `Hidden=true` (which also masks a system-wide entry of the same name). */
export function hiddenEntry(text: string): string {
  const lines = text.split('\n').filter((line) => !/^Hidden\s*=/.test(line));
  const at = lines.findIndex((line) => line.trim() === '[Desktop Entry]');
  lines.splice(at < 0 ? 0 : at + 1, 0, ...(at < 0 ? ['[Desktop Entry]', 'Hidden=true'] : ['Hidden=true']));
  return lines.join('\n');
}

export interface XdgAutostart {
  /** Whether the session will start the app at login, read from the file (the real state). */
  read(): Promise<boolean>;
  /** Writes only when the wanted state differs from the file; answers the state read back. */
  set(enabled: boolean, argv: readonly string[]): Promise<boolean>;
}

/** Linux's "launch at login": an XDG autostart entry (Electron's setLoginItemSettings does nothing there). */
export function xdgAutostart(path: string, name: string): XdgAutostart {
  const current = (): Promise<string | null> => readFile(path, 'utf8').catch(() => null);
  const read = async (): Promise<boolean> => autostartEnabled(await current());
  return {
    read,
    async set(enabled, argv) {
      const text = await current();
      const wanted = enabled ? autostartEntry(argv, name) : text === null ? null : hiddenEntry(text);
      if (wanted !== null && wanted !== text && (enabled || autostartEnabled(text))) {
        await mkdir(posix.dirname(path), { recursive: true });
        await writeFileAtomic(path, wanted, { mode: 0o644 });
      }
      return read();
    },
  };
}
