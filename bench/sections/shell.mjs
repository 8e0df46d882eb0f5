// Issue 13's budgets: what the shell hook adds to an interactive shell's start, and what `status`,
// `statusline` and `hook check` cost, each as a ratio to starting Node itself (`node -e 0`),
// measured side by side (interleaved) on the same machine.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeWorld } from '../../dist/test/helpers/world.js';
import { measureInterleaved } from '../lib/process-runner.mjs';
import { median, num, ratio, spread, table } from '../lib/stats.mjs';

// The command as a user types it: package.json's bin (dist/cli/bin.cjs; main.js before issue 13's speed work).
const binOf = (root) => join(root, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin['claude-auth-doctor']);
const CLI = binOf(new URL('../..', import.meta.url).pathname);
// What the hook's snippet and Claude Code's statusLine run (hotCliArgv), when the build made it.
const HOT = new URL('../../dist/cli/hot.cjs', import.meta.url).pathname;
const has = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;
// BENCH_SHELL_BASE=/path/to/another/built/tree adds its rows, interleaved with these: a before → after on one machine at one time.
const BASE = process.env.BENCH_SHELL_BASE ? binOf(process.env.BENCH_SHELL_BASE) : null;

export async function benchShell({ runs, log }) {
  const world = await makeWorld({});
  const node = process.execPath;
  const bare = mkdtempSync(join(tmpdir(), 'cad-bench-bare-'));
  const hooked = mkdtempSync(join(tmpdir(), 'cad-bench-hook-'));
  const hookedBase = mkdtempSync(join(tmpdir(), 'cad-bench-hook-base-'));
  const used = mkdtempSync(join(tmpdir(), 'cad-bench-used-'));
  const out = [];
  try {
    // A full check first, so `status` and `statusline` find a fresh snapshot: run without blocking
    // this process, whose loopback servers must answer it (a blocked loop made it a failed check).
    // The base tree gets a data dir and a check of its own: its snapshot key may be another's.
    const baseData = join(world.env.CLAUDE_AUTH_DOCTOR_DATA_DIR, 'base');
    const fullCheck = (bin, env) =>
      new Promise((done) => execFile(node, [bin, 'check', '--json'], { env }, (error) => done(error?.code ?? 0)));
    log(`shell: a full check ${(await fullCheck(CLI, world.env)) === 0 ? 'passed' : 'did not pass'}, so status reads a fresh snapshot`);
    if (BASE) await fullCheck(BASE, { ...world.env, CLAUDE_AUTH_DOCTOR_DATA_DIR: baseData });
    const shells = ['bash', 'zsh', 'fish'].filter(has);
    for (const shell of shells) {
      execFileSync(node, [CLI, 'hook', 'install', '--shell', shell], { env: { ...world.env, HOME: hooked }, stdio: 'ignore' });
      if (BASE)
        execFileSync(node, [BASE, 'hook', 'install', '--shell', shell], { env: { ...world.env, HOME: hookedBase }, stdio: 'ignore' });
    }
    // The measured rows run without the world's NODE_EXTRA_CA_CERTS (the test CA its API servers
    // need, used above by the full check): Node 20 reads that file, and its own CA list, at every
    // start, which doubles `node -e 0` itself. Until issue 13's last pass the rows kept it, and the
    // inflated yardstick flattered every ratio. Two rows below show what it does to a shell start.
    const local = { ...world.env };
    delete local.NODE_EXTRA_CA_CERTS;
    const withCa = { NODE_EXTRA_CA_CERTS: world.env.NODE_EXTRA_CA_CERTS };
    const baseLocal = { ...local, CLAUDE_AUTH_DOCTOR_DATA_DIR: baseData };
    const specs = [
      { key: 'node', name: '`node -e 0` (the yardstick)', argv: [node, '-e', '0'], env: local },
      { key: 'node-ca', name: '`node -e 0`, NODE_EXTRA_CA_CERTS set', argv: [node, '-e', '0'], env: { ...local, ...withCa } },
      { key: 'status', name: 'status (fresh snapshot)', argv: [node, CLI, 'status'], env: local },
      { key: 'status-local', name: 'status --max-age 0 (local checks)', argv: [node, CLI, 'status', '--max-age', '0'], env: local },
      { key: 'statusline', name: 'statusline', argv: [node, CLI, 'statusline'], env: local },
      { key: 'hook-check', name: 'hook check', argv: [node, CLI, 'hook', 'check'], env: local },
    ];
    // Claude Code keeps per-project state in ~/.claude.json: on a machine used for months it is
    // hundreds of KB, where the world's holds one account. The hook's check reads and parses it.
    cpSync(world.env.CLAUDE_CONFIG_DIR, used, { recursive: true });
    writeFileSync(join(used, '.claude.json'), usedClaudeJson(readFileSync(join(used, '.claude.json'), 'utf8')));
    if (existsSync(HOT))
      specs.push(
        { key: 'hot-status', name: 'hot.cjs status', argv: [node, HOT, 'status'], env: local },
        { key: 'hot-statusline', name: 'hot.cjs statusline (what the statusLine runs)', argv: [node, HOT, 'statusline'], env: local },
        {
          key: 'hot-hook-check',
          name: 'hot.cjs hook check (what the snippet runs)',
          argv: [node, HOT, 'hook', 'check'],
          env: local,
        },
        {
          key: 'hot-hook-check-used',
          name: `hot.cjs hook check, a ${Math.round(statSync(join(used, '.claude.json')).size / 1024)} KB ~/.claude.json (300 projects)`,
          argv: [node, HOT, 'hook', 'check'],
          env: { ...local, CLAUDE_CONFIG_DIR: used },
        },
      );
    specs.push(
      { key: 'hook-print', name: 'hook bash (prints the snippet)', argv: [node, CLI, 'hook', 'bash'], env: local },
      { key: 'version', name: '--version (a command through the router)', argv: [node, CLI, '--version'], env: local },
    );
    if (BASE)
      specs.push(
        { key: 'base-status', name: 'base: status (fresh snapshot)', argv: [node, BASE, 'status'], env: baseLocal },
        { key: 'base-status-local', name: 'base: status --max-age 0', argv: [node, BASE, 'status', '--max-age', '0'], env: baseLocal },
        { key: 'base-statusline', name: 'base: statusline', argv: [node, BASE, 'statusline'], env: baseLocal },
        // As the base's own snippet ran it (before issue 13's last pass it passed --shell).
        { key: 'base-hook-check', name: 'base: hook check', argv: [node, BASE, 'hook', 'check', '--shell', 'bash'], env: baseLocal },
        { key: 'base-version', name: 'base: --version', argv: [node, BASE, '--version'], env: baseLocal },
      );
    for (const shell of shells) {
      specs.push(
        {
          key: `${shell}-bare`,
          name: `${shell} -i -c true, no hook`,
          argv: [shell, '-i', '-c', 'true'],
          env: { ...local, HOME: bare },
        },
        {
          key: `${shell}-hook`,
          name: `${shell} -i -c true, hook installed`,
          argv: [shell, '-i', '-c', 'true'],
          env: { ...local, HOME: hooked },
        },
      );
      if (BASE)
        specs.push({
          key: `${shell}-hook-base`,
          name: `base: ${shell} -i -c true, hook installed`,
          argv: [shell, '-i', '-c', 'true'],
          env: { ...local, HOME: hookedBase },
        });
    }
    if (shells.includes('bash'))
      specs.push(
        {
          key: 'bash-bare-ca',
          name: 'bash -i -c true, no hook, NODE_EXTRA_CA_CERTS set',
          argv: ['bash', '-i', '-c', 'true'],
          env: { ...local, ...withCa, HOME: bare },
        },
        {
          key: 'bash-hook-ca',
          name: 'bash -i -c true, hook installed, NODE_EXTRA_CA_CERTS set',
          argv: ['bash', '-i', '-c', 'true'],
          env: { ...local, ...withCa, HOME: hooked },
        },
      );
    // In a terminal: util-linux's script gives each command a pseudo-terminal (and costs its own
    // start, which its own `node -e 0` row carries too). Where a user types `status`.
    const quote = (arg) => `'${arg.replaceAll("'", "'\\''")}'`;
    const inTerminal = has('script')
      ? [
          ['term-node', '`node -e 0`', [node, '-e', '0']],
          ['term-status', 'status (fresh snapshot)', [node, CLI, 'status']],
          ['term-hook-check', 'hot.cjs hook check', [node, HOT, 'hook', 'check']],
        ].map(([key, name, argv]) => ({
          key,
          name: `in a terminal: ${name}`,
          argv: ['script', '-qec', argv.map(quote).join(' '), '/dev/null'],
          env: local,
        }))
      : [];
    specs.push(...inTerminal);
    // stdout a pipe, read and dropped, as a script or Claude Code's status line gives it: /dev/null
    // (the default) is a character device, which the hot commands must take for a possible terminal.
    for (const spec of specs) spec.pipe = true;
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
          [
            ...shells.flatMap((shell) =>
              (BASE ? ['', '-base'] : ['']).map((tree) => {
                const added = median(by(`${shell}-hook${tree}`).wall) - median(by(`${shell}-bare`).wall);
                return [tree ? `base: ${shell}` : shell, num(added), ratio(added, floor)];
              }),
            ),
            ...(by('bash-hook-ca')
              ? [
                  (() => {
                    const added = median(by('bash-hook-ca').wall) - median(by('bash-bare-ca').wall);
                    return ['bash, NODE_EXTRA_CA_CERTS set (the snippet empties it for the check)', num(added), ratio(added, floor)];
                  })(),
                ]
              : []),
          ],
        ),
        '',
        (BASE ? `Rows marked base: the tree at ${process.env.BENCH_SHELL_BASE}, interleaved with these. ` : '') +
          '`hook install` writes the snippet itself into the rc file: one Node start (`hot.cjs hook check`) per interactive shell; a non-interactive shell (scp, rsync, `ssh host cmd`) starts none. The documented `eval "$(claude-auth-doctor hook bash)"` adds the `hook bash` row on top. Rows without `hot.cjs` run the bin named in package.json, as a user typing the command does.',
        '',
      );
    if (by('term-node'))
      out.push(
        table(
          ['in a terminal (script -qec)', 'wall ms, median (min–max)', 'ratio to `node -e 0` in a terminal'],
          inTerminal.map(({ key, name }) => [name, spread(by(key).wall), ratio(median(by(key).wall), median(by('term-node').wall))]),
        ),
        '',
      );
    return { out, rows };
  } finally {
    await world.close();
    rmSync(bare, { recursive: true, force: true });
    rmSync(hooked, { recursive: true, force: true });
    rmSync(hookedBase, { recursive: true, force: true });
    rmSync(used, { recursive: true, force: true });
  }
}

/** The world's ~/.claude.json with 300 projects in it, shaped as Claude Code writes them (2-space JSON). */
function usedClaudeJson(text) {
  const projects = {};
  for (let i = 0; i < 300; i++)
    projects[`/home/jane/src/project-${i}`] = {
      allowedTools: [],
      history: Array.from({ length: 10 }, (_, k) => ({
        display: `a prompt of some length, number ${k} ${'.'.repeat(60)}`,
        pastedContents: {},
      })),
      mcpContextUris: [],
      mcpServers: {},
      enabledMcpjsonServers: [],
      disabledMcpjsonServers: [],
      hasTrustDialogAccepted: true,
      projectOnboardingSeenCount: 1,
      exampleFiles: ['src/index.ts', 'src/app.ts'],
      lastCost: 0.1234,
      lastDuration: 123456,
      lastSessionId: '00000000-1111-2222-3333-444444444444',
    };
  return JSON.stringify({ ...JSON.parse(text), numStartups: 512, projects }, null, 2);
}
