// Issue 13's budgets: what the shell hook adds to an interactive shell's start, and what `status`,
// `statusline` and `hook check` cost, each as a ratio to starting Node itself (`node -e 0`),
// measured side by side (interleaved) on the same machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeWorld } from '../../dist/test/helpers/world.js';
import { measureInterleaved } from '../lib/process-runner.mjs';
import { median, num, ratio, spread, table } from '../lib/stats.mjs';

const CLI = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const has = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;

export async function benchShell({ runs, log }) {
  const world = await makeWorld({});
  const node = process.execPath;
  const bare = mkdtempSync(join(tmpdir(), 'cad-bench-bare-'));
  const hooked = mkdtempSync(join(tmpdir(), 'cad-bench-hook-'));
  const out = [];
  try {
    // A full check first, so `status` and `statusline` find a fresh snapshot.
    // (its exit code says what it found; any full check saves the snapshot)
    spawnSync(node, [CLI, 'check', '--json'], { env: world.env, stdio: 'ignore' });
    const shells = ['bash', 'zsh', 'fish'].filter(has);
    for (const shell of shells)
      execFileSync(node, [CLI, 'hook', 'install', '--shell', shell], { env: { ...world.env, HOME: hooked }, stdio: 'ignore' });
    const specs = [
      { key: 'node', name: '`node -e 0` (the yardstick)', argv: [node, '-e', '0'], env: world.env },
      { key: 'status', name: 'status (fresh snapshot)', argv: [node, CLI, 'status'], env: world.env },
      { key: 'status-local', name: 'status --max-age 0 (local checks)', argv: [node, CLI, 'status', '--max-age', '0'], env: world.env },
      { key: 'statusline', name: 'statusline', argv: [node, CLI, 'statusline'], env: world.env },
      { key: 'hook-check', name: 'hook check (what the snippet runs)', argv: [node, CLI, 'hook', 'check'], env: world.env },
      { key: 'hook-print', name: 'hook bash (prints the snippet)', argv: [node, CLI, 'hook', 'bash'], env: world.env },
    ];
    for (const shell of shells) {
      specs.push(
        {
          key: `${shell}-bare`,
          name: `${shell} -i -c true, no hook`,
          argv: [shell, '-i', '-c', 'true'],
          env: { ...world.env, HOME: bare },
        },
        {
          key: `${shell}-hook`,
          name: `${shell} -i -c true, hook installed`,
          argv: [shell, '-i', '-c', 'true'],
          env: { ...world.env, HOME: hooked },
        },
      );
    }
    log(`shell: ${specs.length} commands × ${runs} runs, interleaved…`);
    const rows = await measureInterleaved(specs, runs);
    const by = (key) => rows.find((r) => r.key === key);
    const floor = median(by('node').wall);
    out.push(
      '### Shell start, `status`, `statusline` (issue 13; budget ≤ 1.3× `node -e 0`)',
      '',
      table(
        ['command', 'runs', 'wall ms, median (min–max)', 'ratio to `node -e 0`', 'exit'],
        rows.map((r) => [r.name, r.samples.length, spread(r.wall), ratio(median(r.wall), floor), r.exits]),
      ),
      '',
    );
    if (shells.length > 0)
      out.push(
        table(
          ['shell', 'added by the hook, ms (median with − median without)', 'added / `node -e 0`'],
          shells.map((shell) => {
            const added = median(by(`${shell}-hook`).wall) - median(by(`${shell}-bare`).wall);
            return [shell, num(added), ratio(added, floor)];
          }),
        ),
        '',
        '`hook install` writes the snippet itself into the rc file: one Node start (`hook check`) per interactive shell; a non-interactive shell (scp, rsync, `ssh host cmd`) starts none. The documented `eval "$(claude-auth-doctor hook bash)"` adds the `hook bash` row on top.',
        '',
      );
    return { out, rows };
  } finally {
    await world.close();
    rmSync(bare, { recursive: true, force: true });
    rmSync(hooked, { recursive: true, force: true });
  }
}
