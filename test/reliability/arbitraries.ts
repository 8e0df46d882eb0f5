/**
 * Shared by the reliability suite's fuzz tests: generators for the inputs a parser meets in the
 * wild (any text, any JSON, the right shape with wrong types, BOMs, control characters, huge and
 * NaN-ish numbers, deep nesting) and canary tokens to plant in them. Importing this file has no
 * side effects (the test runner loads every file under dist/test).
 *
 * Run counts are moderate (FUZZ_RUNS, default 300) and the seed is fixed (FUZZ_SEED) so CI is
 * repeatable; set FUZZ_SEED=random to explore, FUZZ_RUNS=5000 to dig deeper.
 */
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import fc from 'fast-check';

const seedVar = process.env['FUZZ_SEED'];
const runsVar = Number(process.env['FUZZ_RUNS']);

/** fast-check parameters every property in the suite uses. */
export function fuzzParams(runs = 300): fc.Parameters<unknown> {
  const numRuns = Number.isInteger(runsVar) && runsVar > 0 ? runsVar : runs;
  if (seedVar === 'random') return { numRuns };
  return { numRuns, seed: Number.isInteger(Number(seedVar)) && seedVar ? Number(seedVar) : 20261124 };
}

/** Marks every planted secret; no output may ever contain it. */
export const CANARY_MARK = /CANARY/;

/** A token-shaped secret with the canary mark and a random tail, e.g. sk-ant-oat01-CANARY-Zq9_… */
export const canaryToken: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('oat01', 'ort01', 'api03'), fc.stringMatching(/^[A-Za-z0-9_-]{12,40}$/))
  .map(([kind, tail]) => `sk-ant-${kind}-CANARY-${tail}`);

/** Any single UTF-16 code unit, lone surrogates and control characters included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const controlChar = fc.integer({ min: 0, max: 0x1f }).map((n) => String.fromCharCode(n));

/** Text of every kind: code units, binary, control characters, with or without a BOM. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: codeUnit, maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: controlChar, maxLength: 50 }),
  fc.string({ maxLength: 300 }).map((s) => `\uFEFF${s}`),
);

/** Numbers JSON.stringify cannot write, as JSON text: 1e400 parses to Infinity, -0 to -0. */
export const wildNumberText: fc.Arbitrary<string> = fc.constantFrom(
  '1e400',
  '-1e400',
  '-0',
  '0.0000000000000000001',
  '123456789012345678901234567890',
  '8640000000000001',
  '8.64e15',
  '1e11',
  '99999999999',
  '1.5',
  '-1',
  '0',
  '1700000000',
  '1700000000000',
);

/** Values of the wrong kind a field meets: NaN-ish strings, huge numbers, arrays, objects, unicode. */
export function wrongValue(canary: fc.Arbitrary<string> = canaryToken): fc.Arbitrary<unknown> {
  return fc.oneof(
    canary,
    fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e400', '', ' ', '0', 'null', 'true', '\u0000', '\uFEFF', '\u202Eevil', '🔑'),
    fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, Number.MAX_VALUE, -Number.MAX_VALUE, 1e11, 0, -0, -1, 1.5),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.oneof(canary, fc.integer(), fc.string({ maxLength: 10 })), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(canary, fc.integer(), fc.constant(null)), { maxKeys: 3 }),
    fc.string({ unit: codeUnit, maxLength: 40 }),
  );
}

/** JSON text nested `depth` levels deep: [[[…]]] or {"a":{"a":…}}. */
export function deepJson(depth: number, kind: 'array' | 'object', inner = '0'): string {
  return kind === 'array' ? '['.repeat(depth) + inner + ']'.repeat(depth) : '{"a":'.repeat(depth) + inner + '}'.repeat(depth);
}

/**
 * JSON text of `value` where some numbers are replaced by wild number texts: the values a
 * hand-edited file can hold but JSON.stringify never writes. `marker` is a string placeholder.
 */
export function withWildNumbers(value: unknown, numbers: readonly string[], marker = '__NUM__'): string {
  let text = JSON.stringify(value) ?? 'null';
  for (const n of numbers) text = text.replace(`"${marker}"`, n);
  return text;
}

/** Cuts text at a position given as a fraction: truncated files (a full disk, a killed writer). */
export function cut(text: string, fraction: number): string {
  return text.slice(0, Math.floor(text.length * Math.min(1, Math.max(0, fraction))));
}

/** Every string the canary could reach: the value as JSON and as util.inspect prints it. */
export function renderings(value: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(value) ?? '';
  } catch (error) {
    json = `unserialisable: ${(error as Error).message}`;
  }
  return `${json}\n${inspect(value, { depth: 20, maxStringLength: Infinity, maxArrayLength: Infinity })}`;
}

/** Fails naming the channel when planted text shows up. */
export function assertNoCanary(where: string, text: string, mark: RegExp = CANARY_MARK): void {
  const found = mark.exec(text);
  if (found) {
    const at = found.index;
    assert.fail(`a planted secret reached ${where}: …${text.slice(Math.max(0, at - 60), at + 60)}…`);
  }
}

export { fc };
