import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { maskEmail, parseClaudeJson } from '../../../src/core/claude-code/claude-json.js';
import { CANARY, assertNoSecrets } from './fixtures.js';

describe('~/.claude.json', () => {
  test('maskEmail keeps the first letter and the domain', () => {
    assert.equal(maskEmail('jane@example.com'), 'j***@example.com');
    assert.equal(maskEmail('a@b.c'), 'a***@b.c');
    assert.equal(maskEmail('no-at-sign'), '***');
    assert.equal(maskEmail('@example.com'), '***');
  });

  test('odd shapes give nulls, not exceptions', () => {
    for (const text of ['{}', '{"oauthAccount":"x"}', '{"oauthAccount":{"emailAddress":5}}', '{"primaryApiKey":""}']) {
      const account = parseClaudeJson(text, '/h/.claude.json', '~/.claude.json');
      assert.equal(account.email, null);
      assert.equal(account.primaryApiKey, null);
      assert.deepEqual(account.problems, []);
    }
  });

  test('a non-object is a problem', () => {
    const account = parseClaudeJson('[]', '/h/.claude.json', '~/.claude.json');
    assert.deepEqual(
      account.problems.map((p) => p.code),
      ['claude-json-corrupt'],
    );
  });

  test('nothing secret survives serialisation', () => {
    const account = parseClaudeJson(
      JSON.stringify({ oauthAccount: { emailAddress: CANARY.email }, primaryApiKey: CANARY.primaryApiKey }),
      '/h/.claude.json',
      '~/.claude.json',
    );
    assert.equal(account.primaryApiKey?.reveal(), CANARY.primaryApiKey);
    assertNoSecrets(account);
  });
});
