import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadClaudeCodeSettings, parseSettings } from '../../../src/core/claude-code/settings-json.js';
import { makeProbeInput } from '../../helpers/probe-input.js';
import { CANARY, assertNoSecrets, writeSettings } from './fixtures.js';

const SHOWN = '~/.claude/settings.json';
const parse = (text: string) => parseSettings(text, '/h/.claude/settings.json', SHOWN);

describe('parseSettings', () => {
  test('apiKeyHelper and the env block', () => {
    const settings = parse(JSON.stringify({ apiKeyHelper: '~/bin/key.sh', env: { ANTHROPIC_API_KEY: 'k', MAX: 3, FLAG: true } }));
    assert.equal(settings.apiKeyHelper, '~/bin/key.sh');
    assert.deepEqual(settings.env, { ANTHROPIC_API_KEY: 'k', MAX: '3', FLAG: 'true' });
    assert.deepEqual(settings.problems, []);
  });

  test('bad JSON: a problem naming the file, nothing applied', () => {
    const settings = parse(`{"env":{"ANTHROPIC_API_KEY":"${CANARY.apiKey}"`);
    assert.deepEqual(
      settings.problems.map((p) => p.code),
      ['settings-corrupt'],
    );
    assert.match(settings.problems[0]!.message, /~\/\.claude\/settings\.json looks truncated/);
    assert.deepEqual(settings.env, {});
    assertNoSecrets(settings);
  });

  test('wrong types are problems; good entries still apply', () => {
    const settings = parse(JSON.stringify({ apiKeyHelper: 7, env: { A: 'x', B: { nested: 1 } } }));
    assert.deepEqual(
      settings.problems.map((p) => p.code),
      ['settings-wrong-type', 'settings-wrong-type'],
    );
    assert.equal(settings.apiKeyHelper, null);
    assert.deepEqual(settings.env, { A: 'x' });
  });

  test('a non-object root', () => {
    assert.deepEqual(
      parse('[1]').problems.map((p) => p.code),
      ['settings-corrupt'],
    );
    assert.deepEqual(
      parse('"env"').problems.map((p) => p.code),
      ['settings-corrupt'],
    );
  });

  test('an empty apiKeyHelper counts as unset', () => {
    assert.equal(parse('{"apiKeyHelper":"  "}').apiKeyHelper, null);
  });
});

describe('loadClaudeCodeSettings', () => {
  test('reads ~/.claude/settings.json from disk', async () => {
    const ctx = makeProbeInput();
    await writeSettings(ctx.homeDir, { env: { CLAUDE_CODE_USE_BEDROCK: '1' } });
    const settings = await loadClaudeCodeSettings(ctx);
    assert.equal(settings.shown, SHOWN);
    assert.deepEqual(settings.env, { CLAUDE_CODE_USE_BEDROCK: '1' });
  });

  test('missing file: empty settings, no problem', async () => {
    const settings = await loadClaudeCodeSettings(makeProbeInput());
    assert.deepEqual(settings.env, {});
    assert.equal(settings.apiKeyHelper, null);
    assert.deepEqual(settings.problems, []);
  });
});
