/**
 * No side effects, as a rule of the engine: a whole check, watch, report, explain and a dry-run fix
 * against logins exactly as Claude Code 2.1.332 writes them, counting every request by path and
 * every run of `claude` by argv, and comparing Claude Code's files (bytes, mode, mtime) before and
 * after. `claude auth status` would refresh an expired token and rewrite the credentials file; the
 * doctor must do neither, nor run any `claude` sub-command but `--version`.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { cliCommand, runCli } from '../helpers/cli.js';
import { STUB_CLAUDE_SKIP } from '../helpers/stub-claude.js';
import { makeWorld, oauthCredentials, type World } from '../helpers/world.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface FileState {
  readonly sha256: string;
  readonly mode: number;
  readonly mtimeMs: number;
}

/** Every file under dir, by relative path (the doctor's own data dir and the test's run log left out). */
async function snapshot(dir: string, skip: readonly string[]): Promise<Map<string, FileState>> {
  const out = new Map<string, FileState>();
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (skip.includes(relative(dir, path))) continue;
      if (entry.isDirectory()) await walk(path);
      else {
        const info = await stat(path);
        const sha256 = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
        out.set(relative(dir, path), { sha256, mode: info.mode, mtimeMs: info.mtimeMs });
      }
    }
  };
  await walk(dir);
  return out;
}

/** Runs `watch --json` until its first line, then SIGINT; returns the exit code. */
async function watchOnce(env: NodeJS.ProcessEnv): Promise<number | null> {
  const { file, args } = cliCommand();
  const child = spawn(file, [...args, 'watch', '--json', '--timeout', '8000'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const killer = setTimeout(() => child.kill('SIGKILL'), 45_000);
  try {
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', () => resolve());
      child.once('exit', () => reject(new Error('watch exited before its first line')));
    });
    child.kill('SIGINT');
    return await exited;
  } finally {
    clearTimeout(killer);
  }
}

/** Each login, and whether the token is asked about online (an expired one is judged from its file: only a refresh could test it). */
const LOGINS: Record<string, { readonly login: () => object; readonly asked: boolean }> = {
  'a fresh sign-in': { login: () => oauthCredentials(), asked: true },
  'an expired access token with a refresh token (auth status would refresh it)': {
    login: () => oauthCredentials({ expiresAt: Date.now() - 2 * HOUR, refreshTokenExpiresAt: Date.now() + 20 * DAY }),
    asked: false,
  },
  'a login two days from its time limit': { login: () => oauthCredentials({ refreshTokenExpiresAt: Date.now() + 2 * DAY }), asked: true },
};

describe('no side effects: check, watch, report, explain and fix --dry-run leave Claude Code alone', { skip: STUB_CLAUDE_SKIP }, () => {
  const worlds: World[] = [];
  after(async () => {
    for (const w of worlds) {
      await w.close();
      await rm(w.home, { recursive: true, force: true });
    }
  });

  for (const [name, { login, asked }] of Object.entries(LOGINS)) {
    test(name, { timeout: 180_000 }, async () => {
      const world = await makeWorld({ credentials: login(), recordClaudeRuns: true });
      worlds.push(world);
      const out = await mkdtemp(join(tmpdir(), 'cad-side-effects-'));
      const skip = ['doctor-data', 'claude-runs.log'];
      const before = await snapshot(world.home, skip);
      const credentialsBefore = before.get('.claude/.credentials.json');
      assert.ok(credentialsBefore, 'the world has a credentials file');
      assert.equal(credentialsBefore.mode & 0o777, 0o600);

      const runs: [string, number][] = [];
      const counted = async (label: string, run: () => Promise<number | null>): Promise<void> => {
        const requestsBefore = world.apiRequests().length;
        const code = await run();
        assert.notEqual(code, 3, `${label} did not fail as a program`);
        runs.push([label, world.apiRequests().length - requestsBefore]);
      };
      try {
        await counted('check', async () => (await runCli(['check'], { env: world.env })).code);
        await counted('check --json', async () => (await runCli(['check', '--json'], { env: world.env })).code);
        await counted('check --offline', async () => (await runCli(['check', '--offline'], { env: world.env })).code);
        await counted('report', async () => (await runCli(['report', '--out', join(out, 'bundle.json')], { env: world.env })).code);
        await counted('explain', async () => (await runCli(['explain', 'auth.token'], { env: world.env })).code);
        await counted('fix --dry-run', async () => (await runCli(['fix', '--dry-run', '--yes'], { env: world.env })).code);
        await counted('watch', () => watchOnce(world.env));
      } finally {
        await rm(out, { recursive: true, force: true });
      }

      // Claude Code's files: not one byte, mode or mtime changed; nothing created (no lock, no backup).
      const afterwards = await snapshot(world.home, skip);
      assert.deepEqual([...afterwards.keys()].sort(), [...before.keys()].sort(), 'no file created or removed under HOME');
      for (const [path, state] of before) assert.deepEqual(afterwards.get(path), state, `${path} untouched`);

      // `claude` ran only as `claude --version`: never `auth status`, which refreshes and rewrites.
      const claudeRuns = await world.claudeRuns();
      assert.ok(claudeRuns.length >= 1, 'the install check did run claude');
      assert.deepEqual([...new Set(claudeRuns)], ['--version']);

      // Requests by path: never the token endpoint; at most one token question per run.
      const byPath = new Map<string, number>();
      for (const r of world.apiRequests()) byPath.set(r.path.split('?')[0] ?? '', (byPath.get(r.path.split('?')[0] ?? '') ?? 0) + 1);
      assert.ok(![...byPath.keys()].some((p) => /oauth\/token|\/token$/.test(p)), JSON.stringify([...byPath]));
      assert.deepEqual([...byPath.keys()], asked ? ['/api/oauth/profile'] : [], 'only the profile is asked');
      const one = asked ? 1 : 0;
      assert.deepEqual(Object.fromEntries(runs), {
        check: one,
        'check --json': one,
        'check --offline': 0,
        report: one,
        explain: 0,
        'fix --dry-run': one,
        watch: one,
      });
      assert.ok(world.statusRequests().every((p) => p.startsWith('/api/v2/summary.json')));
      assert.ok(world.apiRequests().every((r) => r.authorization?.startsWith('Bearer ') === true));
    });
  }
});
