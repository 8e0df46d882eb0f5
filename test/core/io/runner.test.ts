import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createCommandRunner } from '../../../src/core/io/runner.js';

const POSIX = process.platform === 'win32' ? 'uses /bin/sh' : false;
const runner = createCommandRunner();

/** Running, not a zombie waiting for a reaper (a container's init may never reap one). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (!existsSync('/proc')) return true;
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('the command runner', { skip: POSIX }, () => {
  test('exit code, both streams and stdin', async () => {
    const result = await runner.run('/bin/sh', ['-c', 'read line; echo "out:$line"; echo err >&2; exit 3'], {
      timeoutMs: 5000,
      input: 'hi\n',
    });
    assert.deepEqual(result, { code: 3, stdout: 'out:hi\n', stderr: 'err\n', timedOut: false, spawnError: null });
  });

  test('a program that does not exist is a spawn error, not a throw', async () => {
    const result = await runner.run('/nonexistent/claude', [], { timeoutMs: 1000 });
    assert.equal(result.spawnError, 'ENOENT');
    assert.equal(result.code, null);
  });

  test('output past the cap is cut, and the program still finishes normally', async () => {
    const result = await runner.run('/bin/sh', ['-c', 'head -c 100000 /dev/zero; echo done >&2'], { timeoutMs: 5000, maxBytes: 1000 });
    assert.equal(result.code, 0);
    assert.equal(result.stdout.length, 1000);
    assert.equal(result.stderr, 'done\n');
  });

  test('a timeout kills the program and says so, even when a grandchild holds the pipes', async () => {
    const started = Date.now();
    const result = await runner.run('/bin/sh', ['-c', 'sleep 30 & echo started; wait'], { timeoutMs: 300 });
    assert.equal(result.timedOut, true);
    assert.equal(result.code, null);
    assert.equal(result.stdout, 'started\n');
    assert.ok(Date.now() - started < 5000, 'bounded by the timeout, not by the grandchild');
  });

  test('killGroup: the timeout kills background jobs too', async () => {
    const result = await runner.run('/bin/sh', ['-c', 'sleep 30 & echo $!; wait'], { timeoutMs: 300, killGroup: true });
    assert.equal(result.timedOut, true);
    const pid = Number(result.stdout.trim());
    assert.ok(pid > 0);
    for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(alive(pid), false, 'the background sleep was killed with its group');
  });
});
