import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseWatchFlags } from '../../src/cli/commands/watch.js';
import { UsageError } from '../../src/cli/usage.js';

const HERE = fileURLToPath(import.meta.url);
const FROM_SOURCE = HERE.endsWith('.ts');
const MAIN = fileURLToPath(new URL(`../../src/cli/main.${FROM_SOURCE ? 'ts' : 'js'}`, import.meta.url));

function repoRoot(): string {
  let dir = dirname(HERE);
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const CANARY_ACCESS = 'sk-ant-oat01-CANARY-watch-access-0000000000';
const CANARY_REFRESH = 'sk-ant-ort01-CANARY-watch-refresh-000000000';

/** Resolves with the first line that matches, or rejects after `ms` (a guard against hanging, not a speed check). */
function nextLine(
  lines: string[],
  wait: { notify?: () => void },
  match: (line: Record<string, unknown>) => boolean,
  ms: number,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching line; got:\n${lines.join('\n')}`)), ms);
    const look = (): void => {
      for (const line of lines) {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        if (match(parsed)) {
          clearTimeout(timer);
          wait.notify = undefined;
          resolve(parsed);
          return;
        }
      }
    };
    wait.notify = look;
    look();
  });
}

describe('watch command', () => {
  test('flags', () => {
    assert.deepEqual(parseWatchFlags(['--json', '--offline', '--timeout', '2000', '--interval', '5000']), {
      json: true,
      offline: true,
      timeoutMs: 2000,
      intervalMs: 5000,
      color: true,
      metrics: null,
      labels: {},
    });
    const served = parseWatchFlags(['--metrics', ':9464', '--label', 'host=ci-3']);
    assert.deepEqual([served.metrics, served.labels], [{ host: '127.0.0.1', port: 9464 }, { host: 'ci-3' }]);
    assert.throws(
      () => parseWatchFlags(['--metrics', 'example.com:1']),
      (e: unknown) => e instanceof UsageError && /IP address/.test(e.message),
    );
    assert.throws(
      () => parseWatchFlags(['--label', 'host=a']),
      (e: unknown) => e instanceof UsageError && /goes with --metrics/.test(e.message),
    );
    assert.equal(parseWatchFlags([]).intervalMs, 30 * 60_000);
    assert.throws(
      () => parseWatchFlags(['--interval', '10']),
      (e: unknown) => e instanceof UsageError && /--interval takes milliseconds/.test(e.message),
    );
    assert.throws(
      () => parseWatchFlags(['--only', 'x']),
      (e: unknown) => e instanceof UsageError,
    );
  });

  test('prints an NDJSON change line when the credentials file changes, and stops cleanly on SIGINT', { timeout: 60_000 }, async () => {
    const home = await mkdtemp(join(tmpdir(), 'cad-watch-'));
    const configDir = join(home, '.claude');
    const credentials = join(configDir, '.credentials.json');
    await mkdir(configDir);
    const login = {
      accessToken: CANARY_ACCESS,
      refreshToken: CANARY_REFRESH,
      expiresAt: Date.now() + 5 * 3_600_000,
      scopes: ['user:inference'],
      subscriptionType: 'pro',
    };
    await writeFile(credentials, JSON.stringify({ claudeAiOauth: login }), { mode: 0o600 });

    const child = spawn(
      process.execPath,
      [...(FROM_SOURCE ? ['--import', 'tsx'] : []), MAIN, 'watch', '--json', '--offline', '--timeout', '2000'],
      {
        cwd: repoRoot(),
        env: {
          PATH: process.env['PATH'],
          HOME: home,
          CLAUDE_CONFIG_DIR: configDir,
          CLAUDE_AUTH_DOCTOR_CLAUDE_BIN: join(home, 'no-claude-here'),
          ANTHROPIC_BASE_URL: 'http://127.0.0.1:9',
          CLAUDE_AUTH_DOCTOR_AUTH_URL: 'http://127.0.0.1:9',
          CLAUDE_AUTH_DOCTOR_STATUS_URL: 'http://127.0.0.1:9',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const lines: string[] = [];
    let stderr = '';
    const wait: { notify?: () => void } = {};
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      wait.notify?.();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('exit', (code, signal) => resolve([code, signal])),
    );

    try {
      const first = await nextLine(lines, wait, (l) => l['event'] === 'start', 30_000);
      const firstChanges = first['changed'] as { id: string; from: string | null; to: string }[];
      assert.deepEqual(
        firstChanges.find((c) => c.id === 'auth.credentials'),
        {
          id: 'auth.credentials',
          from: null,
          to: 'ok',
          summary: 'Login stored in ~/.claude/.credentials.json',
        },
      );
      assert.equal((first['report'] as { checks: unknown[] }).checks.length, 12);

      // A refresh that failed with invalid_grant empties the tokens: the watcher must notice.
      await writeFile(credentials, JSON.stringify({ claudeAiOauth: { ...login, accessToken: '', refreshToken: '', expiresAt: 0 } }), {
        mode: 0o600,
      });
      const change = await nextLine(lines, wait, (l) => l['event'] === 'credentials-change', 30_000);
      assert.equal(change['overall'], 'fail');
      assert.equal(change['report'], undefined, 'only the first line carries the whole report');
      const moved = (change['changed'] as { id: string; from: string; to: string }[]).map((c) => [c.id, c.from, c.to]);
      // Claude Code 2.1.332 treats emptied tokens as no login at all ("Not logged in"): the method
      // fails, the stored login says why, and the token check has no token left to look at.
      assert.deepEqual(moved, [
        ['auth.method', 'ok', 'fail'],
        ['auth.credentials', 'ok', 'fail'],
        ['auth.token', 'ok', 'skip'],
      ]);
      assert.match(String(change['at']), /^\d{4}-\d\d-\d\dT/);

      child.kill('SIGINT');
      let guard: NodeJS.Timeout | undefined;
      const [code, signal] = await Promise.race([
        exited,
        new Promise<never>((_, reject) => (guard = setTimeout(() => reject(new Error('watch did not exit after SIGINT')), 15_000))),
      ]).finally(() => clearTimeout(guard));
      assert.deepEqual([code, signal], [0, null], stderr);
      assert.ok(!lines.join('\n').includes('CANARY'), 'no token text in the output');
    } finally {
      child.kill('SIGKILL');
      await rm(home, { recursive: true, force: true });
    }
  });
});
