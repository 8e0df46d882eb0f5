/**
 * A real, private GNOME Keyring for tests: its own D-Bus session bus (a config with no service
 * directories, so nothing is ever D-Bus-activated behind the test's back) and a
 * gnome-keyring-daemon started unlocked with a fresh `login` collection as the default, in a
 * temporary HOME. Works headless and as root; everything is killed and removed on stop().
 * Tools that read the Secret Service (dbus-send, secret-tool, libsecret/keytar) only need
 * `env` to find it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCommandRunner } from '../../src/core/io/runner.js';
import type { CommandResult } from '../../src/core/io/ports.js';

/** The temp HOME and XDG directories every child runs with. */
interface BaseEnv {
  readonly [name: string]: string;
  readonly HOME: string;
  readonly XDG_DATA_HOME: string;
  readonly XDG_RUNTIME_DIR: string;
  readonly XDG_CONFIG_HOME: string;
  readonly PATH: string;
}

export interface KeyringEnv extends BaseEnv {
  readonly DBUS_SESSION_BUS_ADDRESS: string;
}

export interface SessionBus {
  readonly address: string;
  /** Runs a program with the bus (and the temp HOME) in its environment. */
  run(file: string, args: readonly string[], options?: { input?: string; timeoutMs?: number }): Promise<CommandResult>;
  stop(): Promise<void>;
}

export interface Keyring extends SessionBus {
  readonly env: KeyringEnv;
  /** The password the login collection was created with. */
  readonly password: string;
  /** Locks the login collection, as a screen lock or `Lock` from Seahorse would. */
  lock(): Promise<void>;
}

export type Skip = { readonly skip: string };

const START_TIMEOUT_MS = 3000;
const runner = createCommandRunner();

function busConfig(socket: string): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;
}

/** Kills a child and waits for it to go; SIGKILL if SIGTERM is not enough within a second. */
async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 1000);
  await gone;
  clearTimeout(timer);
}

function unrefAll(child: ChildProcess): void {
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
  }
}

/** Resolves with the child's first stdout line, or rejects on spawn error / early exit / timeout. */
function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no output within ${timeoutMs} ms: ${err.trim()}`)), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const end = out.indexOf('\n');
      if (end >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, end).trim());
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${String(code)} before printing: ${err.trim()}`));
    });
  });
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

async function startBusIn(dir: string, env: BaseEnv): Promise<SessionBus | Skip> {
  const config = join(dir, 'bus.conf');
  await writeFile(config, busConfig(join(dir, 'bus')));
  const daemon = spawn('dbus-daemon', [`--config-file=${config}`, '--nofork', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  const onExit = (): void => void daemon.kill('SIGKILL');
  process.once('exit', onExit);
  let address: string;
  try {
    address = await firstLine(daemon, START_TIMEOUT_MS);
  } catch (error) {
    process.removeListener('exit', onExit);
    await kill(daemon);
    if (isMissing(error)) return { skip: 'dbus-daemon is not installed (package dbus / dbus-daemon)' };
    throw new Error(`dbus-daemon did not start: ${(error as Error).message}`);
  }
  unrefAll(daemon);
  const fullEnv = { ...env, DBUS_SESSION_BUS_ADDRESS: address };
  return {
    address,
    run: (file, args, options = {}) => runner.run(file, args, { timeoutMs: options.timeoutMs ?? 5000, input: options.input, env: fullEnv }),
    async stop() {
      process.removeListener('exit', onExit);
      await kill(daemon);
    },
  };
}

async function tempEnv(): Promise<{ dir: string; env: BaseEnv }> {
  const dir = await mkdtemp(join(tmpdir(), 'cad-keyring-'));
  const env = {
    HOME: join(dir, 'home'),
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_RUNTIME_DIR: join(dir, 'run'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
  };
  for (const path of [env.HOME, env.XDG_DATA_HOME, env.XDG_CONFIG_HOME]) await mkdir(path);
  await mkdir(env.XDG_RUNTIME_DIR, { mode: 0o700 });
  return { dir, env };
}

/** A private session bus with nothing on it: "D-Bus works, but no Secret Service". */
export async function startSessionBus(): Promise<SessionBus | Skip> {
  if (process.platform !== 'linux') return { skip: 'a private D-Bus session bus needs Linux' };
  const { dir, env } = await tempEnv();
  const bus = await startBusIn(dir, env).catch(async (error: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  if ('skip' in bus) {
    await rm(dir, { recursive: true, force: true });
    return bus;
  }
  return {
    ...bus,
    async stop() {
      await bus.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** dbus-send arguments asking whether the default collection is locked. */
export const LOCKED_QUERY_ARGS = [
  '--session',
  '--print-reply',
  '--reply-timeout=1000',
  '--dest=org.freedesktop.secrets',
  '/org/freedesktop/secrets/aliases/default',
  'org.freedesktop.DBus.Properties.Get',
  'string:org.freedesktop.Secret.Collection',
  'string:Locked',
];

/** Starts a private bus plus an unlocked gnome-keyring; total start is well under a second here. */
export async function startKeyring(): Promise<Keyring | Skip> {
  if (process.platform !== 'linux') return { skip: 'GNOME Keyring tests need Linux' };
  const { dir, env } = await tempEnv();
  const cleanup = (): Promise<void> => rm(dir, { recursive: true, force: true });
  let bus: SessionBus | Skip;
  try {
    bus = await startBusIn(dir, env);
  } catch (error) {
    await cleanup();
    throw error;
  }
  if ('skip' in bus) {
    await cleanup();
    return bus;
  }
  const fullEnv: KeyringEnv = { ...env, DBUS_SESSION_BUS_ADDRESS: bus.address };
  const password = 'test-keyring-password';
  const daemon = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
    stdio: ['pipe', 'ignore', 'pipe'],
    env: fullEnv,
  });
  const onExit = (): void => void daemon.kill('SIGKILL');
  process.once('exit', onExit);
  let stderr = '';
  daemon.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const spawned = new Promise<Error | null>((resolve) => {
    daemon.once('spawn', () => resolve(null));
    daemon.once('error', (error) => resolve(error));
  });
  daemon.stdin?.on('error', () => undefined);
  daemon.stdin?.end(password);

  const stopAll = async (): Promise<void> => {
    process.removeListener('exit', onExit);
    await kill(daemon);
    await bus.stop();
    await cleanup();
  };

  const spawnError = await spawned;
  if (spawnError !== null) {
    await stopAll();
    if (isMissing(spawnError)) return { skip: 'gnome-keyring-daemon is not installed (package gnome-keyring)' };
    throw spawnError;
  }

  // Ready when the default collection answers on the bus.
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const reply = await bus.run('dbus-send', LOCKED_QUERY_ARGS, { timeoutMs: 1500 });
    if (reply.spawnError === 'ENOENT') {
      await stopAll();
      return { skip: 'dbus-send is not installed (package dbus-bin / dbus)' };
    }
    if (reply.code === 0) break;
    if (daemon.exitCode !== null || Date.now() > deadline) {
      await stopAll();
      throw new Error(`gnome-keyring-daemon did not come up: ${stderr.trim() || reply.stderr.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  unrefAll(daemon);

  return {
    address: bus.address,
    env: fullEnv,
    password,
    run: bus.run,
    async lock() {
      const result = await bus.run('dbus-send', [
        '--session',
        '--print-reply',
        '--dest=org.freedesktop.secrets',
        '/org/freedesktop/secrets',
        'org.freedesktop.Secret.Service.Lock',
        'array:objpath:/org/freedesktop/secrets/collection/login',
      ]);
      if (result.code !== 0) throw new Error(`locking the keyring failed: ${result.stderr.trim()}`);
    },
    stop: stopAll,
  };
}
