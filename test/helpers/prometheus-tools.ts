/**
 * Debian's `promtool` and `prometheus` (package prometheus), run as real programs. A test that
 * needs one and cannot find it is skipped with the reason (`{ skip }`), never silently.
 */
import { spawn, spawnSync } from 'node:child_process';

export const PROMTOOL = process.env['PROMTOOL'] || 'promtool';
export const PROMETHEUS = process.env['PROMETHEUS'] || 'prometheus';

function runs(bin: string): boolean {
  const probe = spawnSync(bin, ['--version'], { stdio: 'ignore', timeout: 10_000 });
  return probe.error === undefined && probe.status === 0;
}

/** `{}` when the tool runs here, else `{ skip: why }` for node:test. */
export function needs(bin: 'promtool' | 'prometheus'): { skip?: string } {
  const path = bin === 'promtool' ? PROMTOOL : PROMETHEUS;
  return runs(path) ? {} : { skip: `${bin} is not installed (Debian package prometheus; .ci/run installs it)` };
}

export interface ToolRun {
  readonly code: number | null;
  readonly output: string;
}

/** Runs promtool with `input` on stdin; both streams together, as a person would read them. */
export function promtool(args: readonly string[], input = ''): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(PROMTOOL, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, output });
    });
    child.stdin.end(input);
  });
}

/** `promtool check metrics` on an exposition: exit 0 and no lint complaint. */
export async function assertValidExposition(text: string): Promise<void> {
  const run = await promtool(['check', 'metrics'], text);
  if (run.code !== 0 || run.output.trim() !== '')
    throw new Error(`promtool check metrics rejected it (exit ${run.code}):\n${run.output}\n---\n${text}`);
}

/** `promtool check metrics` inside a test that checks more than that: says so in the test's output when promtool is missing. */
export async function checkWithPromtool(t: { diagnostic(message: string): void }, text: string): Promise<void> {
  const missing = needs('promtool').skip;
  if (missing) t.diagnostic(`not checked with promtool check metrics: ${missing}`);
  else await assertValidExposition(text);
}

/** One sample line's value from an exposition, by metric name and exact label text ("" for none). */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(match[3]);
  }
  return undefined;
}
