import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  claudeJsonPath,
  configDir,
  configDirEmpty,
  credentialsFilePath,
  displayPath,
  keychainAccount,
  keychainServiceName,
  settingsPath,
  storageDir,
} from '../../../src/core/claude-code/paths.js';

const HOME = '/home/jane';

describe('credential paths', () => {
  test('default locations under the home dir', () => {
    assert.equal(configDir({}, HOME), '/home/jane/.claude');
    assert.equal(credentialsFilePath({}, HOME), '/home/jane/.claude/.credentials.json');
    assert.equal(claudeJsonPath({}, HOME), '/home/jane/.claude.json');
    assert.equal(settingsPath({}, HOME), '/home/jane/.claude/settings.json');
    assert.equal(keychainServiceName({}), 'Claude Code-credentials');
  });

  test('CLAUDE_CONFIG_DIR moves everything, .claude.json included', () => {
    const env = { CLAUDE_CONFIG_DIR: '/srv/claude-work' };
    assert.equal(configDir(env, HOME), '/srv/claude-work');
    assert.equal(credentialsFilePath(env, HOME), '/srv/claude-work/.credentials.json');
    assert.equal(claudeJsonPath(env, HOME), '/srv/claude-work/.claude.json');
    assert.equal(settingsPath(env, HOME), '/srv/claude-work/settings.json');
  });

  test('an empty CLAUDE_CONFIG_DIR is used as it is (the working dir), except for .claude.json and the keychain', () => {
    const env = { CLAUDE_CONFIG_DIR: '' };
    assert.equal(configDir(env, HOME), '');
    assert.equal(credentialsFilePath(env, HOME), '.credentials.json');
    assert.equal(settingsPath(env, HOME), 'settings.json');
    assert.equal(claudeJsonPath(env, HOME), '/home/jane/.claude.json');
    assert.equal(keychainServiceName(env), 'Claude Code-credentials');
    assert.equal(configDirEmpty(env), true);
    assert.equal(configDirEmpty({}), false);
  });

  test('CLAUDE_SECURESTORAGE_CONFIG_DIR moves the login only, and replaces CLAUDE_CONFIG_DIR in the keychain hash', () => {
    const hash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 8);
    const env = { CLAUDE_CONFIG_DIR: '/srv/cfg', CLAUDE_SECURESTORAGE_CONFIG_DIR: '/srv/secure' };
    assert.equal(storageDir(env, HOME), '/srv/secure');
    assert.equal(credentialsFilePath(env, HOME), '/srv/secure/.credentials.json');
    assert.equal(settingsPath(env, HOME), '/srv/cfg/settings.json');
    assert.equal(keychainServiceName(env), `Claude Code-credentials-${hash('/srv/secure')}`);
    // Defined but empty: ~/.claude, and no suffix even with CLAUDE_CONFIG_DIR set.
    const empty = { CLAUDE_CONFIG_DIR: '/srv/cfg', CLAUDE_SECURESTORAGE_CONFIG_DIR: '' };
    assert.equal(credentialsFilePath(empty, HOME), '/home/jane/.claude/.credentials.json');
    assert.equal(keychainServiceName(empty), 'Claude Code-credentials');
  });

  test('the hash is of the raw string: no ~ expansion, no trailing-slash trimming', () => {
    const hash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 8);
    assert.equal(keychainServiceName({ CLAUDE_CONFIG_DIR: '~/cc/' }), `Claude Code-credentials-${hash('~/cc/')}`);
    assert.notEqual(keychainServiceName({ CLAUDE_CONFIG_DIR: '/a/b/' }), keychainServiceName({ CLAUDE_CONFIG_DIR: '/a/b' }));
  });

  test('CLAUDE_CODE_CUSTOM_OAUTH_URL: -custom-oauth before -credentials, and its own .claude-custom-oauth.json', () => {
    const env = { CLAUDE_CODE_CUSTOM_OAUTH_URL: 'https://claude.fedstart.com' };
    assert.equal(keychainServiceName(env), 'Claude Code-custom-oauth-credentials');
    assert.equal(keychainServiceName(env, ''), 'Claude Code-custom-oauth');
    assert.equal(claudeJsonPath(env, HOME), '/home/jane/.claude-custom-oauth.json');
  });

  test('a Console login key lives under service "Claude Code" (+ the same hash)', () => {
    assert.equal(keychainServiceName({}, ''), 'Claude Code');
    assert.match(keychainServiceName({ CLAUDE_CONFIG_DIR: '/x' }, ''), /^Claude Code-[0-9a-f]{8}$/);
  });

  test('keychain account: $USER first, else the system name; odd names become claude-code-user', () => {
    const asked: string[] = [];
    const system = (name: string) => () => (asked.push(name), name);
    assert.equal(keychainAccount({ USER: 'jane' }, system('sysname')), 'jane');
    assert.deepEqual(asked, [], 'with $USER set, the system is not asked');
    assert.equal(keychainAccount({}, system('sysname')), 'sysname');
    assert.deepEqual(asked, ['sysname']);
    assert.equal(keychainAccount({ USER: 'jane doe' }, system('x')), 'claude-code-user');
    assert.equal(keychainAccount({ USER: 'jöns' }, system('x')), 'claude-code-user');
    assert.equal(keychainAccount({ USER: 'j.doe-2_x' }, system('x')), 'j.doe-2_x');
  });

  test('keychain service gets the first 8 hex of sha256 of the NFC config dir', () => {
    const dir = '/Users/jane/work-claude';
    const expected = 'Claude Code-credentials-' + createHash('sha256').update(dir).digest('hex').slice(0, 8);
    assert.equal(keychainServiceName({ CLAUDE_CONFIG_DIR: dir }), expected);
  });

  test('a decomposed (NFD) config dir hashes like its NFC form', () => {
    const nfc = '/Users/jos\u00e9/claude';
    const nfd = '/Users/jose\u0301/claude';
    assert.notEqual(nfc, nfd);
    const expected = 'Claude Code-credentials-' + createHash('sha256').update(nfc, 'utf8').digest('hex').slice(0, 8);
    assert.equal(keychainServiceName({ CLAUDE_CONFIG_DIR: nfd }), expected);
  });

  test('displayPath shows home as ~ and leaves other paths alone', () => {
    assert.equal(displayPath('/home/jane/.claude/.credentials.json', HOME), '~/.claude/.credentials.json');
    assert.equal(displayPath('/home/janet/x', HOME), '/home/janet/x');
    assert.equal(displayPath('/srv/x', HOME), '/srv/x');
  });
});
