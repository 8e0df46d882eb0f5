/**
 * Ends this process at once, by SIGKILL. Node's own exit first joins libuv's worker threads
 * (nodejs/node#35021), and a call stuck in the kernel (a stat on a network home that stopped
 * answering) holds one of them until it returns: a shell start would wait with it. Only for a
 * process whose output is already written and whose exit code no longer matters: the shell hook's
 * check past its deadline.
 */
export function endNow(): never {
  process.kill(process.pid, 'SIGKILL');
  // Not reached where SIGKILL is delivered at once (POSIX; on Windows it terminates the process).
  process.exit(0);
}
