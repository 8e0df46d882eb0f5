import { spawn } from 'node:child_process';
import type { CommandResult, CommandRunner, CommandOptions } from './ports.js';

const DEFAULT_MAX_BYTES = 1024 * 1024;

/** Collects a stream up to a byte cap; the rest is read and dropped so the child never blocks on a full pipe. */
function capped(max: number): { push(chunk: Buffer): void; text(): string } {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    push(chunk) {
      if (size >= max) return;
      const part = size + chunk.length > max ? chunk.subarray(0, max - size) : chunk;
      chunks.push(part);
      size += part.length;
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

/**
 * The one way the engine runs programs: an argv (never a shell string), a hard timeout that kills
 * the child (or its whole process group, with `killGroup`), and capped output. It never throws.
 */
export function createCommandRunner(): CommandRunner {
  return {
    run(file: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
      return new Promise((resolve) => {
        const group = options.killGroup === true && process.platform !== 'win32';
        const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
        const out = capped(max);
        const err = capped(max);
        let timedOut = false;
        let settled = false;
        let child: ReturnType<typeof spawn>;
        const finish = (result: CommandResult): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(result);
        };
        try {
          child = spawn(file, [...args], {
            env: options.env ?? process.env,
            cwd: options.cwd,
            windowsHide: true,
            detached: group,
            stdio: ['pipe', 'pipe', 'pipe'],
          });
        } catch (error) {
          finish({ code: null, stdout: '', stderr: '', timedOut: false, spawnError: (error as Error).message });
          return;
        }
        const timer = setTimeout(() => {
          timedOut = true;
          try {
            if (group && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
            else child.kill('SIGKILL');
          } catch {
            // Already gone.
          }
          // A grandchild may still hold the pipes open; the result must not wait for it.
          child.stdout?.destroy();
          child.stderr?.destroy();
        }, options.timeoutMs);
        child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
        child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
        child.on('error', (error: NodeJS.ErrnoException) =>
          finish({ code: null, stdout: out.text(), stderr: err.text(), timedOut: false, spawnError: error.code ?? error.message }),
        );
        child.on('close', (code) =>
          finish({ code: timedOut ? null : code, stdout: out.text(), stderr: err.text(), timedOut, spawnError: null }),
        );
        child.stdin?.on('error', () => undefined);
        if (options.input !== undefined) child.stdin?.end(options.input);
        else child.stdin?.end();
      });
    },
  };
}
