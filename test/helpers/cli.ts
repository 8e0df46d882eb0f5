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

/** `node <args>` as a whole process: its exit code, stdout, stderr and time taken; stdin gets `input`, then ends; killed after `timeoutMs` (30 s). */
export function runNode(args: readonly string[], options: { env: NodeJS.ProcessEnv; input?: string; timeoutMs?: number }): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args], { env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
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
    // A program that ends before reading its input closes the pipe: its exit is the answer, not an EPIPE here.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

export function runCli(args: readonly string[], options: { env: NodeJS.ProcessEnv; input?: string; timeoutMs?: number }): Promise<CliRun> {
  return runNode([...cliCommand().args, ...args], options);
}
