/**
 * Shared by the fix engine tests: a temp world (HOME, Claude config dir, the app's data dir), a
 * snapshot of a whole tree (bytes, modes, owners, link targets) to prove undo puts things back,
 * and a stub `claude` that knows `auth logout` (test/helpers/stub-claude.ts does not).
 */
import { createHash } from 'node:crypto';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProbeEnv } from '../../../src/core/probes/probe.js';
import { diagnose } from '../../../src/core/diagnosis/diagnose.js';
import { createProbeEnv } from '../../../src/core/probes/probe-env.js';
import type { CheckId, HealthReport } from '../../../src/shared/report.js';
import type { Os } from '../../../src/core/io/os.js';

export { CANARY, oauthCredentials } from '../../helpers/world.js';

export const POSIX_ONLY = process.platform === 'win32' ? 'these tests use /bin/sh stubs and POSIX modes' : false;

export interface TempWorld {
  readonly root: string;
  readonly home: string;
  readonly configDir: string;
  readonly dataDir: string;
  readonly bin: string;
  readonly env: Record<string, string>;
  cleanup(): Promise<void>;
}

export async function makeWorld(extraEnv: Record<string, string> = {}): Promise<TempWorld> {
  const root = await mkdtemp(join(tmpdir(), 'cad-fix-'));
  const home = join(root, 'home');
  const configDir = join(home, '.claude');
  const dataDir = join(root, 'data');
  const bin = join(root, 'bin');
  await mkdir(configDir, { recursive: true });
  await mkdir(bin);
  const env: Record<string, string> = {
    HOME: home,
    USER: 'tester',
    PATH: `${bin}:/usr/bin:/bin`,
    CLAUDE_AUTH_DOCTOR_DATA_DIR: dataDir,
    CLAUDE_AUTH_DOCTOR_CLAUDE_BIN: join(bin, 'claude'),
    NO_COLOR: '1',
    ...extraEnv,
  };
  return { root, home, configDir, dataDir, bin, env, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** A probe env for the world (real runner, fs, clock); the network ports are never used offline. */
export function worldProbeEnv(world: TempWorld, os: Os = 'linux'): ProbeEnv {
  return createProbeEnv(world.env, os);
}

export function offlineDiagnose(probeEnv: ProbeEnv): (only?: readonly CheckId[]) => Promise<HealthReport> {
  return (only) => diagnose({ offline: true, timeoutMs: 4000, only, version: '0.0.0-test', probeEnv });
}

export interface LogoutStubOptions {
  /** What `claude auth logout` does: remove the credentials file (like Claude Code), or scribble on it and fail. */
  readonly logout?: 'remove' | 'scribble-and-fail';
  /** Seconds `auth logout` sleeps in the middle (to hold the lock). */
  readonly sleep?: number;
  /** Appends "start <pid>" / "end <pid>" lines here. */
  readonly log?: string;
}

function sq(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A `claude` that answers --version, auth status and auth logout. */
export async function makeLogoutStub(dir: string, options: LogoutStubOptions = {}): Promise<string> {
  const creds = '"${CLAUDE_CONFIG_DIR:-$HOME/.claude}/.credentials.json"';
  const logout =
    options.logout === 'scribble-and-fail'
      ? [`printf 'half-written' > ${creds}`, 'echo "logout failed: EIO writing credentials" >&2', 'exit 1']
      : [`rm -f ${creds}`, 'echo "Successfully logged out from your Anthropic account."', 'exit 0'];
  const lines = [
    '#!/bin/sh',
    'case "$1 $2" in',
    '  "--version "*) echo "2.1.14 (Claude Code)"; exit 0 ;;',
    `  "auth status") echo '{"loggedIn":true,"authMethod":"claude.ai"}'; exit 0 ;;`,
    '  "auth logout")',
    ...(options.log ? [`    echo "start $$" >> ${sq(options.log)}`] : []),
    ...(options.sleep ? [`    sleep ${options.sleep}`] : []),
    ...(options.log ? [`    echo "end $$" >> ${sq(options.log)}`] : []),
    ...logout.map((l) => `    ${l}`),
    '    ;;',
    'esac',
    'echo "stub claude: unexpected: $*" >&2',
    'exit 2',
  ];
  const path = join(dir, 'claude');
  await writeFile(path, lines.join('\n') + '\n');
  await chmod(path, 0o755);
  return path;
}

export interface NodeSnapshot {
  readonly type: 'file' | 'dir' | 'symlink' | 'other';
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly sha256: string | null;
  readonly link: string | null;
}

/** Every path under root with its type, mode, owner and content hash. Missing root → {}. */
export async function snapshot(root: string, skip: readonly string[] = []): Promise<Record<string, NodeSnapshot>> {
  const out: Record<string, NodeSnapshot> = {};
  async function visit(path: string, rel: string): Promise<void> {
    if (skip.includes(rel)) return;
    let stat;
    try {
      stat = await lstat(path);
    } catch {
      return;
    }
    const base = { mode: stat.mode & 0o7777, uid: stat.uid, gid: stat.gid };
    if (stat.isSymbolicLink()) out[rel] = { ...base, type: 'symlink', sha256: null, link: await readlink(path) };
    else if (stat.isDirectory()) {
      out[rel] = { ...base, type: 'dir', sha256: null, link: null };
      for (const name of (await readdir(path)).sort()) await visit(join(path, name), rel ? `${rel}/${name}` : name);
    } else if (stat.isFile())
      out[rel] = {
        ...base,
        type: 'file',
        sha256: createHash('sha256')
          .update(await readFile(path))
          .digest('hex'),
        link: null,
      };
    else out[rel] = { ...base, type: 'other', sha256: null, link: null };
  }
  await visit(root, '');
  return out;
}

/** One hash for a snapshot: equal trees, equal hashes. */
export function treeDigest(snap: Record<string, NodeSnapshot>): string {
  return createHash('sha256')
    .update(JSON.stringify(Object.entries(snap).sort(([a], [b]) => a.localeCompare(b))))
    .digest('hex');
}

/** Every file's text under root, concatenated (to grep for canaries). */
export async function allText(root: string, only: (rel: string) => boolean = () => true): Promise<string> {
  const snap = await snapshot(root);
  let text = '';
  for (const [rel, node] of Object.entries(snap)) if (node.type === 'file' && only(rel)) text += await readFile(join(root, rel), 'utf8');
  return text;
}

/** A report with the given checks' statuses/evidence, for planning tests that need no probes. */
export function fakeReport(
  os: Os,
  session: 'desktop' | 'ssh' | 'headless',
  checks: HealthReport['checks'] = [],
  configDir = '/home/u/.claude',
): HealthReport {
  return {
    schemaVersion: 1,
    tool: { name: 'claude-auth-doctor', version: '0.0.0-test' },
    generatedAt: new Date(0).toISOString(),
    overall: 'fail',
    context: {
      os,
      osRelease: 'test',
      arch: 'x64',
      nodeVersion: process.version,
      session,
      ssh: session === 'ssh',
      display: session === 'desktop',
      wsl: false,
      container: false,
      offline: true,
      configDir,
    },
    checks,
    plan: [],
    facts: Object.assign({}, ...checks.map((c) => c.facts)) as HealthReport['facts'],
    findings: [],
  };
}
