import { basename, join } from 'node:path';
import type { Os } from '../io/os.js';
import type { PlatformDeps } from './adapter.js';

const MAX_PROCESSES = 4096;

/** A process is Claude Code when its name is `claude` (the native binary, and npm's Node, which sets its title so). */
function isClaude(name: string): boolean {
  const bare = basename(name.trim()).toLowerCase();
  return bare === 'claude' || bare === 'claude.exe';
}

/** Linux: /proc/<pid>/comm of this user's processes (the Uid line of status); only reads. */
async function linux(deps: PlatformDeps): Promise<number | null> {
  const uid = deps.uid ?? process.getuid?.();
  const pids = (await deps.fs.list('/proc')).filter((name) => /^\d+$/.test(name)).slice(0, MAX_PROCESSES);
  if (pids.length === 0) return null;
  let count = 0;
  for (const pid of pids) {
    const comm = await deps.fs.readText(join('/proc', pid, 'comm'), 256);
    if (comm.kind !== 'ok' || !isClaude(comm.text)) continue;
    const status = await deps.fs.readText(join('/proc', pid, 'status'), 16 * 1024);
    const owner = status.kind === 'ok' ? /^Uid:\s+(\d+)/m.exec(status.text)?.[1] : undefined;
    if (uid === undefined || owner === String(uid)) count += 1;
  }
  return count;
}

/** macOS: this user's processes, by command name (`ps -x`). */
async function darwin(deps: PlatformDeps, timeoutMs: number): Promise<number | null> {
  const result = await deps.runner.run('/bin/ps', ['-x', '-o', 'comm='], { timeoutMs, maxBytes: 1024 * 1024 });
  if (result.code !== 0) return null;
  return result.stdout.split('\n').filter(isClaude).length;
}

/** Windows: claude.exe instances (`tasklist`, CSV, no header). */
async function win32(deps: PlatformDeps, timeoutMs: number): Promise<number | null> {
  const result = await deps.runner.run('tasklist', ['/FI', 'IMAGENAME eq claude.exe', '/FO', 'CSV', '/NH'], {
    timeoutMs,
    maxBytes: 1024 * 1024,
  });
  if (result.code !== 0) return null;
  return result.stdout.split('\n').filter((line) => /^"claude\.exe"/i.test(line.trim())).length;
}

/** How many `claude` processes of this user run now; null when the OS would not say. Never throws. */
export async function countClaudeProcesses(os: Os, deps: PlatformDeps, timeoutMs: number): Promise<number | null> {
  try {
    if (os === 'linux') return await linux(deps);
    return os === 'darwin' ? await darwin(deps, timeoutMs) : await win32(deps, timeoutMs);
  } catch {
    return null;
  }
}
