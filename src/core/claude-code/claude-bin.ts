import { realpath } from 'node:fs/promises';
import { posix, win32 } from 'node:path';
import type { Os } from '../io/os.js';
import type { FileSystem } from '../io/ports.js';

/** Points the doctor at a specific `claude` (tests, unusual installs); replaces the PATH search. */
export const CLAUDE_BIN_VARIABLE = 'CLAUDE_AUTH_DOCTOR_CLAUDE_BIN';

/** How Claude Code got onto this machine; decides which update/uninstall command applies. */
export type InstallMethod = 'native' | 'npm' | 'npm-local' | 'homebrew' | 'unknown';

export interface ClaudeBinary {
  /** As found on PATH (or the override). */
  readonly path: string;
  /** With symlinks resolved; equals `path` when it cannot be resolved. */
  readonly realPath: string;
  readonly method: InstallMethod;
}

export type ClaudeLocation =
  /** `binaries[0]` is the one a shell runs; the rest are shadowed duplicates (distinct real paths). */
  | { readonly kind: 'found'; readonly source: 'override' | 'path'; readonly binaries: readonly ClaudeBinary[] }
  | {
      readonly kind: 'missing';
      readonly source: 'override' | 'path';
      readonly override: string | null;
      readonly searched: readonly string[];
    };

/** Resolves symlinks; null when the path cannot be resolved. Injected so tests can fake layouts. */
export type RealPath = (path: string) => Promise<string | null>;

export const nodeRealPath: RealPath = (path) => realpath(path).catch(() => null);

const RUNNABLE_EXTENSIONS = new Set(['.com', '.exe', '.bat', '.cmd']);

/** Windows environment names are case-insensitive (`Path`, `PATHEXT`). */
function envValue(env: Readonly<Record<string, string | undefined>>, name: string, os: Os): string | undefined {
  if (os !== 'win32') return env[name];
  const key = Object.keys(env).find((k) => k.toUpperCase() === name);
  return key === undefined ? undefined : env[key];
}

/**
 * PATH entries in order. Empty and relative entries (`.`, `bin`, which mean "wherever the doctor
 * happens to run") are skipped: a `claude` planted in the current directory is not Claude Code.
 */
export function pathEntries(env: Readonly<Record<string, string | undefined>>, os: Os): string[] {
  const raw = envValue(env, 'PATH', os) ?? '';
  const separator = os === 'win32' ? ';' : ':';
  const absolute = os === 'win32' ? win32.isAbsolute : posix.isAbsolute;
  return raw
    .split(separator)
    .map((entry) => (os === 'win32' ? entry.trim().replace(/^"(.*)"$/, '$1') : entry))
    .filter((entry) => entry !== '' && absolute(entry) && !(os === 'win32' && /^[\\/](?![\\/])/.test(entry)));
}

/** File names a shell would run for `claude`: PATHEXT order on Windows. */
export function candidateNames(env: Readonly<Record<string, string | undefined>>, os: Os): string[] {
  if (os !== 'win32') return ['claude'];
  const pathext = envValue(env, 'PATHEXT', os) ?? '.COM;.EXE;.BAT;.CMD';
  const extensions = pathext
    .split(';')
    .map((ext) => ext.trim().toLowerCase())
    .filter((ext) => RUNNABLE_EXTENSIONS.has(ext));
  return [...new Set(extensions)].map((ext) => `claude${ext}`);
}

const MARKERS: readonly (readonly [RegExp, InstallMethod])[] = [
  [/\/\.claude\/local\//, 'npm-local'],
  [/\/node_modules\/@anthropic-ai\/claude-code\//, 'npm'],
  [/\/\.local\/share\/claude\/versions\//, 'native'],
  [/\/cellar\/|\/caskroom\/|^\/opt\/homebrew\/|^\/home\/linuxbrew\//, 'homebrew'],
  [/\/appdata\/roaming\/npm\/|\/\.npm-global\/|\/\.?nvm\/|\/\.volta\/|\/fnm\/|\/lib\/node_modules\//, 'npm'],
  [/\/\.local\/bin\/claude(\.exe)?$/, 'native'],
];

/** Guesses the install method from where the binary lives, trusting the resolved path first. */
export function installMethod(path: string, realPath: string): InstallMethod {
  const normal = (p: string): string => p.replace(/\\/g, '/').toLowerCase();
  for (const candidate of [normal(realPath), normal(path)]) {
    for (const [pattern, method] of MARKERS) if (pattern.test(candidate)) return method;
  }
  return 'unknown';
}

async function describe(path: string, resolve: RealPath): Promise<ClaudeBinary> {
  const real = (await resolve(path)) ?? path;
  return { path, realPath: real, method: installMethod(path, real) };
}

/**
 * Finds `claude` the way a shell would: the override when set, else every match on PATH in
 * order. Uses only `fs.exists` (no `which`), so it behaves the same on every OS and in tests.
 */
export async function locateClaude(
  env: Readonly<Record<string, string | undefined>>,
  fs: FileSystem,
  os: Os,
  resolve: RealPath = nodeRealPath,
): Promise<ClaudeLocation> {
  const override = env[CLAUDE_BIN_VARIABLE]?.trim();
  if (override) {
    if (!(await fs.exists(override))) return { kind: 'missing', source: 'override', override, searched: [override] };
    return { kind: 'found', source: 'override', binaries: [await describe(override, resolve)] };
  }
  const join = os === 'win32' ? win32.join : posix.join;
  const searched = pathEntries(env, os);
  const names = candidateNames(env, os);
  const seenPaths = new Set<string>();
  const found: string[] = [];
  for (const dir of searched) {
    for (const name of names) {
      const path = join(dir, name);
      const key = os === 'win32' ? path.toLowerCase() : path;
      if (seenPaths.has(key)) continue;
      seenPaths.add(key);
      if (await fs.exists(path)) found.push(path);
    }
  }
  const binaries: ClaudeBinary[] = [];
  const seenReal = new Set<string>();
  for (const path of found) {
    const binary = await describe(path, resolve);
    const key = os === 'win32' ? binary.realPath.toLowerCase() : binary.realPath;
    if (seenReal.has(key)) continue;
    seenReal.add(key);
    binaries.push(binary);
  }
  if (binaries.length === 0) return { kind: 'missing', source: 'path', override: null, searched };
  return { kind: 'found', source: 'path', binaries };
}
