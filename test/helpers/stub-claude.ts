/**
 * A fake `claude` program for tests: a real executable `#!/bin/sh` script (POSIX only; works with PATH set to its directory alone), so the
 * probes run it through the real command runner exactly as they would run Claude Code.
 *
 *   claude --version     → "<version> (Claude Code)" (or `versionOutput` verbatim)
 *   claude auth status   → authStatus (JSON unless a string) on stdout, exit `authExit`
 *   hang                 → every call sleeps (exec'd, so a kill ends it and frees the pipes)
 *   crash                → true: a Node-style stack on stderr, exit 1; 'signal': dies of SIGSEGV
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface StubClaudeOptions {
  readonly version?: string;
  /** Printed instead of "<version> (Claude Code)". */
  readonly versionOutput?: string;
  /** An object is printed as JSON; a string verbatim (e.g. an old version's error). */
  readonly authStatus?: object | string;
  readonly authExit?: number;
  readonly hang?: boolean;
  readonly crash?: boolean | 'signal';
  /** File name inside dir; default "claude". */
  readonly name?: string;
  /** Every run appends its arguments (one line, space-joined) to this file: what ran, by argv. */
  readonly argvLog?: string;
}

export const STUB_CLAUDE_SKIP = process.platform === 'win32' ? 'the stub claude is a /bin/sh script (POSIX only)' : false;

/** Single-quotes text for sh: nothing inside is interpreted. */
function shQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function script(options: StubClaudeOptions): string {
  const version = options.versionOutput ?? `${options.version ?? '2.1.14'} (Claude Code)`;
  const status = options.authStatus ?? { loggedIn: true, authMethod: 'claude.ai', apiProvider: 'firstParty' };
  const auth = typeof status === 'string' ? status : JSON.stringify(status);
  const lines = ['#!/bin/sh'];
  if (options.argvLog) lines.push(`printf '%s\\n' "$*" >> ${shQuote(options.argvLog)}`);
  if (options.hang) lines.push('exec /bin/sleep 30');
  if (options.crash === 'signal') lines.push('kill -SEGV $$', 'exit 99');
  if (options.crash === true) {
    lines.push(
      `printf '%s\\n' ${shQuote("Error: Cannot find module '/usr/lib/node_modules/@anthropic-ai/claude-code/cli.js'")} '    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)' >&2`,
      'exit 1',
    );
  }
  lines.push(
    'case "$1" in',
    `  --version|-v) printf '%s\\n' ${shQuote(version)}; exit 0 ;;`,
    `  auth) if [ "$2" = status ]; then printf '%s\\n' ${shQuote(auth)}; exit ${options.authExit ?? 0}; fi ;;`,
    'esac',
    `echo "stub claude: unexpected arguments: $*" >&2`,
    'exit 2',
  );
  return lines.join('\n') + '\n';
}

/** Writes the stub into dir (created if needed), chmod 755, and returns its path. */
export async function makeStubClaude(dir: string, options: StubClaudeOptions = {}): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, options.name ?? 'claude');
  await writeFile(path, script(options), 'utf8');
  await chmod(path, 0o755);
  return path;
}

/**
 * A `claude` that signs in the way Claude Code does over SSH (for tests that hand it the terminal):
 * `auth login` prints a URL, reads a pasted code and, for `code`, stores `login` (0600) at
 * `credentialsPath`; a wrong code fails as Claude Code does; `auth logout` removes that file.
 * `--version` answers; anything else fails.
 */
export async function makeSignInClaude(
  dir: string,
  options: { credentialsPath: string; login: object; code?: string; version?: string },
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'claude');
  const lines = [
    '#!/bin/sh',
    'case "$1 $2" in',
    `  "--version "*) echo ${shQuote(`${options.version ?? '2.1.14'} (Claude Code)`)}; exit 0 ;;`,
    '  "auth login")',
    '    echo "Browser didn\'t open? Use the url below to sign in: https://claude.ai/oauth/authorize?code=true"',
    "    printf 'Paste code here if prompted > '",
    '    read code',
    `    [ "$code" = ${shQuote(options.code ?? 'FAKE-CODE')} ] || { echo "OAuth error: Invalid code"; exit 1; }`,
    `    printf '%s' ${shQuote(JSON.stringify(options.login))} > ${shQuote(options.credentialsPath)}`,
    `    chmod 600 ${shQuote(options.credentialsPath)}`,
    '    echo "Login successful."',
    '    exit 0 ;;',
    // Signing out removes the login, as Claude Code's does.
    `  "auth logout") rm -f ${shQuote(options.credentialsPath)}; echo "Successfully logged out from your Anthropic account."; exit 0 ;;`,
    'esac',
    'echo "stub claude: unexpected: $*" >&2',
    'exit 2',
  ];
  await writeFile(path, lines.join('\n') + '\n', 'utf8');
  await chmod(path, 0o755);
  return path;
}
