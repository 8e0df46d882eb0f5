import { execFile } from 'node:child_process';
import type { CommandResult, CommandRunner, CommandOptions } from './ports.js';

const DEFAULT_MAX_BYTES = 1024 * 1024;

/**
 * The one way the engine runs programs: execFile with an argv (never a shell string), a hard
 * timeout that kills the child, and capped output. It never throws.
 */
export function createCommandRunner(): CommandRunner {
  return {
    run(file: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
      return new Promise((resolve) => {
        let child: ReturnType<typeof execFile>;
        try {
          child = execFile(
            file,
            [...args],
            {
              timeout: options.timeoutMs,
              killSignal: 'SIGKILL',
              maxBuffer: options.maxBytes ?? DEFAULT_MAX_BYTES,
              env: options.env ?? process.env,
              cwd: options.cwd,
              windowsHide: true,
              encoding: 'utf8',
            },
            (error, stdout, stderr) => {
              const out = String(stdout ?? '');
              const err = String(stderr ?? '');
              if (!error) {
                resolve({ code: 0, stdout: out, stderr: err, timedOut: false, spawnError: null });
                return;
              }
              const e = error as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: number | string };
              if (typeof e.code === 'string' && e.code !== 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
                resolve({ code: null, stdout: out, stderr: err, timedOut: false, spawnError: e.code });
                return;
              }
              const timedOut = e.killed === true && e.signal === 'SIGKILL' && typeof e.code !== 'number';
              resolve({
                code: typeof e.code === 'number' ? e.code : null,
                stdout: out,
                stderr: err,
                timedOut,
                spawnError: null,
              });
            },
          );
        } catch (error) {
          resolve({ code: null, stdout: '', stderr: '', timedOut: false, spawnError: (error as Error).message });
          return;
        }
        child.on('error', () => undefined);
        if (options.input !== undefined) child.stdin?.end(options.input);
        else child.stdin?.end();
      });
    },
  };
}
