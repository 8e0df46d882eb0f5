import { fingerprint, redactText, SECRET_NAME } from './redact.js';

/**
 * A shell command line from the user's configuration (Claude Code's `apiKeyHelper`, an alias) is
 * shown with every argument that looks like a secret replaced by its fingerprint: the program and
 * the shape of the command stay readable, a vault token inside it does not leave.
 *
 * On top of `redactText` (token shapes, secret-named flags and assignments, URLs), each word is
 * judged on its own: a header whose name sounds secret (`-H 'PRIVATE-TOKEN: …'`), and any long
 * word that looks random (letters and digits mixed, high entropy, not a path).
 */

/** Splits into words with their quotes kept, so the line can be put back together unchanged. */
function words(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    const space = /\s+/y;
    space.lastIndex = i;
    const gap = space.exec(line);
    if (gap) {
      out.push(gap[0]);
      i += gap[0].length;
      continue;
    }
    let j = i;
    while (j < line.length && !/\s/.test(line[j] ?? '')) {
      const c = line[j];
      if (c === '\\') j += 2;
      else if (c === "'" || c === '"') {
        const close = line.indexOf(c, j + 1);
        j = close < 0 ? line.length : close + 1;
      } else j += 1;
    }
    out.push(line.slice(i, j));
    i = j;
  }
  return out;
}

function entropyBitsPerChar(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** A word that is probably a key or token: long, from a token alphabet, letters and digits mixed, random-looking. */
export function looksRandom(word: string): boolean {
  if (word.length < 20 || !/^[A-Za-z0-9+/=_.~-]+$/.test(word)) return false;
  if (/^[./~]|\/\//.test(word) || /\.(?:sh|js|py|json|pem|txt|key)$/i.test(word)) return false;
  if (!/[A-Za-z]/.test(word) || !/\d/.test(word)) return false;
  return entropyBitsPerChar(word) >= 3.5;
}

const hidden = (value: string): string => `[redacted ${fingerprint(value)}]`;

function redactWord(word: string, previous: string | undefined): string {
  const quote = /^(['"])(.*)\1$/s.exec(word);
  const inner = quote ? (quote[2] ?? '') : word;
  const wrap = (text: string): string => (quote ? `${quote[1]}${text}${quote[1]}` : text);
  if (previous === '-H' || previous === '--header') {
    const header = /^([A-Za-z0-9_-]+)(\s*:\s*)(.+)$/s.exec(inner);
    if (header && SECRET_NAME.test(header[1] ?? '')) {
      const value = header[3] ?? '';
      return wrap(`${header[1]}${header[2]}${value.startsWith('[redacted') ? value : hidden(value)}`);
    }
  }
  // A quoted command inside the command (`sh -c "…"`): judged word by word too.
  if (quote && /\s/.test(inner)) return wrap(redactCommandLine(inner));
  // `--flag=value` and `NAME=value` were judged by name in redactText; here the value itself.
  const eq = /^([^=]*=)(.*)$/s.exec(inner);
  const value = eq ? (eq[2] ?? '') : inner;
  if (looksRandom(value)) return wrap(`${eq ? eq[1] : ''}${hidden(value)}`);
  return word;
}

export function redactCommandLine(line: string): string {
  const parts = words(redactText(line));
  let previous: string | undefined;
  return parts
    .map((part) => {
      if (/^\s+$/.test(part)) return part;
      const out = redactWord(part, previous);
      previous = part;
      return out;
    })
    .join('');
}

/** An argument vector, redacted the same way: a value after a secret-named flag or `-H` goes with its flag. */
export function redactArgv(argv: readonly string[]): string[] {
  return argv.map((arg, i) => {
    const previous = argv[i - 1];
    if (
      previous !== undefined &&
      /^--?[A-Za-z]/.test(previous) &&
      !previous.includes('=') &&
      SECRET_NAME.test(previous.replace(/^-+/, '')) &&
      !arg.startsWith('-')
    )
      return hidden(arg);
    return redactWord(redactText(arg), previous);
  });
}
