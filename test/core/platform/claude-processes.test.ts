import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileSystem } from '../../../src/core/io/fs.js';
import { createCommandRunner } from '../../../src/core/io/runner.js';
import type { PlatformDeps } from '../../../src/core/platform/adapter.js';
import { countClaudeProcesses } from '../../../src/core/platform/claude-processes.js';
import { replayRunner, type Reply } from './recorded.js';

function deps(overrides: Partial<PlatformDeps> = {}): PlatformDeps {
  return {
    runner: createCommandRunner(),
    fs: createFileSystem(),
    env: {},
    homeDir: '/nonexistent-home',
    interfaces: () => [],
    ...overrides,
  };
}

const onLinux = process.platform === 'linux' ? false : 'reads /proc: Linux only';

describe('countClaudeProcesses', () => {
  test('Linux: counts real processes named claude of this user, and only those', { skip: onLinux }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cad-procs-'));
    const children: ChildProcess[] = [];
    try {
      const claude = join(dir, 'claude');
      const other = join(dir, 'claude-helper');
      await copyFile('/bin/sleep', claude);
      await copyFile('/bin/sleep', other);
      const before = await countClaudeProcesses('linux', deps(), 2000);
      assert.ok(before !== null);
      for (const file of [claude, claude, other]) children.push(spawn(file, ['60'], { stdio: 'ignore' }));
      await Promise.all(children.map((c) => new Promise((resolve) => c.once('spawn', resolve))));
      assert.equal(await countClaudeProcesses('linux', deps(), 2000), before + 2);
      // Another user's processes do not count (a uid nobody runs as).
      assert.equal(await countClaudeProcesses('linux', deps({ uid: 2_147_483_000 }), 2000), 0);
    } finally {
      for (const c of children) c.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('macOS: ps -x command names, full paths and the npm title alike', async () => {
    const ps: Reply = {
      code: 0,
      stdout: '/Applications/iTerm.app/Contents/MacOS/iTerm2\n-zsh\nclaude\n/Users/ada/.local/bin/claude\nclaude-helper\n/usr/bin/ssh\n',
      stderr: '',
    };
    const runner = replayRunner(ps);
    assert.equal(await countClaudeProcesses('darwin', deps({ runner }), 2000), 2);
    assert.deepEqual(runner.calls[0]?.args, ['-x', '-o', 'comm=']);
    assert.equal(await countClaudeProcesses('darwin', deps({ runner: replayRunner('timeout') }), 2000), null);
  });

  test('Windows: tasklist CSV rows of claude.exe; the "no tasks" line counts none', async () => {
    const rows: Reply = {
      code: 0,
      stdout: '"claude.exe","4242","Console","1","120,000 K"\r\n"claude.exe","4343","Console","1","98,000 K"\r\n',
      stderr: '',
    };
    assert.equal(await countClaudeProcesses('win32', deps({ runner: replayRunner(rows) }), 2000), 2);
    const none: Reply = { code: 0, stdout: 'INFO: No tasks are running which match the specified criteria.\r\n', stderr: '' };
    assert.equal(await countClaudeProcesses('win32', deps({ runner: replayRunner(none) }), 2000), 0);
    assert.equal(await countClaudeProcesses('win32', deps({ runner: replayRunner('enoent') }), 2000), null);
  });
});
