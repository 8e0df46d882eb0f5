import { redactText, Secret } from '../redact/redact.js';

/**
 * What can be wrong with a stored login. credentials-json.ts reports the first group (content), stored-login.ts the
 * file and keychain states, claude-json.ts the account file. Probes map codes to a status.
 */
export type CredentialProblemCode =
  | 'bom'
  | 'corrupt-json'
  | 'not-object'
  | 'no-oauth'
  | 'wrong-type'
  | 'emptied'
  | 'no-inference-scope'
  | 'expires-seconds'
  | 'dangling-link'
  | 'too-large'
  | 'not-a-file'
  | 'unreadable'
  | 'mode-too-wide'
  | 'keychain-locked'
  | 'keychain-error'
  | 'keychain-overflow-unreadable'
  | 'credman'
  | 'config-dir-empty'
  | 'disk-full'
  | 'config-unwritable'
  | 'claude-json-corrupt'
  | 'claude-json-unreadable';

/** A message names the file and what to do; it never carries a token. */
export interface CredentialProblem {
  readonly code: CredentialProblemCode;
  readonly message: string;
}

/** Claude Code's `claudeAiOauth` block, with the tokens wrapped so they cannot leak by accident. */
export interface OAuthCredentials {
  readonly accessToken: Secret | null;
  readonly refreshToken: Secret | null;
  /** Epoch milliseconds as stored (0 when emptied); null when absent. */
  readonly expiresAt: number | null;
  /** When the login itself ends (epoch ms): its time limit, which refreshing never moves. */
  readonly refreshTokenExpiresAt: number | null;
  readonly scopes: readonly string[];
  readonly subscriptionType: string | null;
  /** "time_limit" when Claude Code emptied the tokens because the refresh token reached its time limit. */
  readonly loginEnded: string | null;
}

/**
 * macOS: the pointer Claude Code leaves in the keychain item when the JSON grew too large for one
 * `security` command line and sections moved to `<service>-overflow-a|b` (AES-256-GCM sealed).
 */
export interface KeychainOverflow {
  readonly slot: 'a' | 'b';
  /** The AES-256 key, base64: a secret. */
  readonly key: Secret;
}

export interface ParsedCredentials {
  readonly oauth: OAuthCredentials | null;
  readonly problems: readonly CredentialProblem[];
  /** Present when sections (possibly claudeAiOauth itself) live in an overflow item. */
  readonly overflow: KeychainOverflow | null;
  /** A Cloud gateway sign-in is held (`enterpriseGateway`): Claude Code then talks to the gateway, not to Anthropic. */
  readonly gateway: boolean;
}

export type JsonParse =
  | { readonly ok: true; readonly value: unknown; readonly bom: boolean }
  | { readonly ok: false; readonly where: string; readonly bom: boolean };

/** Anything below this is surely seconds: 1e11 ms is March 1973, 1e11 s is year 5138. */
const SECONDS_LIMIT = 1e11;
/** The largest time a Date holds; beyond it toISOString throws. */
const MAX_DATE_MS = 8.64e15;

/**
 * JSON.parse that says where it broke without echoing the input: V8's messages can quote a
 * snippet of the text, which here would be a token.
 */
export function parseJson(raw: string): JsonParse {
  const bom = raw.startsWith('\uFEFF');
  const text = bom ? raw.slice(1) : raw;
  if (text.trim() === '') return { ok: false, where: `is empty (${text.length} bytes)`, bom };
  try {
    return { ok: true, value: JSON.parse(text) as unknown, bom };
  } catch (error) {
    return { ok: false, where: describeJsonError(text, (error as Error).message), bom };
  }
}

function describeJsonError(text: string, message: string): string {
  const end = text.trimEnd().length;
  const match = / in JSON at position (\d+)/.exec(message);
  if (/Unexpected end of JSON input/.test(message) || (match && Number(match[1]) >= end)) {
    return `looks truncated: it ends after ${end} characters in the middle of the JSON`;
  }
  if (!match) return 'is not valid JSON (an unexpected character)';
  const position = Number(match[1]);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  const reason = message.slice(0, match.index);
  const safe =
    /^[A-Za-z ,'{}[\]:-]{1,80}$/.test(reason) && !reason.startsWith('Unexpected token') ? reason.toLowerCase() : 'unexpected character';
  return `is not valid JSON at line ${line}, column ${column} (${safe})`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/**
 * Reads Claude Code's credentials JSON (file or keychain item). Pure and total: every odd input
 * becomes a problem, never an exception. `origin` names where the text came from, for messages.
 */
export function parseCredentials(raw: string, origin: string): ParsedCredentials {
  const problems: CredentialProblem[] = [];
  const parsed = parseJson(raw);
  if (parsed.bom) {
    problems.push({
      code: 'bom',
      message: `${origin} starts with a byte-order mark (an editor added it); it was ignored here, but save the file as plain UTF-8 or sign in again.`,
    });
  }
  if (!parsed.ok) {
    problems.push({
      code: 'corrupt-json',
      message: `${origin} ${parsed.where}. Claude Code cannot read its login: reset the stored credentials and sign in again.`,
    });
    return { oauth: null, problems, overflow: null, gateway: false };
  }
  if (!isRecord(parsed.value)) {
    problems.push({
      code: 'not-object',
      message: `${origin} holds ${kindOf(parsed.value)} instead of a JSON object. Reset the stored credentials and sign in again.`,
    });
    return { oauth: null, problems, overflow: null, gateway: false };
  }
  const root = parsed.value;
  const overflow = readOverflow(root['keychainOverflow']);
  const gateway = isRecord(root['enterpriseGateway']);
  const block = root['claudeAiOauth'];
  if (block === undefined || block === null) {
    // With an overflow pointer the login may sit in the overflow item: the reader looks there first.
    if (!overflow) {
      problems.push({
        code: 'no-oauth',
        message: `${origin} holds no Claude login (no "claudeAiOauth"). Sign in with \`claude auth login\`.`,
      });
    }
    return { oauth: null, problems, overflow, gateway };
  }
  if (!isRecord(block)) {
    problems.push(wrongType(origin, 'claudeAiOauth', 'an object', block));
    return { oauth: null, problems, overflow, gateway };
  }
  return { oauth: readOauth(block, origin, problems), problems, overflow, gateway };
}

function readOverflow(value: unknown): KeychainOverflow | null {
  if (!isRecord(value)) return null;
  const slot = value['slot'];
  const key = value['key'];
  return (slot === 'a' || slot === 'b') && typeof key === 'string' && key !== '' ? { slot, key: new Secret(key) } : null;
}

function wrongType(origin: string, field: string, expected: string, value: unknown): CredentialProblem {
  return {
    code: 'wrong-type',
    message: `"${field}" in ${origin} should be ${expected} but is ${kindOf(value)}. Reset the stored credentials and sign in again.`,
  };
}

function readOauth(block: Record<string, unknown>, origin: string, problems: CredentialProblem[]): OAuthCredentials {
  const text = (field: string): string | null => {
    const value = block[field];
    if (value === undefined || value === null) return null;
    if (typeof value === 'string') return value;
    problems.push(wrongType(origin, `claudeAiOauth.${field}`, 'a string', value));
    return null;
  };
  const access = text('accessToken');
  const refresh = text('refreshToken');
  const subscriptionType = text('subscriptionType');
  const loginEnded = text('loginEnded');

  const time = (field: 'expiresAt' | 'refreshTokenExpiresAt'): number | null => {
    const raw = block[field];
    if (typeof raw === 'number' && raw >= 0 && raw <= MAX_DATE_MS) return raw;
    if (typeof raw === 'number') {
      problems.push({
        code: 'wrong-type',
        message: `"claudeAiOauth.${field}" in ${origin} is not a usable time (${raw}). Sign in again to rewrite it.`,
      });
    } else if (raw !== undefined && raw !== null)
      problems.push(wrongType(origin, `claudeAiOauth.${field}`, 'a number (epoch milliseconds)', raw));
    return null;
  };
  const expiresAt = time('expiresAt');
  const refreshTokenExpiresAt = time('refreshTokenExpiresAt');

  let scopes: string[] = [];
  const rawScopes = block['scopes'];
  // Not secret by design, but shown in reports: a token pasted into the wrong field must not leak.
  if (Array.isArray(rawScopes)) scopes = rawScopes.filter((s): s is string => typeof s === 'string').map(redactText);
  else if (rawScopes !== undefined && rawScopes !== null)
    problems.push(wrongType(origin, 'claudeAiOauth.scopes', 'an array of strings', rawScopes));

  const emptied = [access === '' ? 'accessToken is empty' : null, expiresAt === 0 ? 'expiresAt is 0' : null].filter(Boolean);
  if (emptied.length > 0) {
    const why =
      loginEnded === 'time_limit'
        ? 'Claude Code does this when the login reached its time limit (the refresh token expired; refreshing never extends it)'
        : 'Claude Code does this when Anthropic refused a refresh (invalid_grant): most often another Claude Code process had already used the single-use refresh token, or the login was revoked';
    problems.push({
      code: 'emptied',
      message: `The stored tokens in ${origin} were emptied (${emptied.join(', ')}): ${why}. Sign in again with \`claude auth login\`.`,
    });
  } else {
    if (access && !scopes.includes('user:inference')) {
      const has = scopes.length > 0 ? `it has only ${scopes.join(', ')}` : 'it lists no scopes';
      problems.push({
        code: 'no-inference-scope',
        message: `The login in ${origin} lacks the user:inference scope (${has}), so Claude Code treats it as "Not logged in". Sign in again with \`claude auth login\`.`,
      });
    }
    if (expiresAt !== null && expiresAt > 0 && expiresAt < SECONDS_LIMIT) {
      problems.push({
        code: 'expires-seconds',
        message: `"claudeAiOauth.expiresAt" in ${origin} looks like seconds, not milliseconds (${expiresAt}); Claude Code reads milliseconds, so it treats this token as long expired. Sign in again to rewrite it.`,
      });
    }
  }

  return {
    accessToken: access ? new Secret(access) : null,
    refreshToken: refresh ? new Secret(refresh) : null,
    expiresAt,
    refreshTokenExpiresAt,
    scopes,
    subscriptionType: subscriptionType === null ? null : redactText(subscriptionType),
    loginEnded: loginEnded === null ? null : redactText(loginEnded).slice(0, 40),
  };
}
