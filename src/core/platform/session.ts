import type { EvidenceValue, SessionKind } from '../../shared/report.js';
import type { Os } from '../io/os.js';
import type { FileSystem } from '../io/ports.js';

/**
 * Where the doctor runs, which decides the fix path it offers: a browser login on a desktop,
 * `claude setup-token` / pasted codes / `security unlock-keychain` over SSH or without a display.
 */
export interface SessionInfo {
  readonly session: SessionKind;
  readonly ssh: boolean;
  /** A browser can be opened for the user (a login flow can complete on this machine's screen). */
  readonly display: boolean;
  readonly wsl: boolean;
  readonly container: boolean;
  /** Which variables/files decided each flag: names only, never values (SSH_CONNECTION holds addresses). */
  readonly evidence: Readonly<Record<string, EvidenceValue>>;
}

type Env = Readonly<Record<string, string | undefined>>;

const SSH_VARS = ['SSH_CONNECTION', 'SSH_TTY', 'SSH_CLIENT'] as const;
const DISPLAY_VARS = ['DISPLAY', 'WAYLAND_DISPLAY'] as const;
const CONTAINER_FILES = ['/.dockerenv', '/run/.containerenv'] as const;
const CONTAINER_CGROUP = /docker|kubepods|containerd|libpod|lxc/i;

function present(env: Env, names: readonly string[]): string[] {
  return names.filter((name) => (env[name] ?? '').trim() !== '');
}

async function readSmall(fs: FileSystem, path: string): Promise<string> {
  const result = await fs.readText(path, 64 * 1024).catch(() => null);
  return result?.kind === 'ok' ? result.text : '';
}

async function detectWsl(env: Env, fs: FileSystem): Promise<string | null> {
  const vars = present(env, ['WSL_DISTRO_NAME', 'WSL_INTEROP']);
  if (vars[0]) return vars[0];
  return /microsoft/i.test(await readSmall(fs, '/proc/version')) ? '/proc/version' : null;
}

async function detectContainer(env: Env, fs: FileSystem): Promise<string | null> {
  const vars = present(env, ['container', 'KUBERNETES_SERVICE_HOST']);
  if (vars[0]) return vars[0];
  for (const file of CONTAINER_FILES) if (await fs.exists(file).catch(() => false)) return file;
  return CONTAINER_CGROUP.test(await readSmall(fs, '/proc/1/cgroup')) ? '/proc/1/cgroup' : null;
}

/** Reads the session from the environment and a few well-known files; never throws. */
export async function detectSession(env: Env, fs: FileSystem, os: Os): Promise<SessionInfo> {
  const sshVars = present(env, SSH_VARS);
  const ssh = sshVars.length > 0;
  const wslSource = os === 'linux' ? await detectWsl(env, fs) : null;
  const containerSource = os === 'linux' ? await detectContainer(env, fs) : null;
  const displayVars = present(env, DISPLAY_VARS);

  // macOS and Windows always have a desktop unless we arrived over SSH; WSL opens the browser on
  // the Windows host; other Linux needs an X or Wayland display (X forwarding counts).
  let displaySource: string | null;
  if (os === 'linux') displaySource = displayVars[0] ?? (wslSource && !ssh ? 'wsl-windows-host' : null);
  else displaySource = ssh ? null : `${os}-desktop`;

  const display = displaySource !== null;
  return {
    session: ssh ? 'ssh' : display ? 'desktop' : 'headless',
    ssh,
    display,
    wsl: wslSource !== null,
    container: containerSource !== null,
    evidence: { os, sshVars, displaySource, wslSource, containerSource },
  };
}

/** One line for people: "SSH session, no display (headless)", "Desktop session", … */
export function describeSession(info: SessionInfo): string {
  const base = info.ssh
    ? `SSH session, ${info.display ? 'display forwarded' : 'no display (headless)'}`
    : info.display
      ? 'Desktop session'
      : 'Headless session (no display)';
  const extras = [info.wsl ? 'WSL' : null, info.container ? 'in a container' : null].filter((x) => x !== null);
  return extras.length > 0 ? `${base}, ${extras.join(', ')}` : base;
}
