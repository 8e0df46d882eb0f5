/**
 * A real Prometheus (Debian's package) on a loopback port with a temp data dir, scraping the
 * given targets every second, queried through its HTTP API. Closed (SIGTERM, then SIGKILL) and
 * its data dir removed by close().
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get } from './metrics-watch.js';
import { PROMETHEUS } from './prometheus-tools.js';

export interface PrometheusServer {
  readonly url: string;
  /** An instant query; the API's `data` on success, else it throws with the error. */
  query(expr: string): Promise<{ resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] }>;
  /** Polls an instant query until `ready` holds for its result (a hang guard, not a speed check). */
  waitFor(expr: string, ready: (values: number[]) => boolean, ms?: number): Promise<number[]>;
  api(path: string): Promise<unknown>;
  log(): string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startPrometheus(options: { targets: readonly string[]; ruleFiles?: readonly string[] }): Promise<PrometheusServer> {
  const dir = await mkdtemp(join(tmpdir(), 'cad-prometheus-'));
  const config = [
    'global:',
    '  scrape_interval: 1s',
    '  scrape_timeout: 1s',
    '  evaluation_interval: 1s',
    ...(options.ruleFiles?.length ? ['rule_files:', ...options.ruleFiles.map((f) => `  - ${JSON.stringify(f)}`)] : []),
    'scrape_configs:',
    '  - job_name: claude-auth-doctor',
    '    static_configs:',
    `      - targets: [${options.targets.map((t) => JSON.stringify(t)).join(', ')}]`,
    '',
  ].join('\n');
  await writeFile(join(dir, 'prometheus.yml'), config);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    PROMETHEUS,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));

  const api = async (path: string): Promise<unknown> => {
    const answer = await get(`${url}${path}`);
    const body = JSON.parse(answer.body) as { status: string; data?: unknown; error?: string };
    if (body.status !== 'success') throw new Error(`Prometheus ${path}: ${body.error ?? answer.body}`);
    return body.data;
  };
  const query: PrometheusServer['query'] = async (expr) =>
    (await api(`/api/v1/query?query=${encodeURIComponent(expr)}`)) as Awaited<ReturnType<PrometheusServer['query']>>;
  const close = async (): Promise<void> => {
    child.kill('SIGTERM');
    const guard = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(guard);
    await rm(dir, { recursive: true, force: true });
  };

  const until = Date.now() + 60_000;
  for (;;) {
    const ready = await get(`${url}/-/ready`).catch(() => null);
    if (ready?.status === 200) break;
    if (child.exitCode !== null || Date.now() > until) {
      await close();
      throw new Error(`Prometheus did not become ready:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    query,
    api,
    log: () => log,
    async waitFor(expr, ready, ms = 60_000) {
      const deadline = Date.now() + ms;
      let last: number[] = [];
      while (Date.now() < deadline) {
        last = (await query(expr)).result.map((r) => Number(r.value[1]));
        if (ready(last)) return last;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`${expr} never got there; last: ${JSON.stringify(last)}\n${log}`);
    },
    close,
  };
}
