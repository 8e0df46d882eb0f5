/**
 * endNow (src/cli/end-now.ts), what the shell hook's check ends with past its deadline: the process
 * goes at once even while one of libuv's threads is stuck in a call that does not return (here an
 * open of a FIFO nobody writes to, standing in for a stat on a hung network home).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const endNowModule = new URL(`../../src/cli/end-now.${here.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url).href;
const loader = here.endsWith('.ts') ? ['--import', 'tsx'] : [];
const posixOnly = process.platform === 'win32' ? { skip: 'FIFOs are POSIX' } : {};

const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Runs `ending` in a child whose thread pool is stuck on a FIFO; resolves how it ended, or 'still running' after `waitMs`. */
async function stuckThenEnd(ending: string, waitMs: number): Promise<{ how: string; ms: number; stdout: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'cad-end-now-'));
  dirs.push(dir);
  const fifo = join(dir, 'nobody-writes');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
  const script = join(dir, 'child.mjs');
  await writeFile(
    script,
    `import { open } from 'node:fs';
import { endNow } from ${JSON.stringify(endNowModule)};
open(${JSON.stringify(fifo)}, 'r', () => console.log('opened'));
setTimeout(() => { ${ending}; }, 50);
`,
  );
  const started = Date.now();
  const child = spawn(process.execPath, [...loader, script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ how: 'still running', ms: Date.now() - started, stdout });
    }, waitMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ how: signal ?? `exit ${code}`, ms: Date.now() - started, stdout });
    });
  });
}

describe('endNow', () => {
  test('ends the process at once, by SIGKILL, with a thread stuck in the kernel', posixOnly, async (t) => {
    const ended = await stuckThenEnd('endNow()', 10_000);
    assert.equal(ended.how, 'SIGKILL');
    assert.equal(ended.stdout, '');
    assert.ok(ended.ms < 5000, `ended after ${ended.ms} ms`);
    // What it is for: Node's own exit waits for that thread (said, not asserted: a later Node may stop waiting).
    const exited = await stuckThenEnd('process.exit(0)', 1500);
    t.diagnostic(`process.exit with the same stuck thread: ${exited.how} after ${exited.ms} ms`);
  });
});
