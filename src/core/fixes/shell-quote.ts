import type { Os } from '../io/os.js';

const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one argument for the user's shell: POSIX single quotes, or cmd/PowerShell double quotes. */
export function shellQuote(arg: string, os: Os): string {
  if (arg !== '' && PLAIN.test(arg)) return arg;
  if (os === 'win32') return `"${arg.replace(/"/g, '""')}"`;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** An argv as a user would type it; for display and copy only (the app itself never uses a shell). */
export function shellJoin(argv: readonly string[], os: Os): string {
  return argv.map((arg) => shellQuote(arg, os)).join(' ');
}
