/**
 * `watch --metrics 127.0.0.1:0` as a real process: waits for the line that names the bound port,
 * scrapes it, and stops it with SIGINT (or SIGKILL when it hangs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { cliCommand } from './cli.js';

export interface WatchProcess {
  readonly url: string;
  readonly port: number;
  stderr(): string;
  scrape(path?: string): Promise<{ status: number; body: string }>;
  /** Scrapes until `ready(text)` holds; rejects with the last text after `ms` (a hang guard, not a speed check). */
  scrapeUntil(ready: (text: string) => boolean, ms?: number): Promise<string>;
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: 5_000 }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
  });
}

export async function startWatch(env: NodeJS.ProcessEnv, extra: readonly string[] = []): Promise<WatchProcess> {
  const { file, args } = cliCommand();
  const child: ChildProcess = spawn(file, [...args, 'watch', '--metrics', '127.0.0.1:0', ...extra], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stdout?.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const guard = setTimeout(() => reject(new Error(`watch never said where it serves metrics:\n${stderr}`)), 30_000);
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
      const match = /Serving metrics on (http:\/\/\S+\/metrics)/.exec(stderr);
      if (match?.[1]) {
        clearTimeout(guard);
        resolve(match[1]);
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(guard);
      reject(new Error(`watch exited (${code}) before serving:\n${stderr}`));
    });
  });
  const scrape = (path = '/metrics') => get(url.replace(/\/metrics$/, path));
  return {
    url,
    port: Number(new URL(url).port),
    stderr: () => stderr,
    scrape,
    async scrapeUntil(ready, ms = 30_000) {
      const until = Date.now() + ms;
      let last = '';
      while (Date.now() < until) {
        last = (await scrape()).body;
        if (ready(last)) return last;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`the metrics never got there; last scrape:\n${last}\nstderr:\n${stderr}`);
    },
    async stop() {
      child.kill('SIGINT');
      const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const result = await exited;
      clearTimeout(guard);
      return result;
    },
  };
}
