/**
 * Recorded command outputs for adapters whose real commands exist only on another OS: a
 * CommandRunner that replays them (remembering every call), and the macOS fixtures.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandResult, CommandRunner, CommandOptions } from '../../../src/core/io/ports.js';

export interface Recording {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export type Reply = Recording | 'timeout' | 'enoent';

export interface Call {
  readonly file: string;
  readonly args: readonly string[];
  readonly options: CommandOptions;
}

export function toResult(reply: Reply): CommandResult {
  if (reply === 'timeout') return { code: null, stdout: '', stderr: '', timedOut: true, spawnError: null };
  if (reply === 'enoent') return { code: null, stdout: '', stderr: '', timedOut: false, spawnError: 'ENOENT' };
  return { ...reply, timedOut: false, spawnError: null };
}

/** Replies in order, one per call; a call past the end fails the test that made it. */
export function replayRunner(...replies: Reply[]): CommandRunner & { readonly calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    async run(file, args, options) {
      calls.push({ file, args, options });
      const reply = replies[calls.length - 1];
      if (reply === undefined) throw new Error(`unexpected command ${file} ${args.join(' ')}`);
      return toResult(reply);
    },
  };
}

/** A file from test/fixtures/darwin, found from the source tree whether run from test/ or dist/test/. */
export function darwinFixture(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return readFileSync(join(dir, 'test', 'fixtures', 'darwin', name), 'utf8');
}
