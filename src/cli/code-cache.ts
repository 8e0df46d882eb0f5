import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/**
 * The first line build/bundle.mjs writes into each hot file (`// cad-build <16 hex of the rest's
 * SHA-256>`), and the first bytes of the code cache it makes for that file: a cache is used only
 * with the very build it was made from.
 */
export const BUILD_STAMP = /^\/\/ cad-build ([0-9a-f]{16})\n/;
const STAMP_BYTES = 16;

/** Where a file's code cache sits: beside it. */
export const cacheFileOf = (file: string): string => `${file}.v8cache`;

/** What became of a file's code cache, for the build (which writes the caches) and the tests. */
export interface CachedLoad {
  readonly file: string;
  /** The file's build stamp, or null when it has none (then no cache is ever made or used for it). */
  readonly stamp: string | null;
  readonly script: Script;
  /** used; none (no stamp or no cache file); stale (another build's); rejected (V8 refused it: another Node, other flags). */
  readonly cache: 'used' | 'none' | 'stale' | 'rejected';
}

/** Every load of this process, shared by the copies of this module bundled into different files. */
export function cachedLoads(): CachedLoad[] {
  const registry = globalThis as unknown as Record<symbol, CachedLoad[] | undefined>;
  return (registry[Symbol.for('claude-auth-doctor.code-cache')] ??= []);
}

function readCache(file: string, stamp: string | null): Buffer | 'none' | 'stale' {
  if (stamp === null) return 'none';
  let bytes: Buffer;
  try {
    bytes = readFileSync(cacheFileOf(file));
  } catch {
    return 'none';
  }
  return bytes.length > STAMP_BYTES && bytes.toString('latin1', 0, STAMP_BYTES) === stamp ? bytes.subarray(STAMP_BYTES) : 'stale';
}

/** A cache file's bytes for a load, as readCache expects them: the stamp, then V8's code (what the script has compiled so far). */
export function cacheBytes(load: CachedLoad): Buffer | null {
  return load.stamp === null ? null : Buffer.concat([Buffer.from(load.stamp, 'latin1'), load.script.createCachedData()]);
}

/**
 * Loads a CommonJS file of the bundled CLI (one that requires only Node's own modules) as
 * `require` would, compiled from the V8 code cache the build made for it when that cache belongs
 * to this very file and this Node accepts it. A shell start then skips parsing and compiling
 * ~240 KB of JavaScript (~6 ms of a 35 ms Node start here; docs/BENCHMARKS.md), and the functions
 * the hook's check calls come compiled too. Anything else (no cache, another build's, another
 * Node's) compiles the source as usual; nothing is ever written here: the build writes the caches
 * (build/code-cache.mjs). `require` is the caller's (for Node's own modules, any module's will do).
 */
export function requireCached(file: string, require: (id: string) => unknown): unknown {
  const source = readFileSync(file, 'utf8');
  const stamp = BUILD_STAMP.exec(source)?.[1] ?? null;
  const cached = readCache(file, stamp);
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
  const script = new Script(wrapped, { filename: file, ...(typeof cached === 'string' ? {} : { cachedData: cached }) });
  const cache = typeof cached === 'string' ? cached : script.cachedDataRejected ? 'rejected' : 'used';
  cachedLoads().push({ file, stamp, script, cache });
  const module = { exports: {} as unknown };
  const compiled = script.runInThisContext() as (...args: unknown[]) => void;
  compiled.call(module.exports, module.exports, require, module, file, dirname(file));
  return module.exports;
}
