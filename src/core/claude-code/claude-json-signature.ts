import { createHash } from 'node:crypto';
import { parseJson } from './credentials-json.js';

/** The keys of ~/.claude.json that change what the doctor reports about the sign-in. */
const SIGNED_IN_KEYS = ['oauthAccount', 'primaryApiKey', 'customApiKeyResponses', 'hasCompletedOnboarding'] as const;

/**
 * A digest of the parts of ~/.claude.json that matter to the sign-in. Claude Code rewrites the file
 * all the time (project history, tips, counters): only when this changes is it worth a re-check.
 * A file that does not parse has its own digest, starting with UNPARSABLE (a corrupt file is
 * itself a finding). No secret leaves: the digest is a hash.
 */
export function claudeJsonSignature(text: string): string {
  const parsed = parseJson(text);
  const hash = createHash('sha256');
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    hash.update(`unparsable:${parsed.ok ? 'not-object' : parsed.where}`);
    return `${UNPARSABLE}${hash.digest('hex')}`;
  }
  const root = parsed.value as Record<string, unknown>;
  hash.update(JSON.stringify(SIGNED_IN_KEYS.map((key) => [key, root[key] ?? null])));
  return hash.digest('hex');
}

/** How the signature of a file that does not parse begins: it may be one caught half-written. */
export const UNPARSABLE = 'unparsable:';
