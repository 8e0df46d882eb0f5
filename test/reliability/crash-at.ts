/**
 * A crash injector for the data-safety tests, preloaded into a CLI child with `--import`: it
 * counts the child's file-system writes (every fs.promises call that changes something, and the
 * FileHandle writes and syncs between them) and SIGKILLs the process right before write
 * number $CAD_CRASH_AT. Nothing is faked: every call runs for real until the kill, so killing at
 * 1, 2, … N lands on every boundary between two writes of a fix run, deterministically.
 * $CAD_CRASH_LOG, when set, gets one line per counted call ("<n> <op> <path>"), to enumerate them.
 * Without either variable (e.g. when the test runner loads this file) it changes nothing.
 */
import { appendFileSync, promises as fsp } from 'node:fs';

const crashAt = Number(process.env['CAD_CRASH_AT'] ?? '0');
const log = process.env['CAD_CRASH_LOG'];

if ((Number.isInteger(crashAt) && crashAt > 0) || log) {
  let count = 0;
  const boundary = (op: string, target: unknown): void => {
    count += 1;
    if (log) appendFileSync(log, `${count} ${op} ${typeof target === 'string' ? target : ''}\n`);
    if (count === crashAt) process.kill(process.pid, 'SIGKILL');
  };

  type AnyFn = (...args: unknown[]) => unknown;
  const wrap = (owner: Record<string, unknown>, name: string, when: (args: unknown[]) => boolean = () => true, pathArg = true): void => {
    const original = owner[name] as AnyFn | undefined;
    if (typeof original !== 'function') return;
    owner[name] = function (this: unknown, ...args: unknown[]): unknown {
      if (when(args)) boundary(name, pathArg ? args[0] : null);
      return original.apply(this, args);
    };
  };

  const promises = fsp as unknown as Record<string, unknown>;
  for (const name of [
    'mkdir',
    'writeFile',
    'appendFile',
    'rename',
    'unlink',
    'rmdir',
    'rm',
    'copyFile',
    'chmod',
    'chown',
    'link',
    'symlink',
    'truncate',
  ]) {
    wrap(promises, name);
  }
  // Opening for writing creates or truncates; opening for reading changes nothing.
  wrap(promises, 'open', (args) => typeof args[1] === 'string' && /[wax+]/.test(args[1]));

  const probe = await fsp.open('/dev/null', 'r');
  const handle = Object.getPrototypeOf(probe) as Record<string, unknown>;
  await probe.close();
  for (const name of ['writeFile', 'write', 'writev', 'appendFile', 'sync', 'datasync', 'chmod', 'chown', 'truncate']) {
    wrap(handle, name, () => true, false);
  }
}
