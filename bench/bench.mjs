// `npm run bench`: issue 5's numbers, printed as markdown (progress goes to stderr).
//   1, 2, 6  whole CLI processes against loopback worlds, side by side with `claude auth status`
//   3        worst cases: endpoints blackholed, DNS that never answers (network namespace)
//   4        cost growth: N slow probes through the engine, in-process
//   5        `watch` over a simulated hour
//   7        `explain` against the pinned Claude Code's own messages (build/claude-code-messages.mjs)
//   8        issue 13: the shell hook's added start time, `status`, `statusline` against `node -e 0`
// Needs a build (npm run bench builds first). Environment:
//   BENCH_RUNS=10          runs per CLI command (worst cases run half as many, at least 3)
//   BENCH_ONLY=cli,worst,fanout,watch,messages,shell   a subset of sections
//   BENCH_WATCH_HOURS=1    simulated hours for the watch section
//   BENCH_CLAUDE=skip | BENCH_CLAUDE_BIN=/path/to/claude   the Claude Code yardstick
// `node bench/bench.mjs --out file.md` also writes the markdown to a file.
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { benchCli } from './sections/cli.mjs';
import { benchFanOut } from './sections/fan-out.mjs';
import { benchMessages } from './sections/messages.mjs';
import { benchWatchHour } from './sections/watch-hour.mjs';
import { benchWorstCase } from './sections/worst-case.mjs';
import { benchShell } from './sections/shell.mjs';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS || 10));
const WORST_RUNS = Math.max(3, Math.ceil(RUNS / 2));
const ONLY = new Set((process.env.BENCH_ONLY || 'cli,worst,fanout,watch,messages,shell').split(',').map((s) => s.trim()));
const outIndex = process.argv.indexOf('--out');
const outFile = outIndex > 0 ? process.argv[outIndex + 1] : null;

const log = (text) => process.stderr.write(`bench: ${text}\n`);
const lines = [];
const print = (...more) => {
  for (const line of more) {
    lines.push(line);
    console.log(line);
  }
};

function commit() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return `${head}${dirty ? ' + uncommitted src changes' : ''}`;
  } catch {
    return 'unknown';
  }
}

const started = performance.now();
print(
  `Machine: ${cpus().length} × ${cpus()[0]?.model?.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Linux ${release()}, Node ${process.version}; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; BENCH_RUNS=${RUNS}`,
  '',
  `Tree: ${commit()}; load average at start ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')} (1 / 5 / 15 min).`,
  '',
);

const sections = [
  ['cli', () => benchCli({ runs: RUNS, log })],
  ['worst', () => benchWorstCase({ runs: WORST_RUNS, log })],
  ['fanout', () => benchFanOut({ log })],
  ['watch', () => benchWatchHour({ log })],
  ['messages', () => benchMessages({ log })],
  ['shell', () => benchShell({ runs: RUNS, log })],
];
let failed = 0;
for (const [name, section] of sections) {
  if (!ONLY.has(name)) continue;
  try {
    const { out } = await section();
    print(...out);
  } catch (error) {
    failed += 1;
    print(
      `_Section "${name}" failed: ${String(error?.stack ?? error)
        .split('\n')
        .slice(0, 3)
        .join(' ')}_`,
      '',
    );
  }
}
print(`_Bench took ${(Math.round((performance.now() - started) / 100) / 10).toFixed(1)} s._`);
if (outFile) writeFileSync(outFile, lines.join('\n') + '\n');
process.exitCode = failed ? 1 : 0;
