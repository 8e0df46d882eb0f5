/**
 * A real terminal for CLI tests: a private tmux server (its own socket, no user config) with one
 * pane of a fixed size, so a test sees what a person sees in an 80×24 terminal: the screen as
 * drawn (capture-pane), keys as typed (send-keys), and the exit status the pane prints at the end.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const TMUX_SKIP = spawnSync('tmux', ['-V']).status === 0 ? false : 'tmux is not installed (apt-get install tmux)';

export interface Pane {
  /** The visible screen, lines joined by \n (trailing blanks trimmed). */
  screen(): string;
  /** Keys as tmux names them ("Enter", "q") or, with literal, text typed as is. */
  send(keys: string, literal?: boolean): void;
  /** Polls the screen until it matches; throws with the screen when it never does. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

function quote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export async function openPane(
  argv: readonly string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; width?: number; height?: number },
): Promise<Pane> {
  const dir = await mkdtemp(join(tmpdir(), 'cad-tmux-'));
  const socket = join(dir, 'sock');
  const tmux = (...args: string[]): string => {
    const run = spawnSync('tmux', ['-S', socket, '-f', '/dev/null', ...args], { encoding: 'utf8', timeout: 10_000 });
    if (run.status !== 0) throw new Error(`tmux ${args[0]} failed: ${run.stderr}`);
    return run.stdout;
  };
  const env = Object.entries(options.env)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${quote(v)}`)
    .join(' ');
  // The pane stays after the command ends, showing its exit status.
  const script = `cd ${quote(options.cwd ?? dir)} && env -i ${env} TERM=xterm-256color ${argv.map(quote).join(' ')}; echo "[exit $?]"; sleep 600`;
  tmux('new-session', '-d', '-s', 't', '-x', String(options.width ?? 80), '-y', String(options.height ?? 24), 'sh', '-c', script);
  const screen = (): string =>
    tmux('capture-pane', '-p', '-t', 't')
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .trimEnd();
  return {
    screen,
    send(keys, literal = false) {
      tmux('send-keys', '-t', 't', ...(literal ? ['-l', keys] : [keys]));
    },
    async waitFor(pattern, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const now = screen();
        if (pattern.test(now)) return now;
        if (Date.now() > until) throw new Error(`the screen never showed ${pattern}:\n${now}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      spawnSync('tmux', ['-S', socket, 'kill-server'], { timeout: 10_000 });
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** test-results/ at the repository root (where build/bundle.mjs is), from test/ or dist/test/. */
export function resultsDir(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'build', 'bundle.mjs')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'test-results');
}

/** Keeps a screen as text (test-results/<name>.txt), to read as a user would. */
export async function keepScreen(from: string, name: string, screen: string): Promise<void> {
  const path = join(resultsDir(from), `${name}.txt`);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, screen + '\n');
}
