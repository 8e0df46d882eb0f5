import { Secret } from '../redact/redact.js';
import type { FileReadResult, FileSystem } from '../io/ports.js';
import { parseJson, type CredentialProblem } from './credentials-json.js';
import { describeUnread } from './paths.js';

/** ~/.claude.json grows with project history; a few MiB is normal, beyond this it is not read. */
export const CLAUDE_JSON_MAX_BYTES = 5 * 1024 * 1024;

/** Who is signed in, from ~/.claude.json. Nothing here is needed to authenticate except primaryApiKey. */
export interface ClaudeAccount {
  readonly path: string;
  /** The path with ~ for home, for messages. */
  readonly shown: string;
  readonly state: FileReadResult['kind'];
  /** Masked like j***@example.com. */
  readonly email: string | null;
  readonly organization: string | null;
  /** The key a Console (API billing) login stored; Claude Code uses it when nothing else applies. */
  readonly primaryApiKey: Secret | null;
  readonly problems: readonly CredentialProblem[];
}

export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Pure part: the account facts from the file's text. `shown` is the path as users read it. */
export function parseClaudeJson(text: string, path: string, shown: string): ClaudeAccount {
  const base = { path, shown, state: 'ok' as const, email: null, organization: null, primaryApiKey: null };
  const parsed = parseJson(text);
  if (!parsed.ok) {
    return {
      ...base,
      problems: [
        {
          code: 'claude-json-corrupt',
          message: `${shown} ${parsed.where}. Claude Code may lose its account and project settings: repair the file, or move it aside (keep a copy) and sign in again.`,
        },
      ],
    };
  }
  const root = record(parsed.value);
  if (!root) {
    return {
      ...base,
      problems: [
        {
          code: 'claude-json-corrupt',
          message: `${shown} does not hold a JSON object: repair the file, or move it aside (keep a copy) and sign in again.`,
        },
      ],
    };
  }
  const account = record(root['oauthAccount']);
  const email = str(account?.['emailAddress']);
  const key = str(root['primaryApiKey']);
  return {
    ...base,
    email: email ? maskEmail(email) : null,
    organization: str(account?.['organizationName']),
    primaryApiKey: key ? new Secret(key) : null,
    problems: [],
  };
}

/** Reads ~/.claude.json bounded; a missing file is normal (no problem), anything odd is a problem. */
export async function readClaudeAccount(fs: FileSystem, path: string, shown: string): Promise<ClaudeAccount> {
  const read = await fs.readText(path, CLAUDE_JSON_MAX_BYTES);
  if (read.kind === 'ok') return parseClaudeJson(read.text, path, shown);
  const base = { path, shown, state: read.kind, email: null, organization: null, primaryApiKey: null };
  if (read.kind === 'missing') return { ...base, problems: [] };
  return { ...base, problems: [{ code: 'claude-json-unreadable', message: `${shown} ${describeUnread(read)}.` }] };
}
