import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256Hex } from '../../../src/core/redact/sha256.js';
import { fingerprint } from '../../../src/core/redact/redact.js';

const nodeSha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

test('sha256Hex gives the published digests', () => {
  assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('sha256Hex is node:crypto’s SHA-256 for any text, lone surrogates included', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 80 })), (text) => {
      assert.equal(sha256Hex(text), nodeSha256(text));
    }),
    { numRuns: 500 },
  );
});

test('a fingerprint is the first 8 hex of the SHA-256, as before the change of hash code', () => {
  assert.equal(fingerprint('sk-ant-oat01-canary'), 'fp:' + nodeSha256('sk-ant-oat01-canary').slice(0, 8));
});
