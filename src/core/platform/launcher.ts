import { mkdir, readFile } from 'node:fs/promises';
import { dirname, posix, win32 } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { Os } from '../io/os.js';

/** The app's own argument for "run the command-line doctor and exit" (handled before the single-instance lock). */
export const CLI_FLAG = '--cli';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where the running app lives. A temporary place disappears when the app quits or is moved: an
 * AppImage's FUSE mount, a macOS app run in place from Downloads (App Translocation), or from
 * its disk image. Nothing that must outlive this run (the launcher, a login item) may point there.
 */
export type AppLocation =
  { readonly kind: 'stable'; readonly exe: string } | { readonly kind: 'temporary'; readonly exe: string; readonly reason: string };

export function appLocation(os: Os, execPath: string, env: Env): AppLocation {
  if (os === 'linux') {
    const appImage = env['APPIMAGE']?.trim();
    if (appImage && appImage.startsWith('/')) return { kind: 'stable', exe: appImage };
    if (/^\/tmp\/\.mount_/.test(execPath)) return { kind: 'temporary', exe: execPath, reason: "an AppImage's temporary mount" };
  }
  if (os === 'darwin') {
    if (execPath.includes('/AppTranslocation/'))
      return { kind: 'temporary', exe: execPath, reason: 'a translocated copy (move the app to Applications and open it from there)' };
    if (execPath.startsWith('/Volumes/'))
      return { kind: 'temporary', exe: execPath, reason: 'its disk image (drag it to Applications and open it from there)' };
  }
  return { kind: 'stable', exe: execPath };
}

/** What the launcher runs: the app (its exe, plus the app folder in development) and the CLI as real files. */
export interface LauncherTarget {
  /** The app's command before CLI_FLAG: [exe] when packaged, [electron, appDir] in development. */
  readonly app: readonly string[];
  /**
   * The bundled CLI outside the asar (app.asar.unpacked/dist/cli/main.js), run by a system Node;
   * null where it lives only while the app runs (inside an AppImage's mount).
   */
  readonly cliScript: string | null;
}

/** `<data dir>/bin/claude-auth-doctor` (`.cmd` on Windows): the one path the apiKeyHelper names. */
export function launcherPath(dataDir: string, os: Os): string {
  return os === 'win32' ? win32.join(dataDir, 'bin', 'claude-auth-doctor.cmd') : posix.join(dataDir, 'bin', 'claude-auth-doctor');
}

const sh = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
const NODE_20 = `process.exit(Number(process.versions.node.split('.')[0]) >= 20 ? 0 : 1)`;

function posixScript(os: Os, target: LauncherTarget): string {
  const node = [
    `if [ -f "$CLI" ] && command -v node >/dev/null 2>&1 && node -e "${NODE_20}" >/dev/null 2>&1; then`,
    '  exec node "$CLI" "$@"',
    'fi',
  ];
  const app = [
    'if [ -x "$APP" ]; then',
    `  exec "$APP" ${target.app.slice(1).map(sh).join(' ')}${target.app.length > 1 ? ' ' : ''}${CLI_FLAG} "$@"`,
    'fi',
  ];
  // macOS: the app first, so keychain items it stored are read by the same signed identity (no
  // access prompt); elsewhere a system Node first (no window system needed, e.g. over SSH).
  const order = target.cliScript === null ? app : os === 'darwin' ? [...app, ...node] : [...node, ...app];
  return [
    '#!/bin/sh',
    "# Claude Auth Doctor's stable launcher, written by the app; it rewrites this file when the app",
    '# moves. It runs the command-line doctor with a Node.js >= 20 or through the app itself.',
    ...(target.cliScript === null ? [] : [`CLI=${sh(target.cliScript)}`]),
    `APP=${sh(target.app[0] ?? '')}`,
    ...order,
    'echo "claude-auth-doctor: the app is no longer at $APP; open Claude Auth Doctor once to repair this launcher." >&2',
    'exit 3',
    '',
  ].join('\n');
}

function cmdScript(target: LauncherTarget): string {
  const set = (name: string, value: string): string => `set "${name}=${value.replace(/%/g, '%%')}"`;
  const extra = target.app
    .slice(1)
    .map((arg) => `"${arg.replace(/%/g, '%%')}" `)
    .join('');
  return [
    '@echo off',
    "rem Claude Auth Doctor's stable launcher, written by the app; it rewrites this file when the app moves.",
    'setlocal',
    set('APP', target.app[0] ?? ''),
    ...(target.cliScript === null
      ? []
      : [
          set('CLI', target.cliScript),
          'if not exist "%CLI%" goto app',
          `node -e "${NODE_20}" >nul 2>nul`,
          'if errorlevel 1 goto app',
          'node "%CLI%" %*',
          'exit /b %errorlevel%',
        ]),
    ':app',
    'if not exist "%APP%" goto gone',
    `"%APP%" ${extra}${CLI_FLAG} %*`,
    'exit /b %errorlevel%',
    ':gone',
    'echo claude-auth-doctor: the app is no longer at %APP%; open Claude Auth Doctor once to repair this launcher. 1>&2',
    'exit /b 3',
    '',
  ].join('\r\n');
}

/**
 * The launcher's text. It needs neither ELECTRON_RUN_AS_NODE (the runAsNode fuse is off) nor a
 * path inside the running app's temporary mount: it names the app where it is installed.
 */
export function launcherScript(os: Os, target: LauncherTarget): string {
  return os === 'win32' ? cmdScript(target) : posixScript(os, target);
}

/** Writes the launcher (0755, atomically) only when its text changed. */
export async function installLauncher(path: string, script: string): Promise<'written' | 'unchanged'> {
  const current = await readFile(path, 'utf8').catch(() => null);
  if (current === script) return 'unchanged';
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFileAtomic(path, script, { mode: 0o755 });
  return 'written';
}
