/**
 * `explain` against what Claude Code 2.1.332 itself prints (every auth, account, network and TLS
 * message template read out of the package, placeholders filled) and what users paste into its
 * GitHub issues: the first fix it offers must be the one a person should try first.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { explain } from '../../../src/core/explain/match.js';
import { isFixId } from '../../../src/shared/report.js';

interface Row {
  readonly id: string | number;
  readonly text: string;
  readonly fix: string | null;
}

/** Fixtures live in the source tree; found from here whether run from test/ or dist/test/. */
function rows(file: string): Row[] {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'test', 'fixtures', 'claude-code', file), 'utf8')) as { messages: Row[] }).messages;
}

/** Right first fix over the rows that need a fix; the misses, for the assertion message. */
function score(list: readonly Row[]): { right: number; total: number; misses: string[] } {
  const scored = list.filter((r) => r.fix !== null);
  const misses = scored
    .filter((r) => explain(r.text)[0]?.fixes[0] !== r.fix)
    .map((r) => `${String(r.id)}: wanted ${r.fix ?? ''}, got ${explain(r.text)[0]?.fixes[0] ?? 'no match'} — ${r.text.slice(0, 90)}`);
  return { right: scored.length - misses.length, total: scored.length, misses };
}

const TARGET = 0.95;

describe('explain: the right first fix', () => {
  const messages = rows('messages-2.1.332.json');
  const pasted = [...rows('pasted-issues.json'), ...rows('pasted-issues-heldout.json')];

  test('every expected fix is a fix id', () => {
    for (const row of [...messages, ...pasted]) assert.ok(row.fix === null || isFixId(row.fix), `${String(row.id)}: ${String(row.fix)}`);
  });

  test(`Claude Code 2.1.332's own messages: at least ${TARGET * 100} %`, () => {
    const { right, total, misses } = score(messages);
    assert.ok(total >= 150, `the fixture holds ${total} messages that need a fix`);
    assert.ok(right / total >= TARGET, `${right}/${total}:\n${misses.join('\n')}`);
  });

  test(`texts users pasted into Claude Code's issues: at least ${TARGET * 100} %`, () => {
    const { right, total, misses } = score(pasted);
    assert.ok(right / total >= TARGET, `${right}/${total}:\n${misses.join('\n')}`);
  });

  test('the harmful answers of old are gone', () => {
    const first = (text: string): string | undefined => explain(text)[0]?.fixes[0];
    assert.equal(
      first("Could not refresh your login: can't save to the Keychain · If locked, run security unlock-keychain"),
      'unlock-keychain',
    );
    assert.equal(
      first('Your organization has disabled API key authentication · Run /login to sign in with your claude.ai account'),
      'reauthenticate',
    );
    assert.equal(
      first("API Error: Request blocked before it reached Anthropic's API (HTTP 403) · the network this request came from isn't allowed"),
      'fix-proxy',
    );
    assert.equal(first('Authentication error · This may be a temporary network issue, please try again'), 'wait-for-service');
    assert.equal(
      first("Gateway refused the request · signing in again won't change this — check with your gateway administrator"),
      'contact-admin',
    );
    assert.equal(
      first('AWS credentials expired or invalid · API Error: 403 The security token included in the request is expired'),
      'fix-provider-credentials',
    );
  });
});
