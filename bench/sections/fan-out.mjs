// Cost growth, in-process: N probes of one slow endpoint (answers after 400 ms) through the real
// engine and the real HTTP client. Concurrent probes cost about the slowest one, not the sum.
import http from 'node:http';
import { createProbeEnv } from '../../dist/src/core/probes/probe-env.js';
import { runChecks } from '../../dist/src/core/probes/run-probes.js';
import { createHttpClient } from '../../dist/src/core/io/http.js';
import { median, num, table } from '../lib/stats.mjs';

const DELAY_MS = 400;
const SIZES = [1, 4, 11, 32];
const REPEATS = 3;

async function slowServer() {
  let inFlight = 0;
  let peak = 0;
  let served = 0;
  const server = http.createServer((_req, res) => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    setTimeout(() => {
      inFlight -= 1;
      served += 1;
      res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' });
      res.end('slow ok');
    }, DELAY_MS);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/slow`,
    stats: () => ({ peak, served }),
    resetPeak: () => (peak = 0),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function slowProbe(i, url) {
  return {
    id: 'service.status',
    title: `Slow endpoint ${i}`,
    network: true,
    async run(ctx) {
      const result = await ctx.http.request({ url, method: 'GET', timeoutMs: ctx.options.timeoutMs, maxBytes: 1024, proxy: null });
      return result.kind === 'response' && result.status === 200
        ? { status: 'ok', summary: `answered in ${result.elapsedMs} ms` }
        : { status: 'unknown', summary: result.kind === 'failure' ? result.code : `HTTP ${result.status}` };
    },
  };
}

export async function benchFanOut({ log }) {
  const server = await slowServer();
  const probeEnv = { ...createProbeEnv(process.env), http: createHttpClient() };
  const rows = [];
  try {
    for (const n of SIZES) {
      log(`Fan-out: ${n} slow probes × ${REPEATS}…`);
      const probes = Array.from({ length: n }, (_, i) => slowProbe(i, server.url));
      const totals = [];
      const slowest = [];
      let ok = 0;
      server.resetPeak();
      for (let r = 0; r < REPEATS; r++) {
        const started = performance.now();
        const results = await runChecks(probes, probeEnv, { offline: false, timeoutMs: 5000 });
        totals.push(performance.now() - started);
        slowest.push(Math.max(...results.map((c) => c.durationMs)));
        ok += results.filter((c) => c.status === 'ok').length;
      }
      const total = median(totals);
      rows.push([
        n,
        num(total),
        num(median(slowest)),
        n * DELAY_MS,
        `${num(total / DELAY_MS, 2)}×`,
        server.stats().peak,
        `${ok}/${n * REPEATS}`,
      ]);
    }
  } finally {
    await server.close();
  }
  const out = [
    `### Cost growth: N probes of a ${DELAY_MS} ms endpoint (in-process engine, real HTTP client)`,
    '',
    table(
      [
        'N probes',
        'total ms (median of 3)',
        'slowest probe ms (median)',
        'sum if run in series, ms',
        'total / one request',
        'peak concurrent at server',
        'probes ok',
      ],
      rows,
    ),
    '',
  ];
  return { out, rows };
}
