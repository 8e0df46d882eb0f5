/**
 * Turns whatever a user pasted (coloured terminal output, JSON error bodies, log lines with
 * timestamps, paths and request ids) into plain lower-case words, so catalogue phrases match
 * through the noise. Every step is a single linear pass; input beyond MAX_INPUT_CHARS is ignored.
 */

/** Pasted text beyond this is not looked at: error messages are short, logs put them near the top. */
export const MAX_INPUT_CHARS = 64 * 1024;

export interface NormalisedText {
  /** Words ([a-z0-9]+) joined by single spaces, with one space at each end for whole-word search. */
  readonly padded: string;
  readonly tokens: readonly string[];
  readonly vocabulary: ReadonlySet<string>;
  /** HTTP statuses (400–599) mentioned in a status-like position ("API Error: 401", "429 Too Many Requests"). */
  readonly statuses: ReadonlySet<number>;
}

// Terminal escape sequences are made of control characters; matching them is the point.
const ANSI_SEQUENCES =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]{0,512}(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
/** Colour codes whose ESC byte got lost on the way through a chat window or a web form. */
const ORPHAN_SGR = /\[(?:\d{1,3}(?:;\d{1,3}){0,8})?m/g;
// Anchored at the start of a backslash run, so a long run is scanned once, not once per backslash.
const JSON_ESCAPES = /(?<!\\)\\+(?:u([0-9a-fA-F]{4})|[nrtbf])/g;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const JSON_KEYS = /"(?:type|error|message|error_description|detail|details)"\s*:/gi;
const REQUEST_IDS = /\breq_[A-Za-z0-9]{6,}|\brequest[-_ ]?id["']?\s*[:=]\s*["']?[\w-]+/gi;
const TIMESTAMPS =
  /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?/g;
const UNIX_PATHS = /(?<![\w:/.~-])(?:~|\.{1,2})?(?:\/[\w.@+~-]+){2,}\/?/g;
const WINDOWS_PATHS = /(?<!\w)[A-Za-z]:\\(?:[^\\\s"'<>|:*?]+\\)*[^\\\s"'<>|:*?]*/g;
const NON_WORD = /[^a-z0-9]+/g;

const STATUS_BEFORE =
  /(?:^| )(?:api error|error|status|status code|statuscode|http(?: [0-9]){0,2}|code|returned|got|response|failed with) ([45][0-9]{2})(?= |$)/g;
const STATUS_AFTER =
  /(?:^| )([45][0-9]{2}) (?:unauthorized|forbidden|too many requests|internal server error|overloaded|bad gateway|service unavailable|gateway timeout|proxy authentication required|bad request|not found)(?= |$)/g;

/** The word form used for both pasted text and catalogue phrases, so the two always agree. */
export function toWords(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(NON_WORD, ' ').trim();
}

function decodeEscape(_match: string, hex: string | undefined): string {
  return hex === undefined ? ' ' : String.fromCharCode(Number.parseInt(hex, 16));
}

function findStatuses(words: string): Set<number> {
  const found = new Set<number>();
  for (const pattern of [STATUS_BEFORE, STATUS_AFTER]) {
    for (const m of words.matchAll(pattern)) {
      if (m[1] !== undefined) found.add(Number(m[1]));
    }
  }
  return found;
}

export function normalise(raw: string): NormalisedText {
  const text = raw
    .slice(0, MAX_INPUT_CHARS)
    .replace(ANSI_SEQUENCES, ' ')
    .replace(ORPHAN_SGR, ' ')
    .replace(JSON_ESCAPES, decodeEscape)
    .replace(LONE_SURROGATES, ' ')
    .replace(JSON_KEYS, ' ')
    .replace(REQUEST_IDS, ' ')
    .replace(TIMESTAMPS, ' ')
    .replace(UNIX_PATHS, ' ')
    .replace(WINDOWS_PATHS, ' ');
  const words = toWords(text);
  const tokens = words === '' ? [] : words.split(' ');
  return {
    padded: ` ${words} `,
    tokens,
    vocabulary: new Set(tokens),
    statuses: findStatuses(words),
  };
}
