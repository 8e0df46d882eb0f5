// `npm run bench`: whole-process wall time and peak memory of the CLI against loopback worlds,
// median and spread over repeated runs. Numbers go to docs/BENCHMARKS.md by hand, with the machine
// and date; this script prints the table. Needs a build (npm run build) and /usr/bin/time for RSS.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { makeWorld } from '../dist/test/helpers/world.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const CLI = new URL('../dist/src/cli/main.js', import.meta.url).pathname;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function once(args, env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const [file, argv] = TIME ? [TIME, ['-f', '__RSS_KB=%M', process.execPath, CLI, ...args]] : [process.execPath, [CLI, ...args]];
    const child = spawn(file, argv, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const rss = /__RSS_KB=(\d+)/.exec(stderr);
      resolve({ code, wallMs, rssMiB: rss ? Number(rss[1]) / 1024 : NaN });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (xs, unit, digits = 0) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${median(s).toFixed(digits)} ${unit} (min ${s[0].toFixed(digits)}, max ${s.at(-1).toFixed(digits)})`;
};

async function measure(name, args, env, runs = RUNS) {
  await once(args, env); // warm the file cache once; not counted
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await once(args, env));
  const row = { name, runs, exit: results[0].code, wall: results.map((r) => r.wallMs), rss: results.map((r) => r.rssMiB) };
  console.log(`| ${name} | ${runs} | ${fmt(row.wall, 'ms')} | ${TIME ? fmt(row.rss, 'MiB', 1) : 'n/a'} | ${row.exit} |`);
  return row;
}

const healthy = await makeWorld({});
const blackholed = await makeWorld({ api: 'blackhole', status: 'blackhole' });
console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
);
console.log('');
console.log('| command | runs | wall time, median (min, max) | peak RSS, median (min, max) | exit |');
console.log('|---|---|---|---|---|');
const rows = [];
rows.push(await measure('check --json (loopback, healthy)', ['check', '--json'], healthy.env));
rows.push(await measure('check --offline --json', ['check', '--offline', '--json'], healthy.env));
rows.push(await measure('--version', ['--version'], healthy.env));
rows.push(await measure('--help', ['--help'], healthy.env));
rows.push(
  await measure(
    'check --json --timeout 2000 (API + status blackholed)',
    ['check', '--json', '--timeout', '2000'],
    blackholed.env,
    Math.min(RUNS, 5),
  ),
);
await healthy.close();
await blackholed.close();
const worst = rows.at(-1);
console.log('');
console.log(
  `Blackholed: median ${median(worst.wall).toFixed(0)} ms against a 2000 ms budget (overshoot ${(median(worst.wall) - 2000).toFixed(0)} ms).`,
);
