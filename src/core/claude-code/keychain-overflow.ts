import { createDecipheriv } from 'node:crypto';
import type { KeychainOverflow } from './credentials-json.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The service of the overflow item a pointer names: `<service>-overflow-a|b`. */
export function overflowService(service: string, pointer: KeychainOverflow): string {
  return `${service}-overflow-${pointer.slot}`;
}

/**
 * Opens what Claude Code sealed into an overflow item: base64 of iv(12) ‖ ciphertext ‖ tag(16),
 * AES-256-GCM under the pointer's key, holding a JSON object of the sections that moved
 * (`{"claudeAiOauth":{…},"mcpOAuth":{…}}`). Null when it does not open (stale slot, other key).
 */
export function openOverflow(sealed: string, pointer: KeychainOverflow): Record<string, unknown> | null {
  try {
    const bytes = Buffer.from(sealed.trim(), 'base64');
    const key = Buffer.from(pointer.key.reveal(), 'base64');
    if (key.length !== 32 || bytes.length < IV_BYTES + TAG_BYTES) return null;
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const text = decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES), undefined, 'utf8') + decipher.final('utf8');
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
