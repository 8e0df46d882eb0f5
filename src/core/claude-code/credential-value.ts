/**
 * How Claude Code treats a key or token value before sending it: environment values are trimmed
 * (leading and trailing whitespace and line breaks go; an empty result counts as unset), then every
 * header is tried with `new Headers()`. A value it cannot send is refused with a message naming the
 * first bad character ("Invalid API key · Fix external API key · Invalid X-Api-Key header value from
 * ANTHROPIC_API_KEY: it contains a line break at character 18 (34 characters on 2 lines)."). Pure.
 */

/** What Claude Code sends: `String.prototype.trim` of the value; null when nothing is left. */
export function sentValue(raw: string): string | null {
  const trimmed = raw.trim();
  return trimmed === '' ? null : trimmed;
}

function hex(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Claude Code's names for the characters people paste by accident. */
function characterName(codePoint: number): string | null {
  switch (codePoint) {
    case 0xfeff:
      return 'a byte-order mark (U+FEFF)';
    case 0x200b:
    case 0x200c:
    case 0x200d:
    case 0x2060:
      return `a zero-width character (${hex(codePoint)})`;
    case 0xa0:
    case 0x202f:
      return `a no-break space (${hex(codePoint)})`;
    case 0x2018:
    case 0x2019:
    case 0x201c:
    case 0x201d:
      return `a typographic quote (${hex(codePoint)})`;
    case 0x2013:
    case 0x2014:
      return `a typographic dash (${hex(codePoint)})`;
    case 0x2026:
      return 'an ellipsis character (U+2026)';
    case 0x2028:
    case 0x2029:
      return `a line or paragraph separator (${hex(codePoint)})`;
    case 0xfffd:
      return 'a replacement character (U+FFFD)';
    default:
      return codePoint >= 0xd800 && codePoint <= 0xdfff ? 'an unpaired UTF-16 surrogate' : null;
  }
}

function size(value: string): string {
  const length = [...value].length;
  const lines = value.split(/\r\n|\r|\n/).length;
  const chars = length === 1 ? '1 character' : `${length} characters`;
  return lines > 1 ? `${chars} on ${lines} lines` : chars;
}

function headerAccepts(value: string): boolean {
  try {
    new Headers([['x-api-key', value]]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why Claude Code would refuse to send this (already trimmed) value as a header, in its words
 * ("it contains a line break at character 18 (34 characters on 2 lines)"); null when it sends it.
 * Positions count characters (code points) from 1, as Claude Code does.
 */
export function headerProblem(value: string): string | null {
  const chars = [...value];
  const lineBreak = chars.findIndex((c) => c === '\n' || c === '\r');
  if (lineBreak >= 0) return `it contains a line break at character ${lineBreak + 1} (${size(value)})`;
  for (let i = 0; i < chars.length; i += 1) {
    const codePoint = chars[i]?.codePointAt(0) ?? 0;
    if (codePoint === 0) return `it contains a NUL byte at character ${i + 1} (${size(value)})`;
    if (codePoint > 0xff) {
      return `it contains ${characterName(codePoint) ?? 'a non-ASCII character'} at character ${i + 1} (${size(value)})`;
    }
  }
  return headerAccepts(value) ? null : `it contains a character the HTTP runtime does not accept (${size(value)})`;
}

/** Literal quote marks around a value are sent as part of it: the server then rejects the key. */
export function quoted(value: string): boolean {
  return /^(["']).*\1$/s.test(value) && value.length >= 2;
}

/** What a value looks like, for "this is an OAuth token, not an API key" warnings. */
export function credentialShape(value: string): 'api-key' | 'oauth-token' | 'refresh-token' | 'other' {
  const bare = value.replace(/^["'](.*)["']$/s, '$1');
  if (bare.startsWith('sk-ant-api')) return 'api-key';
  if (bare.startsWith('sk-ant-oat')) return 'oauth-token';
  if (bare.startsWith('sk-ant-ort')) return 'refresh-token';
  return 'other';
}
