/**
 * A small JSON-lines file logger with size-based rotation, for the tray app and `watch`. Every
 * line goes through redactText before it reaches the disk, and values under secret-sounding
 * keys are replaced by fingerprints first, so a token handed to the logger by mistake is never
 * written. Writes are synchronous: lines are few, and the last lines before a crash must land.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, posix, win32 } from 'node:path';
import type { Os } from '../io/os.js';
import type { Clock } from '../io/ports.js';
import { fingerprint, redactText } from '../redact/redact.js';
import { redactArgv, redactCommandLine } from '../redact/command-line.js';

/** Points logs somewhere else (tests, portable installs); wins over the OS default. */
export const LOG_DIR_VARIABLE = 'CLAUDE_AUTH_DOCTOR_LOG_DIR';

type Env = Readonly<Record<string, string | undefined>>;

/** Where each OS expects per-user logs (macOS Console.app shows ~/Library/Logs). */
export function logDir(env: Env, os: Os, homeDir: string): string {
  const override = env[LOG_DIR_VARIABLE]?.trim();
  if (override) return override;
  switch (os) {
    case 'darwin':
      return posix.join(homeDir, 'Library', 'Logs', 'Claude Auth Doctor');
    case 'win32': {
      const local = env['LOCALAPPDATA']?.trim() || win32.join(homeDir, 'AppData', 'Local');
      return win32.join(local, 'Claude Auth Doctor', 'logs');
    }
    case 'linux': {
      const xdg = env['XDG_STATE_HOME']?.trim();
      // The XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored.
      const base = xdg && xdg.startsWith('/') ? xdg : posix.join(homeDir, '.local', 'state');
      return posix.join(base, 'claude-auth-doctor', 'logs');
    }
  }
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** The file being written now; rotated ones are `<name>.1.log` (newest) … `<name>.<maxFiles-1>.log`. */
  readonly path: string;
}

export interface FileLoggerOptions {
  readonly dir: string;
  /** Base name without `.log`; one per process kind (`app`, `watch`) so two writers never rotate one file. */
  readonly name?: string;
  /** Rotate before a line would take the file past this size. */
  readonly maxBytes?: number;
  /** Files kept, the current one included. */
  readonly maxFiles?: number;
  readonly level?: LogLevel;
  readonly clock?: Clock;
  /** Told (once) when writing fails; logging itself never throws. */
  readonly onError?: (error: Error) => void;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_MAX_FILES = 5;
const MAX_STRING = 4096;
const MAX_DEPTH = 6;
const SECRET_KEY = /token|secret|passw|api_?key|authorization|cookie|credential|private_?key/i;
/** Strings under these keys are command lines: redacted word by word (random-looking arguments too). */
const COMMAND_KEY = /command|cmd|helper|argv/i;

const MAX_ITEMS = 100;

/**
 * JSON-safe copy of log fields: errors expanded, strings redacted and capped, and every string
 * under a secret-sounding key (at any depth below it) replaced by its fingerprint; strings under a
 * command-sounding key redacted as command lines.
 */
function clean(value: unknown, secret: boolean, depth: number, seen: WeakSet<object>, command = false): unknown {
  if (typeof value === 'string') {
    if (secret && value.length > 0) return `[redacted ${fingerprint(value)}]`;
    const capped = value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…[${value.length - MAX_STRING} more chars]` : value;
    return command ? redactCommandLine(capped) : redactText(capped);
  }
  if (value === null || value === undefined || typeof value === 'boolean') return value ?? null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return `[${typeof value}]`;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  if (value instanceof Error) {
    const { code } = value as NodeJS.ErrnoException;
    return clean({ name: value.name, message: value.message, code, stack: value.stack }, secret, depth + 1, seen, command);
  }
  // Secret (and anything else with toJSON) decides its own JSON: for a Secret, the fingerprint.
  const toJSON = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof toJSON === 'function') return clean(toJSON.call(value), secret, depth + 1, seen, command);
  if (command && !secret && Array.isArray(value) && value.every((item) => typeof item === 'string'))
    return redactArgv(value.slice(0, MAX_ITEMS) as string[]);
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => clean(item, secret, depth + 1, seen, command));
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (child !== undefined)
      out[redactText(key)] = clean(child, secret || SECRET_KEY.test(key), depth + 1, seen, command || COMMAND_KEY.test(key));
  }
  return out;
}

/** One JSON line; whatever survived the structured pass still goes through redactText whole. */
export function formatLogLine(time: number, level: LogLevel, message: string, fields: LogFields | undefined): string {
  const stamp = new Date(time).toISOString();
  const record: Record<string, unknown> = { time: stamp, level, msg: clean(message, false, 0, new WeakSet()) };
  const extra = clean(fields ?? {}, false, 0, new WeakSet());
  if (typeof extra === 'object' && extra !== null) {
    for (const [key, value] of Object.entries(extra)) if (!(key in record)) record[key] = value;
  }
  const line = redactText(JSON.stringify(record));
  try {
    JSON.parse(line);
    return line;
  } catch {
    // A redaction that cut through JSON syntax: keep the event, drop its details.
    return JSON.stringify({ time: stamp, level, msg: '(log line withheld: it could not be redacted safely)' });
  }
}

export function createFileLogger(options: FileLoggerOptions): Logger {
  const name = options.name ?? 'claude-auth-doctor';
  const maxBytes = Math.max(1024, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const maxFiles = Math.max(1, Math.floor(options.maxFiles ?? DEFAULT_MAX_FILES));
  const threshold = LEVELS[options.level ?? 'info'];
  const clock = options.clock ?? { now: () => Date.now() };
  const path = join(options.dir, `${name}.log`);
  const rotated = (n: number): string => join(options.dir, `${name}.${n}.log`);
  let size: number | null = null;
  let reported = false;

  function fail(error: unknown): void {
    if (reported) return;
    reported = true;
    options.onError?.(error instanceof Error ? error : new Error(String(error)));
  }

  function currentSize(): number {
    if (size === null) {
      mkdirSync(options.dir, { recursive: true, mode: 0o700 });
      try {
        size = statSync(path).size;
      } catch {
        size = 0;
      }
    }
    return size;
  }

  function rotate(): void {
    rmSync(rotated(maxFiles - 1), { force: true });
    for (let n = maxFiles - 2; n >= 1; n--) {
      try {
        renameSync(rotated(n), rotated(n + 1));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    if (maxFiles > 1) renameSync(path, rotated(1));
    else rmSync(path, { force: true });
    size = 0;
  }

  function write(level: LogLevel, message: string, fields: LogFields | undefined): void {
    if (LEVELS[level] < threshold) return;
    try {
      const line = formatLogLine(clock.now(), level, message, fields) + '\n';
      const bytes = Buffer.byteLength(line);
      if (currentSize() > 0 && currentSize() + bytes > maxBytes) rotate();
      appendFileSync(path, line, { mode: 0o600 });
      size = currentSize() + bytes;
    } catch (error) {
      size = null;
      fail(error);
    }
  }

  return {
    path,
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
