import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  claudeJsonPath,
  configDir,
  credentialsFilePath,
  displayPath,
  keychainServiceName,
  settingsPath,
} from '../../../src/core/claude-code/paths.js';

const HOME = '/home/jane';

describe('credential paths', () => {
  test('default locations under the home dir', () => {
    assert.equal(configDir({}, HOME), '/home/jane/.claude');
    assert.equal(credentialsFilePath({}, HOME), '/home/jane/.claude/.credentials.json');
    assert.equal(claudeJsonPath({}, HOME), '/home/jane/.claude.json');
    assert.equal(settingsPath({}, HOME), '/home/jane/.claude/settings.json');
    assert.equal(keychainServiceName({}, HOME), 'Claude Code-credentials');
  });

  test('CLAUDE_CONFIG_DIR moves everything, .claude.json included', () => {
    const env = { CLAUDE_CONFIG_DIR: '/srv/claude-work' };
    assert.equal(configDir(env, HOME), '/srv/claude-work');
    assert.equal(credentialsFilePath(env, HOME), '/srv/claude-work/.credentials.json');
    assert.equal(claudeJsonPath(env, HOME), '/srv/claude-work/.claude.json');
    assert.equal(settingsPath(env, HOME), '/srv/claude-work/settings.json');
  });

  test('an empty CLAUDE_CONFIG_DIR counts as unset', () => {
    assert.equal(configDir({ CLAUDE_CONFIG_DIR: '' }, HOME), '/home/jane/.claude');
    assert.equal(keychainServiceName({ CLAUDE_CONFIG_DIR: '' }, HOME), 'Claude Code-credentials');
  });

  test('keychain service gets the first 8 hex of sha256 of the NFC config dir', () => {
    const dir = '/Users/jane/work-claude';
    const expected = 'Claude Code-credentials-' + createHash('sha256').update(dir).digest('hex').slice(0, 8);
    assert.equal(keychainServiceName({ CLAUDE_CONFIG_DIR: dir }, HOME), expected);
  });

  test('a decomposed (NFD) config dir hashes like its NFC form', () => {
    const nfc = '/Users/jos\u00e9/claude';
    const nfd = '/Users/jose\u0301/claude';
    assert.notEqual(nfc, nfd);
    const expected = 'Claude Code-credentials-' + createHash('sha256').update(nfc, 'utf8').digest('hex').slice(0, 8);
    assert.equal(keychainServiceName({ CLAUDE_CONFIG_DIR: nfd }, HOME), expected);
  });

  test('displayPath shows home as ~ and leaves other paths alone', () => {
    assert.equal(displayPath('/home/jane/.claude/.credentials.json', HOME), '~/.claude/.credentials.json');
    assert.equal(displayPath('/home/janet/x', HOME), '/home/janet/x');
    assert.equal(displayPath('/srv/x', HOME), '/srv/x');
  });
});
