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
  /**
   * `customApiKeyResponses`: the last 20 characters of each ANTHROPIC_API_KEY the user approved or
   * declined in an interactive session (wrapped: they are part of a key). Interactive Claude Code
   * uses ANTHROPIC_API_KEY only once approved; `-p` and the SDK use it regardless.
   */
  readonly apiKeyResponses: { readonly approved: readonly Secret[]; readonly rejected: readonly Secret[] };
  /** The interactive UI ignores CLAUDE_CODE_OAUTH_TOKEN and runs onboarding until this is true; null when the file has no answer. */
  readonly hasCompletedOnboarding: boolean | null;
  /** The legacy "env" block of ~/.claude.json, applied before every settings.json "env" block. */
  readonly env: Readonly<Record<string, string>>;
  readonly problems: readonly CredentialProblem[];
}

/** True when interactive Claude Code would use this ANTHROPIC_API_KEY (trimmed): its last 20 characters were approved. */
export function apiKeyApproved(account: Pick<ClaudeAccount, 'apiKeyResponses'>, key: string): boolean {
  const tail = key.trim().slice(-20);
  return account.apiKeyResponses.approved.some((approved) => approved.reveal() === tail);
}

export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

const EMPTY = {
  email: null,
  organization: null,
  primaryApiKey: null,
  apiKeyResponses: { approved: [], rejected: [] },
  hasCompletedOnboarding: null,
  env: {},
} as const;

function secrets(value: unknown): Secret[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '').map((v) => new Secret(v)) : [];
}

function envBlock(value: unknown): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, v] of Object.entries(record(value) ?? {})) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') env[name] = String(v);
  }
  return env;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Pure part: the account facts from the file's text. `shown` is the path as users read it. */
export function parseClaudeJson(text: string, path: string, shown: string): ClaudeAccount {
  const base = { path, shown, state: 'ok' as const, ...EMPTY };
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
  const responses = record(root['customApiKeyResponses']);
  const onboarding = root['hasCompletedOnboarding'];
  return {
    ...base,
    email: email ? maskEmail(email) : null,
    organization: str(account?.['organizationName']),
    primaryApiKey: key ? new Secret(key) : null,
    apiKeyResponses: { approved: secrets(responses?.['approved']), rejected: secrets(responses?.['rejected']) },
    hasCompletedOnboarding: typeof onboarding === 'boolean' ? onboarding : null,
    env: envBlock(root['env']),
    problems: [],
  };
}

/** Reads ~/.claude.json bounded; a missing file is normal (no problem), anything odd is a problem. */
export async function readClaudeAccount(fs: FileSystem, path: string, shown: string): Promise<ClaudeAccount> {
  const read = await fs.readText(path, CLAUDE_JSON_MAX_BYTES);
  if (read.kind === 'ok') return parseClaudeJson(read.text, path, shown);
  const base = { path, shown, state: read.kind, ...EMPTY };
  if (read.kind === 'missing') return { ...base, problems: [] };
  return { ...base, problems: [{ code: 'claude-json-unreadable', message: `${shown} ${describeUnread(read)}.` }] };
}
