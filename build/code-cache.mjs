// Writes the V8 code caches of the hot bundles (dist/cli/hot-hook.cjs, hot-code.cjs, hot-local.cjs):
// runs `hook check` and `status` once each, in a child process with a throwaway home holding a
// made-up login (never the builder's own files or variables), so that the functions a shell start
// and a status call are compiled, then
// saves each file's compiled code beside it, behind the file's build stamp (src/cli/code-cache.ts
// reads them). Nothing runs over the network; a failure here leaves the build without caches,
// which only makes the hot commands as slow as before, so it warns instead of failing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const DAY_MS = 24 * 60 * 60 * 1000;

export async function makeCodeCaches(dir) {
  const home = mkdtempSync(join(tmpdir(), 'cad-code-cache-'));
  try {
    mkdirSync(join(home, '.claude'), { mode: 0o700 });
    // A login that ends in two days: the warm-up also walks the lines a shell start prints.
    const login = {
      claudeAiOauth: {
        accessToken: 'sk-ant-oat01-warm-up-not-a-token',
        refreshToken: 'sk-ant-ort01-warm-up-not-a-token',
        expiresAt: Date.now() + 3600_000,
        refreshTokenExpiresAt: Date.now() + 2 * DAY_MS,
        scopes: ['user:inference', 'user:profile'],
        subscriptionType: 'pro',
      },
    };
    writeFileSync(join(home, '.claude', '.credentials.json'), JSON.stringify(login), { mode: 0o600 });
    // `hook check` writes hot-hook.cjs's cache; `status`, without a snapshot, hot-code.cjs's and hot-local.cjs's.
    for (const command of [['hook', 'check', '--deadline', '30000'], ['status']]) {
      const run = spawnSync(process.execPath, [new URL('./warm-code-cache.mjs', import.meta.url).pathname, resolve(dir), ...command], {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, USER: 'builder', LANG: 'C' },
        cwd: home,
        encoding: 'utf8',
        timeout: 60_000,
      });
      // The command's own exit code is its verdict on the made-up login (status: 1 for a warning), not a failure here.
      if (!/^cached \S/m.test(run.stdout ?? ''))
        console.warn(`code cache: not written for ${command[0]} (${run.error?.message ?? (run.stderr?.trim() || `exit ${run.status}`)})`);
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
