/**
 * Runs the real CLI as a whole process, as a user would: the bundled dist/cli/bin.cjs (the bin) under
 * `npm test`, or the TypeScript source through tsx when a test file is run directly.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const fromSource = here.endsWith('.ts');
// Compiled runs use what package.json's bin ships: dist/cli/bin.cjs, which hands every command but
// the hot ones (status, statusline, hook check: dist/cli/hot.cjs) to the bundled dist/cli/main.js.
const cliPath = fileURLToPath(new URL(fromSource ? '../../src/cli/main.ts' : '../../cli/bin.cjs', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly elapsedMs: number;
}

export function cliCommand(): { file: string; args: string[] } {
  return { file: process.execPath, args: fromSource ? ['--import', 'tsx', cliPath] : [cliPath] };
}

export function runCli(args: readonly string[], options: { env: NodeJS.ProcessEnv; input?: string; timeoutMs?: number }): Promise<CliRun> {
  const { file, args: prefix } = cliCommand();
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...prefix, ...args], { env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, elapsedMs: Date.now() - started });
    });
    child.stdin.end(options.input ?? '');
  });
}
