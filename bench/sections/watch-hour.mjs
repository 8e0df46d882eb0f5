// `watch` over a simulated hour: the monitor runs in a child process (bench/watch-hour-child.mjs)
// on a fake clock; the loopback API and a status page that honours If-None-Match (→ 304) run
// here and count every request and connection.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { makePki } from '../../dist/test/helpers/pki.js';
import { startHttpsServer } from '../../dist/test/helpers/servers.js';
import { makeWorld } from '../../dist/test/helpers/world.js';
import { mib, num, table } from '../lib/stats.mjs';

const CHILD = new URL('../watch-hour-child.mjs', import.meta.url).pathname;

const SUMMARY = JSON.stringify({
  page: { id: 'bench', name: 'Anthropic', url: 'https://status.claude.com', updated_at: '2026-01-01T00:00:00.000Z' },
  status: { indicator: 'none', description: 'All Systems Operational' },
  components: [
    { id: 'c1', name: 'claude.ai', status: 'operational' },
    { id: 'c2', name: 'Claude API (api.anthropic.com)', status: 'operational' },
    { id: 'c3', name: 'Claude Code', status: 'operational' },
    { id: 'c4', name: 'Claude Console (platform.claude.com)', status: 'operational' },
  ],
  incidents: [],
  scheduled_maintenances: [],
});
const ETAG = `"${createHash('sha1').update(SUMMARY).digest('hex').slice(0, 16)}"`;
const LAST_MODIFIED = 'Thu, 01 Jan 2026 00:00:00 GMT';

function counter() {
  const counts = new Map();
  return { add: (key) => counts.set(key, (counts.get(key) ?? 0) + 1), entries: () => [...counts.entries()] };
}

async function servers(pki) {
  const api = counter();
  const status = counter();
  const apiServer = await startHttpsServer({
    pki,
    handler: (req, res) => {
      api.add(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ account: { email: 'jane@example.com' }, data: [] }));
    },
  });
  const statusServer = await startHttpsServer({
    pki,
    handler: (req, res) => {
      if (req.headers['if-none-match'] === ETAG) {
        status.add('304 Not Modified (ETag hit)');
        res.writeHead(304, { etag: ETAG, 'last-modified': LAST_MODIFIED });
        return res.end();
      }
      status.add(`200 OK (${req.headers['if-none-match'] ? 'stale ETag' : 'no validator'})`);
      res.writeHead(200, { 'content-type': 'application/json', etag: ETAG, 'last-modified': LAST_MODIFIED });
      res.end(SUMMARY);
    },
  });
  return { api, status, apiServer, statusServer };
}

function runChild(env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', CHILD], { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve(JSON.parse(stdout.trim().split('\n').at(-1)));
      } catch {
        reject(new Error(`watch child exited ${code}: ${stderr.trim().slice(-400)}`));
      }
    });
  });
}

const MiB = (bytes) => num(mib(bytes), 1);

export async function benchWatchHour({ log }) {
  const pki = makePki();
  const s = await servers(pki);
  const world = await makeWorld({
    env: {
      ANTHROPIC_BASE_URL: s.apiServer.url,
      CLAUDE_AUTH_DOCTOR_AUTH_URL: s.apiServer.url,
      CLAUDE_AUTH_DOCTOR_STATUS_URL: s.statusServer.url,
    },
  });
  try {
    const hours = Number(process.env.BENCH_WATCH_HOURS || 1);
    log(`Watch: ${hours} simulated hour(s) of the monitor…`);
    const r = await runChild({ ...world.env, BENCH_WATCH_HOURS: String(hours) });
    const reasons = { entries: () => Object.entries(r.runs.byReason) };
    const overall = Object.entries(r.runs.overall)
      .map(([k, v]) => `${k} × ${v}`)
      .join(', ');
    const hourly = r.hours === 1 ? 'the hour' : `${r.hours} hours`;
    const list = (c) =>
      c
        .entries()
        .map(([k, v]) => `${k} × ${v}`)
        .join('; ') || 'none';
    const statusTotal = s.status.entries().reduce((n, [, v]) => n + v, 0);
    const hits = s.status.entries().find(([k]) => k.startsWith('304'))?.[1] ?? 0;
    const rows = [
      ['simulated time', `${hourly}, in 1-minute steps (took ${num(r.realMs / 1000, 1)} s real)`],
      [
        'runs made',
        `${r.runs.total}: ${list(reasons)} (merged report after each: ${overall})${r.errors ? `; ${r.errors} failed runs, last: ${r.lastError}` : ''}`,
      ],
      ['API requests (loopback API)', `${list(s.api)}; ${s.apiServer.connections()} TCP+TLS connections (incl. network.tls handshakes)`],
      ['status page requests', `${statusTotal}: ${list(s.status)}; ${s.statusServer.connections()} connections`],
      ['ETag hits', `${hits} of ${statusTotal} polls answered 304 (${num((100 * hits) / Math.max(1, statusTotal))} %)`],
      [
        'CPU used by the watcher process (user+sys)',
        `${num(r.cpuS, 2)} s in all: ${num(r.cpuFirstS, 2)} s for the first run (modules loading), ${num(r.cpuS - r.cpuFirstS, 2)} s for the other ${r.runs.total - 1} runs`,
      ],
      ['RSS: before start → after first run → end', `${MiB(r.before.rss)} → ${MiB(r.afterFirst.rss)} → ${MiB(r.end.rss)} MiB`],
      [
        'heapUsed after GC: before → after first run → end',
        `${MiB(r.before.heapUsed)} → ${MiB(r.afterFirst.heapUsed)} → ${MiB(r.end.heapUsed)} MiB`,
      ],
      ['RSS, sampled (simulated minute: MiB)', r.samples.map((x) => `${x.minute}′ ${MiB(x.rss)}`).join(', ')],
      ['heapUsed after GC, sampled', r.samples.map((x) => `${x.minute}′ ${MiB(x.heapUsed)}`).join(', ')],
    ];
    const total = (c) => c.entries().reduce((n, [, v]) => n + v, 0);
    const before = { api: total(s.api), status: total(s.status) };
    log(`Watch: the same with --metrics (exporter, listener, a scrape every 15 s)…`);
    const m = await runChild({ ...world.env, BENCH_WATCH_HOURS: String(hours), BENCH_WATCH_METRICS: '1' });
    const x = m.metrics;
    const same = JSON.stringify(m.runs.byReason) === JSON.stringify(r.runs.byReason);
    const scrapeMs = x.cpuUs / 1000 / Math.max(1, x.count);
    const metricRows = [
      [
        'runs made (without → with --metrics)',
        `${r.runs.total} → ${m.runs.total} (${same ? 'the same schedule: scrapes start no check' : `different: ${JSON.stringify(m.runs.byReason)}`}); API requests ${total(s.api) - before.api}, status page ${total(s.status) - before.status} in the metrics run`,
      ],
      [
        'scrapes served',
        `${x.count} (every 15 simulated seconds), each ${num(x.bytes / 1024, 1)} KiB, ${x.series} samples (${num(x.gzipBytes / 1024, 1)} KiB if gzipped)`,
      ],
      [
        'CPU per scrape (client + server, one process)',
        `${num(scrapeMs, 2)} ms; ${num(x.cpuUs / 1e6, 2)} s for the ${x.count} scrapes of ${hourly}`,
      ],
      [
        'CPU per render (once per merged report)',
        `${num(x.render.cpuMsEach, 2)} ms × ${m.runs.total} reports = ${num((x.render.cpuMsEach * m.runs.total) / 1000, 3)} s`,
      ],
      ['loading prom-client and the exporter (once, only with --metrics)', `${num(x.loadMs, 0)} ms, ${num(x.loadCpuS, 3)} s CPU`],
      ['CPU of the whole process, without → with --metrics', `${num(r.cpuS, 2)} → ${num(m.cpuS, 2)} s`],
      ['RSS at the end, without → with', `${MiB(r.end.rss)} → ${MiB(m.end.rss)} MiB`],
      [
        'heapUsed after GC at the end, without → with',
        `${MiB(r.end.heapUsed)} → ${MiB(m.end.heapUsed)} MiB (after first run: ${MiB(m.afterFirst.heapUsed)})`,
      ],
      ['heapUsed after GC with --metrics, sampled', m.samples.map((s) => `${s.minute}′ ${MiB(s.heapUsed)}`).join(', ')],
    ];
    const out = [
      '### `watch` over a simulated hour (monitor + diagnose in-process, fake clock, loopback world)',
      '',
      table(['measure', 'value'], rows),
      '',
      `Intervals as \`watch\` uses them: full check every 30 min, status page every 5 min (conditional), probe budget ${r.timeoutMs} ms. Growth from after the first run to the end: RSS ${num(mib(r.end.rss - r.afterFirst.rss), 1)} MiB, heapUsed ${num(mib(r.end.heapUsed - r.afterFirst.heapUsed), 2)} MiB.`,
      '',
      '### `watch --metrics` over the same hour (the exporter: one render per report, a scrape every 15 s)',
      '',
      table(['measure', 'value'], metricRows),
      '',
      'The exporter holds no timer of its own: it renders when the monitor merges a report and copies that text out on each scrape.',
      '',
    ];
    return { out, result: r };
  } finally {
    await world.close();
    await s.apiServer.close();
    await s.statusServer.close();
  }
}
