// Claude Code itself, as the yardstick: installed on demand into bench/.tools (gitignored) at a
// pinned version, from the npm registry. It ships its native binary as an optionalDependency;
// the package's postinstall copies it over bin/claude.exe, and the platform package's own copy is
// the fallback. Anything that goes wrong ends as { bin: null, why } and the bench skips the rows.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Pinned so the comparison means the same thing on every re-run. From 2.1.198 the package declares
 * Node >= 22: an unpinned `npm install` on Node 20 quietly resolves to 2.1.197, so always pin.
 */
export const CLAUDE_CODE_VERSION = '2.1.332';
const TOOLS = new URL('../.tools/', import.meta.url).pathname;
const PKG = join(TOOLS, 'node_modules/@anthropic-ai/claude-code');

function installedVersion() {
  try {
    return JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

function platformPackage() {
  const musl = process.platform === 'linux' && !process.report?.getReport()?.header?.glibcVersionRuntime;
  return `claude-code-${process.platform}-${process.arch}${musl ? '-musl' : ''}`;
}

async function version(bin) {
  try {
    const { stdout } = await run(bin, ['--version'], {
      timeout: 30_000,
      env: { PATH: '/usr/bin:/bin', HOME: TOOLS, DISABLE_AUTOUPDATER: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' },
    });
    return /\(Claude Code\)/.test(stdout) ? stdout.trim() : null;
  } catch {
    return null;
  }
}

/** Resolves { bin, version } or { bin: null, why }. BENCH_CLAUDE_BIN picks a binary; BENCH_CLAUDE=skip skips. */
export async function findClaudeCode(log) {
  if (process.env.BENCH_CLAUDE === 'skip') return { bin: null, why: 'BENCH_CLAUDE=skip' };
  if (process.env.BENCH_CLAUDE_BIN) {
    const v = await version(process.env.BENCH_CLAUDE_BIN);
    return v
      ? { bin: process.env.BENCH_CLAUDE_BIN, version: v }
      : { bin: null, why: `BENCH_CLAUDE_BIN=${process.env.BENCH_CLAUDE_BIN} does not run` };
  }
  if (installedVersion() !== CLAUDE_CODE_VERSION) {
    log(`Installing @anthropic-ai/claude-code@${CLAUDE_CODE_VERSION} into bench/.tools (once)…`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const args = ['install', '--prefix', TOOLS, '--no-save', '--no-package-lock', '--no-audit', '--no-fund'];
    try {
      await run(npm, [...args, `@anthropic-ai/claude-code@${CLAUDE_CODE_VERSION}`], { timeout: 300_000, maxBuffer: 16 << 20 });
    } catch (error) {
      const text = `${error.stderr ?? ''}${error.message ?? ''}`.trim().split('\n').slice(-3).join(' ');
      return { bin: null, why: `npm install failed: ${text.slice(0, 300)}` };
    }
  }
  const candidates = [join(PKG, 'bin/claude.exe'), join(TOOLS, 'node_modules/@anthropic-ai', platformPackage(), 'claude')];
  for (const bin of candidates.filter((c) => existsSync(c))) {
    const v = await version(bin);
    if (v) return { bin, version: v };
  }
  return { bin: null, why: `no runnable claude binary in bench/.tools (tried ${candidates.join(', ')})` };
}
