import { fstatSync, statSync, writeSync } from 'node:fs';

/** Writes to stdout and resolves once flushed, so process.exit never truncates a pipe. */
export function writeOut(text: string | Uint8Array): Promise<void> {
  return new Promise((resolve) => process.stdout.write(text, () => resolve()));
}

const POSIX = process.platform !== 'win32';
let terminal: boolean | undefined;

/**
 * Whether stdout is a terminal, asked without making process.stdout: its stream machinery (Node's
 * streams, and tty and net with them) costs ~3 ms of a `status` call or a status line refresh
 * (docs/BENCHMARKS.md). On POSIX, from what fd 1 is: a character device other than /dev/null (the
 * one such device a command's output is sent to). On Windows, as process.stdout says.
 */
function isTerminal(): boolean {
  if (terminal !== undefined) return terminal;
  if (!POSIX) return (terminal = process.stdout.isTTY === true);
  try {
    const out = fstatSync(1);
    const sink = out.isCharacterDevice() ? statSync('/dev/null', { throwIfNoEntry: false }) : undefined;
    terminal = out.isCharacterDevice() && !(sink && sink.rdev === out.rdev);
  } catch {
    terminal = process.stdout.isTTY === true;
  }
  return terminal;
}

/** stdout as wantsColor reads it, without making process.stdout. */
export const stdoutInfo: { readonly isTTY: boolean } = {
  get isTTY() {
    return isTerminal();
  },
};

/**
 * A short command's whole output, in one go, before anything else went to stdout: on POSIX
 * straight to fd 1 (no stream made); on Windows through writeOut (a console takes text, not UTF-8
 * bytes). A non-blocking fd that is full hands the rest to writeOut; a reader that went away
 * (EPIPE) ends it quietly, as writeOut does.
 */
export async function writeWhole(text: string): Promise<void> {
  if (!POSIX) return writeOut(text);
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(1, bytes, done, bytes.length - done);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return;
    await writeOut(bytes.subarray(done));
  }
}
