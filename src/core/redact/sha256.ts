import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/**
 * SHA-256 of a short text (UTF-8), in hex: token fingerprints, Claude Code's keychain service
 * suffix, the snapshot's environment key. These run on every shell start and prompt refresh,
 * where loading `node:crypto` (and the streams it pulls in) costs more than the rest of the
 * check, so they use @noble/hashes' SHA-256 in plain JavaScript; the same digest, which
 * test/core/redact/sha256.test.ts holds against `node:crypto`. Hashes of files and large data stay on
 * `node:crypto`.
 */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
