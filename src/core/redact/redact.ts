import { createHash } from 'node:crypto';
import { inspect } from 'node:util';

/** Short, stable, non-reversible label for a secret: enough to tell two tokens apart. */
export function fingerprint(value: string): string {
  return 'fp:' + createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 8);
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

const SECRET_PATTERNS: readonly RegExp[] = [
  /sk-ant-[a-z]{2,4}\d{2}-[A-Za-z0-9_-]{8,}/g,
  /sk-ant-[A-Za-z0-9_-]{16,}/g,
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /("(?:access_?token|refresh_?token|accessToken|refreshToken|api_?key|apiKey|primaryApiKey|password|secret|client_secret|id_token)"\s*:\s*")([^"]{4,})"/gi,
  /\b((?:x-api-key|authorization|cookie|set-cookie)\s*[:=]\s*)([^\s,;]{6,})/gi,
];

/**
 * Scrubs anything token-shaped from free text (command output, server bodies, pasted errors)
 * before it reaches a report, a log or the renderer.
 */
export function redactText(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match: string, a?: string, b?: string) => {
      if (typeof a === 'string' && typeof b === 'string' && match.startsWith(a)) {
        const closing = match.endsWith('"') && a.endsWith('"') ? '"' : '';
        return `${a}[redacted ${fingerprint(b)}]${closing}`;
      }
      return `[redacted ${fingerprint(match)}]`;
    });
  }
  return out;
}

/** Everything between the scheme (or the start) and the last "@" goes: the crude, safe fallback. */
function maskUserinfo(raw: string): string {
  const schemeEnd = raw.indexOf('://');
  const start = schemeEnd >= 0 ? schemeEnd + 3 : 0;
  const at = raw.lastIndexOf('@');
  return at < start ? raw : `${raw.slice(0, start)}***@${raw.slice(at + 1)}`;
}

/**
 * Removes user:password from a URL (proxy URLs often carry them), with or without a scheme
 * (`user:pw@proxy:3128` is how many people write HTTPS_PROXY). What cannot be parsed is masked
 * up to its last "@".
 */
export function stripUrlCredentials(raw: string): string {
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw);
  let url: URL;
  try {
    url = new URL(hasScheme ? raw : `http://${raw}`);
  } catch {
    return maskUserinfo(raw);
  }
  if (url.username || url.password) {
    url.username = url.username ? '***' : '';
    url.password = url.password ? '***' : '';
  } else if (!hasScheme && raw.includes('@')) {
    return maskUserinfo(raw);
  }
  return hasScheme ? url.toString() : url.toString().replace(/^http:\/\//, '');
}
