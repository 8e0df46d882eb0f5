// Whole-process measurements: wall time from this process's clock (spawn to exit), peak RSS and
// CPU time from GNU time's wait4() rusage. Peak RSS is the largest single process of the tree
// (the kernel keeps the max, not the sum), so a check that spawns `claude` reports whichever of
// the two peaked higher.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const MARK = '__BENCH__';
const KILL_AFTER_MS = 120_000;

/**
 * Runs argv once. `prefix` goes before the program (e.g. ["ip", "netns", "exec", name]).
 * Resolves { code, wallMs, rssMiB, cpuS, stdout }; never rejects for a non-zero exit. stdout is
 * /dev/null unless `keepStdout` (kept) or `pipe` (a pipe, read and dropped: what a script or
 * Claude Code's status line gives a command; Node takes /dev/null, a character device, for a
 * possible terminal).
 */
export function runOnce(argv, env, { prefix = [], keepStdout = false, pipe = false } = {}) {
  return new Promise((resolve, reject) => {
    const command = [...prefix, ...argv];
    const [file, args] = GNU_TIME ? [GNU_TIME, ['-f', `${MARK} %M %U %S`, ...command]] : [command[0], command.slice(1)];
    const started = process.hrtime.bigint();
    const out = keepStdout || pipe ? 'pipe' : 'ignore';
    const child = spawn(file, args, { env, stdio: ['ignore', out, 'pipe'], timeout: KILL_AFTER_MS });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => {
      if (keepStdout) stdout += d;
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const m = new RegExp(`${MARK} (\\d+) ([\\d.]+) ([\\d.]+)`).exec(stderr);
      const tail = stderr.replace(new RegExp(`${MARK}.*\\n?`), '').trim();
      resolve({
        code: code ?? signal,
        wallMs,
        rssMiB: m ? Number(m[1]) / 1024 : NaN,
        cpuS: m ? Number(m[2]) + Number(m[3]) : NaN,
        stdout,
        stderr: tail,
      });
    });
  });
}

/**
 * Measures several commands side by side: one warm-up each (not counted), then `runs` rounds,
 * each round running every command once in turn, so drift on a busy machine hits all alike.
 */
export async function measureInterleaved(specs, runs) {
  const rows = specs.map((spec) => ({ ...spec, samples: [], first: null }));
  for (const row of rows) row.first = await runOnce(row.argv, row.env, { prefix: row.prefix, keepStdout: true });
  for (let i = 0; i < runs; i++) {
    for (const row of rows) row.samples.push(await runOnce(row.argv, row.env, { prefix: row.prefix, pipe: row.pipe }));
  }
  return rows.map((row) => ({
    ...row,
    wall: row.samples.map((s) => s.wallMs),
    rss: row.samples.map((s) => s.rssMiB),
    cpu: row.samples.map((s) => s.cpuS),
    exits: [...new Set(row.samples.map((s) => s.code))].join(', '),
  }));
}
