import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { credentialShape, headerProblem, quoted, sentValue } from '../../../src/core/claude-code/credential-value.js';

describe('credential values as Claude Code 2.1.332 sends them', () => {
  test('trimmed; whitespace only counts as unset', () => {
    assert.equal(sentValue('  sk-ant-api03-FAKE\n'), 'sk-ant-api03-FAKE');
    assert.equal(sentValue(' \t\r\n'), null);
    assert.equal(sentValue(''), null);
  });

  test('its refusal wording, character positions counted in code points from 1', () => {
    assert.equal(headerProblem('sk-ant-api03-FAKE'), null);
    assert.equal(headerProblem('sk-ant-FAKE\nsecond'), 'it contains a line break at character 12 (18 characters on 2 lines)');
    assert.equal(headerProblem('ab\r\ncd\ne'), 'it contains a line break at character 3 (8 characters on 3 lines)');
    assert.equal(headerProblem('FAKE\u0000x'), 'it contains a NUL byte at character 5 (6 characters)');
    assert.equal(headerProblem('\u{1F600}FAKE\u200b'), 'it contains a non-ASCII character at character 1 (6 characters)');
    assert.equal(headerProblem('FAKE\u200b'), 'it contains a zero-width character (U+200B) at character 5 (5 characters)');
    assert.equal(headerProblem('\ufeffFAKE'), 'it contains a byte-order mark (U+FEFF) at character 1 (5 characters)');
    assert.equal(headerProblem('FAKE\u201d'), 'it contains a typographic quote (U+201D) at character 5 (5 characters)');
    assert.equal(headerProblem('FAKE\u2014x'), 'it contains a typographic dash (U+2014) at character 5 (6 characters)');
    // Latin-1 passes the first scan; Headers accepts it too (a byte string), so it is sent.
    assert.equal(headerProblem('FAKE\u00e9'), null);
    // Other control characters pass Node's Headers as they pass Claude Code's own scan.
    assert.equal(headerProblem('FAKE\u0007x'), null);
  });

  test('literal quotes and the shape of what was pasted', () => {
    assert.equal(quoted('"sk-ant-api03-FAKE"'), true);
    assert.equal(quoted("'x'"), true);
    assert.equal(quoted('"half'), false);
    assert.equal(quoted('"'), false);
    assert.equal(credentialShape('sk-ant-api03-FAKE'), 'api-key');
    assert.equal(credentialShape('"sk-ant-oat01-FAKE"'), 'oauth-token');
    assert.equal(credentialShape('sk-ant-ort01-FAKE'), 'refresh-token');
    assert.equal(credentialShape('FAKE'), 'other');
  });
});
