import { promises as fsp, type Stats } from 'node:fs';
import { join } from 'node:path';
import { CHECK_IDS, type HealthReport } from '../../shared/report.js';
import { AUTH_VARIABLES } from '../claude-code/auth-variables.js';
import { configDir, storageDir } from '../claude-code/paths.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { sha256Hex } from '../redact/sha256.js';
import type { Os } from '../io/os.js';
import { formatRemaining } from '../../shared/durations.js';
import { fsCalls } from '../io/fs-calls.js';
import { readSmallRegularFile } from '../io/safe-file.js';
import { appStateDir } from '../platform/app-dirs.js';
import { parseSnapshot, type Snapshot, type SnapshotWriter } from './snapshot-shape.js';

export { parseSnapshot, SNAPSHOT_WRITERS, type Snapshot, type SnapshotWriter } from './snapshot-shape.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The world a snapshot belongs to. */
export interface SnapshotPlace {
  readonly env: Env;
  readonly os: Os;
  readonly homeDir: string;
}

const FILE_NAME = 'last-report.json';
/** A report is a few KB; a bigger file is not one the doctor wrote. */
const MAX_SNAPSHOT_BYTES = 1024 * 1024;
/** A snapshot from the future by more than this is not trusted (a clock set back counts as stale). */
const FUTURE_SLACK_MS = 5 * 60_000;

export function snapshotPath(place: SnapshotPlace): string {
  return join(appStateDir(place.env, place.os, place.homeDir), FILE_NAME);
}

const uid = (): number | null => process.getuid?.() ?? null;

/** Who runs this process: the user id (no name-service lookup on a shell start); Windows has none, its user name then. */
const userKey = (env: Env): string => String(uid() ?? env['USERNAME'] ?? '');

/**
 * A key of what decides the login a terminal sees: the user, Claude Code's config and storage
 * dirs, which credential and provider variables are set (names only, never values) and, on macOS,
 * the security session (the keychain's lock belongs to it). A terminal with another key does not
 * borrow the snapshot: its answer could differ.
 */
export function environmentKey(place: SnapshotPlace): string {
  const set = AUTH_VARIABLES.filter((name) => (place.env[name] ?? '') !== '').sort();
  const parts = [
    userKey(place.env),
    configDir(place.env, place.homeDir),
    storageDir(place.env, place.homeDir),
    set.join(','),
    place.os === 'darwin' ? (place.env['SECURITYSESSIONID'] ?? '') : '',
  ];
  return sha256Hex(JSON.stringify(parts)).slice(0, 16);
}

/** Why a file or dir of the snapshot is not one to trust, or null when it is. */
function distrust(stat: Stats, what: string, path: string): string | null {
  const me = uid();
  if (me !== null && stat.uid !== me) return `${what} ${path} belongs to user id ${stat.uid}, not to you (${me})`;
  if (me !== null && (stat.mode & 0o022) !== 0) return `${what} ${path} can be written by others (mode ${(stat.mode & 0o777).toString(8)})`;
  return null;
}

/** The state dir, when it is a real directory of this user that only they can write; else why not. */
async function checkDir(dir: string): Promise<string | null> {
  const stat = await fsCalls.lstat(dir).catch(() => null);
  if (!stat) return `the state dir ${dir} does not exist`;
  if (stat.isSymbolicLink()) return `the state dir ${dir} is a symbolic link`;
  if (!stat.isDirectory()) return `${dir} is not a directory`;
  return distrust(stat, 'the state dir', dir);
}

/**
 * Saves the report as the last one `status` and `statusline` show: atomically, 0600, in the app's
 * state dir (created 0700). Never throws: a snapshot is a convenience, so a failure is returned as
 * a sentence for the caller to print, and the check it follows keeps its own result.
 */
export async function writeSnapshot(place: SnapshotPlace, report: HealthReport, by: SnapshotWriter): Promise<string | null> {
  const path = snapshotPath(place);
  const dir = appStateDir(place.env, place.os, place.homeDir);
  try {
    // As root (sudo keeps HOME on some systems) nothing is created in another user's home: it would be root's there.
    const home = await fsp.lstat(place.homeDir).catch(() => null);
    if (uid() === 0 && home && home.uid !== 0)
      return `not saving the last report for "status": running as root in ${place.homeDir}, which is not root's`;
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    const problem = await checkDir(dir);
    if (problem) return `not saving the last report for "status": ${problem}`;
    const snapshot: Snapshot = {
      kind: 'claude-auth-doctor/last-report',
      version: 1,
      takenAt: new Date().toISOString(),
      by,
      environment: environmentKey(place),
      report,
    };
    await writeFileAtomic(path, JSON.stringify(snapshot) + '\n', { mode: 0o600 });
    return null;
  } catch (error) {
    return `could not save the last report for "status" in ${path}: ${(error as Error).message}`;
  }
}

export type SnapshotRead =
  | { readonly kind: 'fresh'; readonly snapshot: Snapshot; readonly ageMs: number }
  /** No usable snapshot; `reason` says why in a sentence ("none yet", "12 min old", "a symbolic link"). */
  | { readonly kind: 'none'; readonly reason: string; readonly untrusted: boolean };

export interface ReadSnapshotOptions {
  readonly now: number;
  /** Older than this is not fresh enough. */
  readonly maxAgeMs: number;
}

/** "42 s", "5 m", "3 h 10 m": how old a report is. */
export function ageText(ms: number): string {
  return ms < 60_000 ? `${Math.max(0, Math.floor(ms / 1000))} s` : formatRemaining(ms);
}

/** The last snapshot, when the doctor wrote it, it is for this environment and young enough. */
export async function readSnapshot(place: SnapshotPlace, options: ReadSnapshotOptions): Promise<SnapshotRead> {
  const path = snapshotPath(place);
  const untrusted = (reason: string): SnapshotRead => ({ kind: 'none', reason, untrusted: true });
  let text: string;
  try {
    // Without fs/promises: `status` and every status line refresh read this (safe-file.ts).
    const { bytes, stat } = await readSmallRegularFile(path, { maxBytes: MAX_SNAPSHOT_BYTES });
    const problem = distrust(stat, 'the snapshot', path) ?? (await checkDir(appStateDir(place.env, place.os, place.homeDir)));
    if (problem) return untrusted(`ignored: ${problem}`);
    text = bytes.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'none', reason: 'no check has saved a report yet', untrusted: false };
    return untrusted(`ignored: ${(error as Error).message}`);
  }
  const snapshot = parseSnapshot(text);
  if (typeof snapshot === 'string') return untrusted(`ignored ${path}: ${snapshot}`);
  const ageMs = options.now - Date.parse(snapshot.takenAt);
  if (ageMs < -FUTURE_SLACK_MS) return untrusted(`ignored ${path}: it claims to be taken in the future (${snapshot.takenAt})`);
  if (snapshot.environment !== environmentKey(place))
    return { kind: 'none', reason: 'the last report was taken with another login setup (config dir, variables or user)', untrusted: false };
  if (ageMs > options.maxAgeMs)
    return {
      kind: 'none',
      reason: `the last full check is ${ageText(ageMs)} old, more than --max-age ${options.maxAgeMs / 1000} s`,
      untrusted: false,
    };
  return { kind: 'fresh', snapshot, ageMs: Math.max(0, ageMs) };
}

/** A report with every check in it (skipped ones count): what `status` may stand on. A `--only` run is not one. */
export function coversEveryCheck(report: HealthReport): boolean {
  const ids = new Set(report.checks.map((c) => c.id));
  return CHECK_IDS.every((id) => ids.has(id));
}

/**
 * Saves each full report a long-running writer (watch, the tray app, the web wizard) makes, one
 * write at a time; partial reports are skipped. `onProblem` hears a failure once per distinct
 * sentence, so a broken state dir is reported, not repeated on every run.
 */
export function createSnapshotSaver(
  place: SnapshotPlace,
  by: SnapshotWriter,
  onProblem: (message: string) => void,
): { save(report: HealthReport): Promise<void> } {
  let chain = Promise.resolve();
  let lastProblem: string | null = null;
  return {
    save(report) {
      if (!coversEveryCheck(report)) return chain;
      chain = chain.then(async () => {
        const problem = await writeSnapshot(place, report, by);
        if (problem && problem !== lastProblem) onProblem(problem);
        lastProblem = problem;
      });
      return chain;
    },
  };
}
