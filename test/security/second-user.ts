/**
 * Throwaway local users for the attacks that need a second user (a home root works in, another
 * user reading /proc). Created with useradd when the tests run as root, removed with userdel -r
 * afterwards; without root (or useradd) the tests that need one are skipped with the reason.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const SECOND_USER_SKIP: string | false =
  process.platform !== 'linux'
    ? 'throwaway users are made with Linux useradd'
    : process.getuid?.() !== 0
      ? 'these attacks need a second user: run the suite as root (it creates and removes throwaway users)'
      : !existsSync('/usr/sbin/useradd') && !existsSync('/sbin/useradd')
        ? 'useradd is not installed'
        : false;

export interface ThrowawayUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  /** Their home, made by useradd (0700 is set, owned by them). */
  readonly home: string;
  /** Runs a program as them (setpriv: their uid, gid and groups), with exactly `env`. */
  run(
    file: string,
    args: readonly string[],
    env: NodeJS.ProcessEnv,
    input?: string,
  ): Promise<{ code: number | null; stdout: string; stderr: string }>;
  remove(): Promise<void>;
}

export async function makeUser(prefix = 'cadsec'): Promise<ThrowawayUser> {
  const name = `${prefix}${randomBytes(3).toString('hex')}`;
  const base = await mkdtemp(join(tmpdir(), 'cad-users-'));
  await chmod(base, 0o755);
  const home = join(base, name);
  await run('useradd', ['--create-home', '--home-dir', home, '--shell', '/bin/sh', '--user-group', name]);
  await chmod(home, 0o700);
  const uid = Number((await run('id', ['-u', name])).stdout.trim());
  const gid = Number((await run('id', ['-g', name])).stdout.trim());
  return {
    name,
    uid,
    gid,
    home,
    run(file, args, env, input) {
      return new Promise((resolve, reject) => {
        const child = spawn('setpriv', [`--reuid=${uid}`, `--regid=${gid}`, '--init-groups', '--', file, ...args], {
          env,
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        child.on('error', reject);
        child.on('close', (code) => {
          clearTimeout(killer);
          resolve({ code, stdout, stderr });
        });
        // A program that ends before reading its input (the fix refusing at once) closes the pipe: its exit is the answer, not an EPIPE here.
        child.stdin.on('error', () => undefined);
        child.stdin.end(input ?? '');
      });
    },
    async remove() {
      await run('userdel', ['--remove', name]).catch(() => undefined);
      await run('groupdel', [name]).catch(() => undefined);
      await rm(base, { recursive: true, force: true });
    },
  };
}
