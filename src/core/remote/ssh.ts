import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { CommandResult, CommandRunner } from '../io/ports.js';

/**
 * How the doctor talks to a host: the system `ssh` client (so ~/.ssh/config, the agent, ProxyJump,
 * keys and known_hosts just work), never prompting (`BatchMode`), bounded (connect timeout,
 * keep-alives, and the runner's hard timeout), and sharing one connection per host between checks
 * (`ControlMaster`/`ControlPersist`, sockets in the app's own 0700 folder).
 */
export interface SshOptions {
  /** The ssh program (default "ssh" on PATH). */
  readonly ssh: string;
  /** The folder for control sockets; null: no connection reuse. */
  readonly socketDir: string | null;
  /** How long an idle shared connection stays open. */
  readonly persistSeconds: number;
  /** An ssh config file to use instead of ~/.ssh/config (`-F`); null: ssh's own. */
  readonly configFile: string | null;
  readonly env?: NodeJS.ProcessEnv;
}

/** A Unix socket path holds at most 104 bytes on macOS; ssh adds `/%C` (40 hex) and a 17-byte temporary suffix. */
export const MAX_SOCKET_DIR_BYTES = 104 - 1 - 40 - 17 - 1;

/**
 * Makes `dir` the control-socket folder: created 0700, and refused when it is a symlink, not ours
 * or open to others (a socket there could be a stranger's connection). Null when it cannot be used:
 * then checks simply open a fresh connection each time.
 */
export async function prepareSocketDir(dir: string | null, uid: number | null): Promise<string | null> {
  if (dir === null || Buffer.byteLength(dir) > MAX_SOCKET_DIR_BYTES) return null;
  try {
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    const info = await fsp.lstat(dir);
    if (!info.isDirectory() || (uid !== null && info.uid !== uid)) return null;
    if ((info.mode & 0o077) !== 0) await fsp.chmod(dir, 0o700);
    return dir;
  } catch {
    return null;
  }
}

/** The options every call passes, before the destination. */
export function sshArgs(options: SshOptions, connectTimeoutMs: number, extra: readonly string[] = []): string[] {
  const seconds = Math.max(1, Math.ceil(connectTimeoutMs / 1000));
  const reuse =
    options.socketDir === null
      ? ['-o', 'ControlMaster=no', '-o', 'ControlPath=none']
      : [
          '-o',
          'ControlMaster=auto',
          '-o',
          `ControlPath=${join(options.socketDir, '%C')}`,
          '-o',
          `ControlPersist=${options.persistSeconds}`,
        ];
  return [
    ...(options.configFile === null ? [] : ['-F', options.configFile]),
    '-o',
    'BatchMode=yes',
    '-o',
    `ConnectTimeout=${seconds}`,
    '-o',
    'ServerAliveInterval=5',
    '-o',
    'ServerAliveCountMax=2',
    '-o',
    'LogLevel=ERROR',
    ...reuse,
    ...extra,
  ];
}

/** Runs `command` (a fixed string of the doctor's own, never user data) on the host, `input` on its stdin. */
export function runOnHost(
  runner: CommandRunner,
  options: SshOptions,
  destination: string,
  command: string,
  run: { readonly timeoutMs: number; readonly input?: string; readonly maxBytes?: number },
): Promise<CommandResult> {
  const args = [...sshArgs(options, Math.min(10_000, run.timeoutMs / 2), ['-T']), '--', destination, command];
  return runner.run(options.ssh, args, {
    timeoutMs: run.timeoutMs,
    killGroup: true,
    maxBytes: run.maxBytes ?? 4 * 1024 * 1024,
    ...(options.env ? { env: options.env } : {}),
    ...(run.input !== undefined ? { input: run.input } : {}),
  });
}

/** Closes the shared connection to `destination`, if one is open (quick; never throws). */
export async function closeConnection(runner: CommandRunner, options: SshOptions, destination: string): Promise<void> {
  if (options.socketDir === null) return;
  await runner.run(options.ssh, [...sshArgs(options, 2000), '-O', 'exit', '--', destination], {
    timeoutMs: 5000,
    ...(options.env ? { env: options.env } : {}),
  });
}

const PLAIN: readonly [RegExp, string][] = [
  [
    /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed|host key for .* has changed/i,
    'host key changed or unknown (check known_hosts; ssh once by hand to accept it)',
  ],
  [/Permission denied \(([^)]*)\)/i, 'permission denied ($1)'],
  [/Connection timed out|Operation timed out|timed out during banner exchange|Connection timed out during banner/i, 'connection timed out'],
  [/Connection refused/i, 'connection refused (is sshd running on that port?)'],
  [/Could not resolve hostname|Name or service not known|nodename nor servname/i, 'host name not found'],
  [/No route to host|Network is unreachable/i, 'no route to host'],
  [/Connection closed by|Connection reset by|kex_exchange_identification/i, 'the host closed the connection'],
  [/Too many authentication failures/i, 'too many authentication failures (the agent offers too many keys)'],
];

/** The ssh failure in plain words ("host key changed", "permission denied (publickey)", …). */
export function sshFailure(result: CommandResult, timeoutMs: number): string {
  if (result.spawnError !== null) return `ssh could not be started (${result.spawnError}); install the OpenSSH client`;
  if (result.timedOut) return `no answer within ${Math.round(timeoutMs / 1000)} s (connection timed out)`;
  for (const [pattern, words] of PLAIN) {
    const match = pattern.exec(result.stderr);
    if (match) return words.replace('$1', match[1] ?? '');
  }
  const last = result.stderr.trim().split('\n').at(-1)?.trim();
  return last ? `ssh failed: ${last.slice(0, 200)}` : `ssh exited with code ${result.code ?? 'none'}`;
}
