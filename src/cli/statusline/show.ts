import { readSnapshot } from '../../core/diagnosis/snapshot.js';
import { CA_HANDOFF, decodeChain } from '../../core/fixes/status-line-chain.js';
import { EXIT } from '../exit-codes.js';
import { writeWhole } from '../output.js';
import { thisPlace } from '../snapshot-place.js';
import { parseFlags, UsageError } from '../usage.js';
import { statusLineText } from './line.js';

/** Claude Code's session JSON is a few KB; more is not read. */
const MAX_STDIN_BYTES = 64 * 1024;
/** stdin that never ends (a terminal multiplexer's pipe) is not waited for longer than this. */
const STDIN_WAIT_MS = 200;
/** A snapshot up to a week old is shown (with its age); older, the line says it was not checked. */
const MAX_AGE_MS = 7 * 86_400_000;
/** The chained status line command's budget and output cap. */
const CHAIN_TIMEOUT_MS = 4000;
const CHAIN_MAX_BYTES = 16 * 1024;

/** What arrives on stdin: its first 64 KB, within 200 ms; nothing from a terminal. */
function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return Promise.resolve('');
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let size = 0;
    const done = (): void => {
      clearTimeout(timer);
      process.stdin.removeAllListeners('data');
      process.stdin.destroy();
      resolve(Buffer.concat(parts).toString('utf8'));
    };
    const timer = setTimeout(done, STDIN_WAIT_MS);
    // Past the bound, the rest is drained and dropped (so the writer never sees a broken pipe).
    process.stdin.on('data', (chunk: Buffer) => {
      const room = MAX_STDIN_BYTES - size;
      if (room > 0) parts.push(chunk.subarray(0, room));
      size += chunk.length;
    });
    process.stdin.on('end', done);
    process.stdin.on('error', done);
  });
}

/** Claude Code's environment again for the chained command: NODE_EXTRA_CA_CERTS as the command line found it (CA_HANDOFF). */
export function chainedEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const handed = env[CA_HANDOFF];
  if (handed === undefined) return env;
  const back = { ...env };
  delete back[CA_HANDOFF];
  if (handed === '') delete back['NODE_EXTRA_CA_CERTS'];
  else back['NODE_EXTRA_CA_CERTS'] = handed;
  return back;
}

/** The command that was Claude Code's status line before ours, run as Claude Code ran it (a shell, the same stdin). */
async function runChained(command: string, input: string): Promise<string[]> {
  const [file, args] = process.platform === 'win32' ? ['cmd.exe', ['/d', '/s', '/c', command]] : ['/bin/sh', ['-c', command]];
  // Loaded only when chaining: the plain line needs no child processes.
  const { createCommandRunner } = await import('../../core/io/runner.js');
  const result = await createCommandRunner().run(file, args, {
    timeoutMs: CHAIN_TIMEOUT_MS,
    input,
    maxBytes: CHAIN_MAX_BYTES,
    killGroup: true,
    env: chainedEnv(process.env),
  });
  if (result.code !== 0) return [];
  return result.stdout
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '');
}

/**
 * `statusline`: one short line (≤ 40 characters) for Claude Code's statusLine, tmux or starship,
 * from the last saved report; never a check, never the network. Claude Code's session JSON on
 * stdin is read (bounded) and ignored, or handed to the chained command. Always exit 0: Claude
 * Code shows nothing for a command that fails.
 */
export async function showStatusLine(args: string[]): Promise<number> {
  const { chain } = parseFlags(args, { chain: { type: 'string' } });
  const previous = chain === undefined ? null : decodeChain(chain);
  if (chain !== undefined && previous === null) throw new UsageError('--chain takes the b64: value `statusline install` writes.');
  const input = await readStdin();
  const [read, chained] = await Promise.all([
    readSnapshot(thisPlace(), { now: Date.now(), maxAgeMs: MAX_AGE_MS }),
    previous ? runChained(previous, input) : Promise.resolve([]),
  ]);
  const ours = statusLineText(read, Date.now());
  const [head, ...more] = chained;
  const lines = head === undefined ? [ours] : [`${head} · ${ours}`, ...more];
  await writeWhole(lines.join('\n') + '\n');
  return EXIT.ok;
}
