import { UsageError } from './usage.js';
import type { Readable, Writable } from 'node:stream';

/** Thrown when the user presses Ctrl-C at a prompt or input ends before an answer. */
export class PromptAborted extends Error {
  constructor(readonly reason: 'interrupt' | 'end') {
    super(reason === 'interrupt' ? 'Interrupted.' : 'Input ended before an answer.');
  }
}

export interface Prompter {
  /** Prints the question and resolves with the line typed (without the newline). */
  ask(question: string): Promise<string>;
  /** Like ask, but nothing typed is echoed (raw mode on a TTY). For secrets: never from argv. */
  secret(question: string): Promise<string>;
  /** One key, acted on at once on a TTY (Enter is ''); elsewhere the first character of a line. */
  key(question: string): Promise<string>;
  /** Stops reading, so a child process can own the terminal; the next question reads again. */
  release(): void;
  close(): void;
}

type TtyInput = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

/**
 * Terminal prompts on plain streams, so tests drive them with a PassThrough. Lines are read from
 * one shared buffer; a secret switches a TTY to raw mode for exactly that answer.
 */
export function createPrompter(input: TtyInput, output: Writable): Prompter {
  let buffer = '';
  let ended = false;
  let secretMode = false;
  let keyMode = false;
  let waiter: { resolve: (line: string) => void; reject: (error: Error) => void } | null = null;
  input.setEncoding('utf8');

  const finish = (error: Error | null, line = ''): void => {
    const current = waiter;
    waiter = null;
    input.pause();
    if (!current) return;
    if (error) current.reject(error);
    else current.resolve(line);
  };

  const drain = (): void => {
    if (!waiter) return;
    if (keyMode && buffer !== '') {
      const ch = buffer[0] ?? '';
      buffer = buffer.slice(1).replace(/^\n/, '');
      if (ch === '\u0003') {
        output.write('\n');
        finish(new PromptAborted('interrupt'));
        return;
      }
      output.write(ch === '\r' || ch === '\n' ? '\n' : `${ch}\n`);
      finish(null, ch === '\r' || ch === '\n' ? '' : ch);
      return;
    }
    if (keyMode && ended) {
      finish(new PromptAborted('end'));
      return;
    }
    if (secretMode) {
      let typed = '';
      for (let i = 0; i < buffer.length; i++) {
        const ch = buffer[i] ?? '';
        if (ch === '\r' || ch === '\n') {
          buffer = buffer.slice(i + 1).replace(/^\n/, '');
          output.write('\n');
          finish(null, typed);
          return;
        }
        if (ch === '\u0003') {
          buffer = '';
          output.write('\n');
          finish(new PromptAborted('interrupt'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else if (ch === '\u0004') {
          buffer = buffer.slice(i + 1);
          output.write('\n');
          finish(null, typed);
          return;
        } else typed += ch;
      }
      // Keep what was typed so far; the next chunk continues it.
      buffer = typed;
      if (ended) finish(null, typed);
      return;
    }
    const newline = buffer.indexOf('\n');
    if (newline >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      finish(null, line);
    } else if (ended) {
      if (buffer !== '') {
        const line = buffer;
        buffer = '';
        finish(null, line);
      } else finish(new PromptAborted('end'));
    }
  };

  input.on('data', (chunk: string) => {
    buffer += chunk;
    drain();
  });
  input.on('end', () => {
    ended = true;
    drain();
  });
  input.pause();

  const read = (question: string, hidden: boolean): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      output.write(question);
      const raw = hidden && input.isTTY === true && typeof input.setRawMode === 'function';
      if (raw) input.setRawMode?.(true);
      secretMode = hidden;
      waiter = {
        resolve: (line) => {
          if (raw) input.setRawMode?.(false);
          secretMode = false;
          resolve(line);
        },
        reject: (error) => {
          if (raw) input.setRawMode?.(false);
          secretMode = false;
          reject(error);
        },
      };
      input.resume();
      drain();
    });

  const readKey = (question: string): Promise<string> => {
    if (input.isTTY !== true || typeof input.setRawMode !== 'function') return read(question, false).then((line) => line.trim().charAt(0));
    return new Promise<string>((resolve, reject) => {
      output.write(question);
      input.setRawMode?.(true);
      keyMode = true;
      const done = (): void => {
        input.setRawMode?.(false);
        keyMode = false;
      };
      waiter = {
        resolve: (key) => {
          done();
          resolve(key);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      };
      input.resume();
      drain();
    });
  };

  return {
    ask: (question) => read(question, false),
    secret: (question) => read(question, true),
    key: readKey,
    release() {
      input.pause();
    },
    close() {
      input.pause();
      input.removeAllListeners('data');
      input.removeAllListeners('end');
    },
  };
}

/** Reads all of stdin (for `--stdin`): the value without its final line break. */
export async function readAll(input: Readable, maxBytes = 64 * 1024): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    if (Buffer.byteLength(text) > maxBytes)
      throw new UsageError(
        `--stdin got more than ${Math.round(maxBytes / 1024)} KiB; pipe in only the key (e.g. claude-auth-doctor fix use-api-key --stdin < key.txt).`,
      );
  }
  return text.replace(/\r?\n$/, '');
}
