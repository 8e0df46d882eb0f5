import { inspect } from 'node:util';
import { sha256Hex } from './sha256.js';
import { redactUrlsInText } from './url.js';

export { stripUrlCredentials } from './url.js';

/** Short, stable, non-reversible label for a secret: enough to tell two tokens apart. */
export function fingerprint(value: string): string {
  return 'fp:' + sha256Hex(value).slice(0, 8);
}

/**
 * A secret held in memory. Every way of turning it into text (String(), JSON, util.inspect,
 * template literals) yields the fingerprint; only `reveal()` gives the value, and only code
 * that sends it to its own server (the token check) calls that.
 */
export class Secret {
  readonly #value: string;
  readonly fingerprint: string;

  constructor(value: string) {
    this.#value = value;
    this.fingerprint = fingerprint(value);
  }

  reveal(): string {
    return this.#value;
  }

  get length(): number {
    return this.#value.length;
  }

  toString(): string {
    return this.fingerprint;
  }

  toJSON(): string {
    return this.fingerprint;
  }

  [inspect.custom](): string {
    return `Secret(${this.fingerprint})`;
  }
}

/** Names that mark a value as secret in `NAME=value`, `--name value`, `name: value` (any case, `-`/`_` alike). */
export const SECRET_NAME =
  /(?:token|secret|passw(?:or)?d|passwd|api[_-]?key|apikey|credentials?|private[_-]?key|client[_-]?secret|session|auth(?:orization)?)$/i;

// A new rule needs a literal its every match holds in MAY_HOLD_SECRET below, and a text of its own in
// test/core/redact/redact.test.ts (oneRuleEach), or redactText may pass what it would have hidden.
const SECRET_PATTERNS: readonly RegExp[] = [
  /sk-ant-[a-z]{2,4}\d{2}-[A-Za-z0-9_-]{8,}/g,
  /sk-ant-[A-Za-z0-9_-]{16,}/g,
  // Other vendors' unmistakable shapes (a helper command or a pasted error can carry them).
  /\b(?:sk|rk)-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}/g,
  /\b(?:hv[sbr]\.[A-Za-z0-9_-]{20,}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|glpat-[A-Za-z0-9_-]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|npm_[A-Za-z0-9]{30,}|AIza[0-9A-Za-z_-]{30,}|(?:AKIA|ASIA)[0-9A-Z]{16}|(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,})/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /("(?:access_?token|refresh_?token|accessToken|refreshToken|api_?key|apiKey|primaryApiKey|password|secret|client_secret|id_token)"\s*:\s*")([^"]{4,})"/gi,
  /\b((?:x-api-key|authorization|proxy-authorization|cookie|set-cookie|x-[a-z0-9-]*(?:token|key|secret|auth)[a-z0-9-]*)\s*[:=]\s*)([^\s,;'"[][^\s,;'"]{5,})/gi,
];

/** The unmistakable token shapes alone (Anthropic's, other vendors', JWTs), without the name-based rules. */
const TOKEN_SHAPES: readonly RegExp[] = SECRET_PATTERNS.slice(0, 5);

/**
 * How many token-shaped strings `text` holds. For text that arrives from elsewhere and should
 * already be redacted (a remote host's answer): any hit means it is refused, not cleaned.
 */
export function countTokenShapes(text: string): number {
  return TOKEN_SHAPES.reduce((sum, pattern) => sum + (text.match(pattern)?.length ?? 0), 0);
}

/** A value that is already a placeholder or only refers to another value: nothing to hide. */
const NOT_A_VALUE = /^(?:\[|\*\*\*|\$|<|%|\{\{)/;

/** `NAME=value` / `export NAME="value"` where NAME sounds secret (a command's env prefix, an rc line, a log). */
const SECRET_ASSIGNMENT = /(^|[\s;(&|`'"])([A-Za-z0-9_]+)=('[^'\n]*'|"[^"\n]*"|[^\s;&|'"`)]+)/g;
/** `--token value`, `--password=value`, `-token value`: a flag that names a secret, then its value. */
const SECRET_FLAG = /(^|\s)(--?[A-Za-z][A-Za-z0-9_-]*)(=|\s+)('[^'\n]*'|"[^"\n]*"|[^\s'"-][^\s'"]*)/g;

function unquote(value: string): string {
  return /^(['"]).*\1$/s.test(value) ? value.slice(1, -1) : value;
}

function hideValue(value: string): string | null {
  const bare = unquote(value);
  if (bare.length < 3 || NOT_A_VALUE.test(bare)) return null;
  const quote = value !== bare ? (value[0] ?? '') : '';
  return `${quote}[redacted ${fingerprint(bare)}]${quote}`;
}

/** The structural pass: values of secret-named assignments and flags, wherever they appear. */
function redactNamedValues(text: string): string {
  return text
    .replace(SECRET_ASSIGNMENT, (match, lead: string, name: string, value: string) => {
      if (!SECRET_NAME.test(name)) return match;
      const hidden = hideValue(value);
      return hidden === null ? match : `${lead}${name}=${hidden}`;
    })
    .replace(SECRET_FLAG, (match, lead: string, flag: string, sep: string, value: string) => {
      if (!SECRET_NAME.test(flag.replace(/^-+/, ''))) return match;
      const hidden = hideValue(value);
      return hidden === null ? match : `${lead}${flag}${sep}${hidden}`;
    });
}

/**
 * Something every rule below needs in order to change a text (a literal each of its matches
 * holds), any case: `@` (userinfo), `=` (parameters, assignments), `"` (quoted JSON fields),
 * `sk-`/`rk-` and the vendors' prefixes, `eyJ` (JWTs), Bearer/Basic, the secret header names, a
 * `-` that starts a flag. (A URL without `@` or `=` comes out of redactUrlsInText as it went in.)
 * Text without any of them is returned as it is, without running (and, the first time, compiling:
 * ~0.7 ms of a shell start) the patterns. test/core/redact holds this against the full pass.
 */
const MAY_HOLD_SECRET =
  /[@="]|[sr]k-|eyj|hv[sbr]\.|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|npm_|aiza|akia|asia|_(?:live|test)_|(?:^|\s)-|bearer|basic|authorization|cookie|x-/i;

export function mayHoldSecret(text: string): boolean {
  return MAY_HOLD_SECRET.test(text);
}

/**
 * Scrubs secrets from free text (command output, server bodies, pasted errors, messages) before it
 * reaches a report, a log or the renderer: token shapes, secret-named assignments and flags, and
 * every URL's userinfo and sensitive parameters (by structure, wherever they are).
 */
export function redactText(text: string): string {
  return mayHoldSecret(text) ? scrubText(text) : text;
}

/** redactText's full pass, every rule on every text; exported for the test that holds mayHoldSecret to it. */
export function scrubText(text: string): string {
  let out = redactUrlsInText(text);
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match: string, a?: string, b?: string) => {
      if (typeof a === 'string' && typeof b === 'string' && match.startsWith(a)) {
        const closing = match.endsWith('"') && a.endsWith('"') ? '"' : '';
        return `${a}[redacted ${fingerprint(b)}]${closing}`;
      }
      return `[redacted ${fingerprint(match)}]`;
    });
  }
  return redactNamedValues(out);
}
