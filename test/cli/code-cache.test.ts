/**
 * The hot bundles' V8 code caches (src/cli/code-cache.ts, written by build/code-cache.mjs): the
 * build's caches are taken by this Node, a cache from another build or one V8 refuses is left
 * alone, and what the commands print does not depend on whether a cache was used.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_STAMP, cacheFileOf } from '../../src/cli/code-cache.js';
import { runNode } from '../helpers/cli.js';
import { loginHome, type LoginHome } from '../helpers/login-home.js';

const DAY = 86_400_000;
const FROM_SOURCE = fileURLToPath(import.meta.url).endsWith('.ts');
const built = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const needsBuild = FROM_SOURCE
  ? { skip: 'the caches belong to the build: npm run build, then node --test dist/test/cli/code-cache.test.js' }
  : {};
/** The bundles with a code cache: `hook check`'s own, and `status`/`statusline` with the local checks they load when needed. */
const CACHED = ['hot-hook.cjs', 'hot-code.cjs', 'hot-local.cjs'];
const HOT_FILES = ['hot.cjs', ...CACHED];

const temps: string[] = [];
after(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});
async function temp(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** A copy of the hot bundles (with their caches unless told otherwise) in a folder of their own. */
async function copyOfHot(withCaches: boolean): Promise<string> {
  const dir = await temp('cad-hot-copy-');
  for (const file of HOT_FILES) await copyFile(built(`cli/${file}`), join(dir, file));
  if (withCaches) for (const file of CACHED) await copyFile(cacheFileOf(built(`cli/${file}`)), cacheFileOf(join(dir, file)));
  return dir;
}

// Prints, as the process exits, what became of each cache (the registry code-cache.ts keeps).
const REPORTER = `process.on('exit', () => process.stderr.write('\\nloads ' + JSON.stringify((globalThis[Symbol.for('claude-auth-doctor.code-cache')] ?? []).map((l) => [require('node:path').basename(l.file), l.cache])) + '\\n'));`;

interface HotRun {
  readonly stdout: string;
  readonly code: number | null;
  readonly loads: Record<string, string>;
}

/** A hot command as the snippet and the status line run it (node, hot.cjs), in `h`, with the reporter preloaded; NODE_OPTIONS cleared (flags change V8's verdict). */
async function hot(dir: string, h: LoginHome, args: readonly string[]): Promise<HotRun> {
  const reporter = join(dir, 'reporter.cjs');
  await writeFile(reporter, REPORTER);
  const env = { ...h.env, NODE_OPTIONS: '' };
  const argv = ['--require', reporter, join(dir, 'hot.cjs'), ...args];
  const done = await runNode(argv, { env });
  const loads = /^loads (.*)$/m.exec(done.stderr)?.[1];
  assert.ok(loads, `no report of the loads: ${done.stderr}`);
  return { stdout: done.stdout, code: done.code, loads: Object.fromEntries(JSON.parse(loads) as [string, string][]) };
}
const hookCheck = (dir: string, h: LoginHome): Promise<HotRun> => hot(dir, h, ['hook', 'check', '--deadline', '10000']);

describe('the hot bundles’ code caches', () => {
  test('the build stamps each bundle and writes its cache behind the same stamp', needsBuild, async () => {
    for (const file of CACHED) {
      const stamp = BUILD_STAMP.exec(await readFile(built(`cli/${file}`), 'utf8'))?.[1];
      assert.ok(stamp, `${file} starts with the build stamp`);
      const cache = await readFile(cacheFileOf(built(`cli/${file}`)));
      assert.equal(cache.toString('latin1', 0, 16), stamp, `${file}.v8cache is this build's`);
      assert.ok(cache.length > 10_000, `${file}.v8cache holds compiled code (${cache.length} bytes)`);
    }
  });

  test(
    'a shell start on this Node compiles nothing: its one bundle’s cache is used, and what it prints is what it prints without it',
    needsBuild,
    async () => {
      const h = await loginHome('cad-cache-home-', 2 * DAY);
      temps.push(h.home);
      const cached = await hookCheck(await copyOfHot(true), h);
      assert.deepEqual(cached.loads, { 'hot-hook.cjs': 'used' });
      assert.match(cached.stdout, /^▲ Claude Code's login ends in 1 d 23 h/);
      const plain = await hookCheck(await copyOfHot(false), h);
      assert.deepEqual(plain.loads, { 'hot-hook.cjs': 'none' });
      assert.deepEqual({ stdout: plain.stdout, code: plain.code }, { stdout: cached.stdout, code: cached.code });
    },
  );

  test('`status` without a fresh snapshot runs the local checks from cache too: hot-code.cjs, then hot-local.cjs', needsBuild, async () => {
    const h = await loginHome('cad-cache-home-', 2 * DAY);
    temps.push(h.home);
    const cached = await hot(await copyOfHot(true), h, ['status']);
    assert.deepEqual(cached.loads, { 'hot-code.cjs': 'used', 'hot-local.cjs': 'used' });
    assert.match(cached.stdout, /local checks only/);
    const plain = await hot(await copyOfHot(false), h, ['status']);
    assert.deepEqual(plain.loads, { 'hot-code.cjs': 'none', 'hot-local.cjs': 'none' });
    // The two runs are moments apart: a duration may have crossed a minute.
    const durations = (text: string): string => text.replace(/\d+ (d|h|m|s)\b/g, 'N $1');
    assert.deepEqual({ stdout: durations(plain.stdout), code: plain.code }, { stdout: durations(cached.stdout), code: cached.code });
  });

  test('a cache from another build is not used (a bundle rebuilt, or edited, keeps its old cache beside it)', needsBuild, async () => {
    const h = await loginHome('cad-cache-home-', 2 * DAY);
    temps.push(h.home);
    const dir = await copyOfHot(true);
    const file = join(dir, 'hot-hook.cjs');
    const text = await readFile(file, 'utf8');
    const stamp = BUILD_STAMP.exec(text)?.[1] ?? '';
    const other = stamp.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    await writeFile(file, text.replace(`// cad-build ${stamp}`, `// cad-build ${other}`));
    const stale = await hookCheck(dir, h);
    assert.deepEqual(stale.loads, { 'hot-hook.cjs': 'stale' });
    assert.match(stale.stdout, /^▲ Claude Code's login ends in 1 d 23 h/);
  });

  test('a damaged cache V8 refuses is left, and the bundle compiles from its source', needsBuild, async () => {
    const h = await loginHome('cad-cache-home-', 2 * DAY);
    temps.push(h.home);
    const dir = await copyOfHot(true);
    const cache = cacheFileOf(join(dir, 'hot-hook.cjs'));
    const bytes = await readFile(cache);
    await writeFile(cache, Buffer.concat([bytes.subarray(0, 16), Buffer.alloc(bytes.length - 16, 0x5a)]));
    const refused = await hookCheck(dir, h);
    assert.deepEqual(refused.loads, { 'hot-hook.cjs': 'rejected' });
    assert.match(refused.stdout, /^▲ Claude Code's login ends in 1 d 23 h/);
  });
});
