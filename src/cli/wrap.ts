/**
 * Wrapping for the terminal: words to the width, continuation lines under the text (a hanging
 * indent), never a word cut. Widths count characters; escape codes are added after wrapping.
 */

/** The terminal's width when stdout is one (at least 40, at most 120); piped, no wrapping (logs and greps keep whole lines). */
export function terminalWidth(stream: { isTTY?: boolean; columns?: number } = process.stdout): number {
  if (!stream.isTTY) return Number.MAX_SAFE_INTEGER;
  return Math.max(40, Math.min(120, stream.columns ?? 80));
}

/** `first` starts the first line; the text wraps to `width`, later lines indented by `hang` spaces. */
export function hanging(first: string, text: string, width: number, hang: number = first.length): string[] {
  const lines: string[] = [];
  let line = first;
  let fresh = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const sep = fresh ? '' : ' ';
    if (!fresh && line.length + 1 + word.length > width) {
      lines.push(line);
      line = ' '.repeat(hang) + word;
    } else line += sep + word;
    fresh = false;
  }
  lines.push(line);
  return lines;
}

/**
 * A shell command to copy, wrapped to the width without changing what it runs: lines break only
 * at a space outside quotes, each broken line ending in ` \` (the shell joins them again).
 * Continuation lines are indented by `hang`. A word longer than a line stays whole.
 */
export function wrapCommand(first: string, command: string, width: number, hang: number = first.length): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | null = null;
  for (const ch of command) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === ' ') {
      if (word) words.push(word);
      word = '';
      continue;
    }
    word += ch;
  }
  if (word) words.push(word);
  const lines: string[] = [];
  let line = first;
  let fresh = true;
  for (const next of words) {
    if (!fresh && line.length + 1 + next.length + 2 > width) {
      lines.push(`${line} \\`);
      line = ' '.repeat(hang) + next;
    } else line += (fresh ? '' : ' ') + next;
    fresh = false;
  }
  lines.push(line);
  return lines;
}
