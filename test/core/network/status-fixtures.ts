import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseStatusSummary, type StatusSummary } from '../../../src/core/network/status-page-parse.js';

/** Fixtures live in the source tree; find it from here whether run from test/ or dist/test/. */
export function fixtureText(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return readFileSync(join(dir, 'test', 'fixtures', 'statuspage', name), 'utf8');
}

export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(fixtureText(name)) as Record<string, unknown>;
}

export function summaryOf(text: string): StatusSummary {
  const parsed = parseStatusSummary(text);
  assert.equal(parsed.kind, 'ok', parsed.kind === 'invalid' ? parsed.problem : '');
  return (parsed as { summary: StatusSummary }).summary;
}
