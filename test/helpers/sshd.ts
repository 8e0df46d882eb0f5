/**
 * A real OpenSSH server on loopback for the remote tests: host and user keys generated in a temp
 * dir, a throwaway user (useradd; so root only), `sshd -D` listening on 127.0.0.1-3 on a free port,
 * and an ssh client config with one Host alias per address (three "hosts" with their own
 * connections). The session environment comes from the user's ~/.ssh/environment
 * (PermitUserEnvironment), so each test decides what PATH the host has: with or without an
 * installed doctor, with or without node. sshd logs to a file the tests read (logins counted).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort } from './servers.js';

export const SSHD = '/usr/sbin/sshd';

/** Why the real-sshd tests cannot run here; false when they can. */
export const SSHD_SKIP: string | false =
  process.platform !== 'linux'
    ? 'the real-sshd tests need Linux'
    : process.getuid?.() !== 0
      ? 'the real-sshd tests create a throwaway user with useradd and need root'
      : !existsSync(SSHD)
        ? `no OpenSSH server at ${SSHD} (apt-get install openssh-server)`
        : spawnSync('ssh', ['-V']).error
          ? 'no ssh client (apt-get install openssh-client)'
          : false;

export const HOST_ADDRESSES = ['127.0.0.1', '127.0.0.2', '127.0.0.3'] as const;

export interface Sshd {
  readonly dir: string;
  readonly user: string;
  readonly uid: number;
  readonly home: string;
  readonly port: number;
  /** The ssh config file the client side uses (CLAUDE_AUTH_DOCTOR_SSH_CONFIG). */
  readonly clientConfig: string;
  /** Host aliases of clientConfig: host-1..3 (127.0.0.1-3), and `wrong-key` (127.0.0.4, whose known_hosts key does not match). */
  readonly aliases: readonly string[];
  /** Sets the host session's environment (PATH, overrides) for the next connections. */
  setEnvironment(vars: Readonly<Record<string, string>>): Promise<void>;
  /** Writes a file in the user's home as the user (mode given). */
  writeHomeFile(relative: string, text: string, mode: number): Promise<string>;
  /** "Accepted publickey" lines in sshd's log: one per authenticated connection. */
  logins(): number;
  stop(): Promise<void>;
}

function run(file: string, args: string[]): string {
  const result = spawnSync(file, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${file} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

async function waitForPort(port: number, log: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`sshd exited: ${existsSync(log) ? readFileSync(log, 'utf8') : ''}`);
    const probe = spawnSync('ssh-keyscan', ['-p', String(port), '-T', '1', '127.0.0.1'], { encoding: 'utf8' });
    if (probe.stdout.includes('ssh-ed25519')) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('sshd did not start listening');
}

export async function startSshd(): Promise<Sshd> {
  // Short: control sockets and the home live under it.
  const dir = await mkdtemp(join(tmpdir(), 'cad-ssh-'));
  await chmod(dir, 0o755);
  const user = `cad${process.pid.toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`.slice(0, 30);
  const home = join(dir, 'home');
  run('useradd', ['--home-dir', home, '--create-home', '--shell', '/bin/sh', '--user-group', user]);
  // A locked account ("!") is refused by sshd without PAM; "*" means: no password, not locked.
  run('usermod', ['--password', '*', user]);
  const uid = Number(run('id', ['-u', user]).trim());
  const gid = Number(run('id', ['-g', user]).trim());
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')]);
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'other_host_key')]);
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'id_ed25519')]);
  const sshDir = join(home, '.ssh');
  await mkdir(sshDir, { mode: 0o700 });
  await writeFile(join(sshDir, 'authorized_keys'), await readFile(join(dir, 'id_ed25519.pub')), { mode: 0o600 });
  await writeFile(join(sshDir, 'environment'), '', { mode: 0o600 });
  for (const path of [sshDir, join(sshDir, 'authorized_keys'), join(sshDir, 'environment')]) await chown(path, uid, gid);
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });

  const port = await closedPort();
  const log = join(dir, 'sshd.log');
  const config = join(dir, 'sshd_config');
  await writeFile(
    config,
    [
      `Port ${port}`,
      ...HOST_ADDRESSES.map((a) => `ListenAddress ${a}`),
      'ListenAddress 127.0.0.4',
      `HostKey ${join(dir, 'host_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'PermitRootLogin no',
      `AllowUsers ${user}`,
      'PermitUserEnvironment yes',
      'AllowTcpForwarding yes',
      'StrictModes yes',
      'MaxStartups 50',
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  const hostKey = (await readFile(join(dir, 'host_key.pub'), 'utf8')).split(' ').slice(0, 2).join(' ');
  const otherKey = (await readFile(join(dir, 'other_host_key.pub'), 'utf8')).split(' ').slice(0, 2).join(' ');
  const knownHosts = join(dir, 'known_hosts');
  await writeFile(
    knownHosts,
    [...HOST_ADDRESSES.map((a) => `[${a}]:${port} ${hostKey}`), `[127.0.0.4]:${port} ${otherKey}`, ''].join('\n'),
  );
  const clientConfig = join(dir, 'ssh_config');
  const aliases = ['host-1', 'host-2', 'host-3', 'wrong-key'];
  const block = (alias: string, address: string, extra: string[] = []): string[] => [`Host ${alias}`, `  HostName ${address}`, ...extra];
  await writeFile(
    clientConfig,
    [
      ...block('host-1', '127.0.0.1'),
      ...block('host-2', '127.0.0.2'),
      ...block('host-3', '127.0.0.3'),
      ...block('wrong-key', '127.0.0.4'),
      'Host *',
      `  Port ${port}`,
      `  User ${user}`,
      `  IdentityFile ${join(dir, 'id_ed25519')}`,
      '  IdentitiesOnly yes',
      '  IdentityAgent none',
      `  UserKnownHostsFile ${knownHosts}`,
      '  GlobalKnownHostsFile /dev/null',
      '  StrictHostKeyChecking yes',
      '',
    ].join('\n'),
  );
  const child = spawn(SSHD, ['-D', '-f', config, '-E', log], { stdio: 'ignore' });
  await waitForPort(port, log, child);

  return {
    dir,
    user,
    uid,
    home,
    port,
    clientConfig,
    aliases,
    async setEnvironment(vars) {
      const text = Object.entries(vars)
        .map(([k, v]) => `${k}=${v}\n`)
        .join('');
      await writeFile(join(sshDir, 'environment'), text, { mode: 0o600 });
    },
    async writeHomeFile(relative, text, mode) {
      const path = join(home, relative);
      const parts = relative.split('/').slice(0, -1);
      let at = home;
      for (const part of parts) {
        at = join(at, part);
        await mkdir(at, { recursive: true, mode: 0o700 });
        await chown(at, uid, gid);
      }
      await writeFile(path, text, { mode });
      await chmod(path, mode);
      await chown(path, uid, gid);
      return path;
    },
    logins: () => (existsSync(log) ? (readFileSync(log, 'utf8').match(/Accepted publickey/g)?.length ?? 0) : 0),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      // Session processes of the user (a ControlPersist master's server side) end with the listener's children.
      spawnSync('pkill', ['-KILL', '-u', String(uid)]);
      spawnSync('userdel', ['--force', '--remove', user]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
