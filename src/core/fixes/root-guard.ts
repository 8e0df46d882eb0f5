import { promises as fsp, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { errorCode } from './fix-fs.js';
import { configDir } from '../claude-code/paths.js';
import { appDataDir } from '../platform/app-dirs.js';
import type { Os } from '../io/os.js';

/**
 * Fixing as root on a home someone else controls is how a user turns the doctor against root:
 * any folder that user owns can be swapped for a link between two of root's steps. So a fix or
 * undo run as root acts only on paths root alone controls; on another user's home it refuses,
 * unless asked to act as that user (`--as-owner`), and then it switches to that user for good
 * before touching anything.
 */

export interface GuardedPath {
  /** As users know it ("home", "Claude Code's config folder"). */
  readonly label: string;
  readonly path: string;
}

/** What a fix or undo may change: the home (rc files), Claude Code's folders, the app's data dir. */
export function guardedPaths(env: Readonly<Record<string, string | undefined>>, os: Os, homeDir: string): GuardedPath[] {
  const paths: GuardedPath[] = [
    { label: 'home', path: homeDir },
    { label: "Claude Code's config folder", path: configDir(env, homeDir) },
    { label: "the doctor's data folder", path: appDataDir(env, os, homeDir) },
  ];
  const secure = env['CLAUDE_SECURESTORAGE_CONFIG_DIR']?.trim();
  if (secure) paths.push({ label: "Claude Code's secure storage folder", path: secure });
  return paths;
}

export type RootDecision =
  | { readonly kind: 'not-root' }
  /** Root, and every path is root's alone. */
  | { readonly kind: 'root-owned' }
  /** Root on paths one other user controls, and asked to act as that user. */
  | { readonly kind: 'switch'; readonly uid: number; readonly gid: number; readonly user: string }
  | { readonly kind: 'refuse'; readonly message: string };

/** The user name for a uid from /etc/passwd (Node has no getpwuid); "uid N" when unknown. */
export function userName(uid: number): { name: string; gid: number | null } {
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [name, , id, gid] = line.split(':');
      if (Number(id) === uid && name) return { name, gid: Number.isInteger(Number(gid)) ? Number(gid) : null };
    }
  } catch {
    // no passwd file
  }
  return { name: `uid ${uid}`, gid: null };
}

interface Control {
  readonly owners: Map<number, string>;
  /** A folder on the way that anyone may write into (no sticky bit). */
  readonly open: string | null;
}

/** Who can change what `path` leads to: the owners of it and of every folder above it (real path too). */
async function control(path: string, into: Control): Promise<void> {
  let at = path;
  const chains = [at];
  const real = await fsp.realpath(at).catch(() => null);
  if (real && real !== at) chains.push(real);
  for (const start of chains) {
    at = start;
    for (;;) {
      const stat = await fsp.lstat(at).catch((error: unknown) => (errorCode(error) === 'ENOENT' ? null : Promise.reject(error)));
      if (stat) {
        if (stat.uid !== 0 && !into.owners.has(stat.uid)) into.owners.set(stat.uid, at);
        const writable = stat.isDirectory() && (stat.mode & 0o002) !== 0 && (stat.mode & 0o1000) === 0;
        if (writable && !into.open) (into as { open: string | null }).open = at;
      }
      const up = dirname(at);
      if (up === at) break;
      at = up;
    }
  }
}

export async function decideRootUse(paths: readonly GuardedPath[], asOwner: boolean): Promise<RootDecision> {
  if (process.geteuid?.() !== 0) return { kind: 'not-root' };
  const seen: Control = { owners: new Map(), open: null };
  for (const { path } of paths) await control(path, seen);
  if (seen.open) {
    return {
      kind: 'refuse',
      message: `Running as root, and ${seen.open} can be changed by any user. The doctor will not change files there as root; run it as the user whose files these are.`,
    };
  }
  if (seen.owners.size === 0) return { kind: 'root-owned' };
  const [[uid, where]] = [...seen.owners.entries()] as [[number, string]];
  const owner = userName(uid);
  if (seen.owners.size > 1) {
    const who = [...seen.owners.entries()].map(([id, at]) => `${userName(id).name} (${at})`).join(', ');
    return {
      kind: 'refuse',
      message: `Running as root on files that belong to several users: ${who}. Run the doctor as the user whose files they are.`,
    };
  }
  if (!asOwner) {
    return {
      kind: 'refuse',
      message: `Running as root, but ${where} belongs to ${owner.name}: ${owner.name} could swap files there for links while root works. Run it as ${owner.name} (without sudo), or add --as-owner to let the doctor switch to ${owner.name} before it touches anything.`,
    };
  }
  const gid = owner.gid ?? (await fsp.lstat(where)).gid;
  return { kind: 'switch', uid, gid, user: owner.name };
}

/** Switches this process to the user for good (groups, gid, uid); throws when the OS refuses. */
export function switchToUser(decision: Extract<RootDecision, { kind: 'switch' }>): void {
  (process as { initgroups?: (user: number, extraGroup: number) => void }).initgroups?.(decision.uid, decision.gid);
  process.setgid?.(decision.gid);
  process.setuid?.(decision.uid);
  if (process.geteuid?.() !== decision.uid) throw new Error(`could not switch to ${decision.user}`);
}
