import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_PROBE_BUDGET_MS } from '../core/probes/budget.js';
import { didYouMean } from './suggest.js';

export const USAGE = `claude-auth-doctor — keeps Claude Code signed in

Usage:
  claude-auth-doctor [check] [--json] [--offline] [--only id,id] [--timeout ms]
  claude-auth-doctor check --format prometheus [--out FILE] [--label name=value]
  claude-auth-doctor explain <text… | check-id | -> [--json]
  claude-auth-doctor report [--out file]
  claude-auth-doctor fix [fix-id] [--yes] [--sign-in-after] [--dry-run] [--stdin] [--offline] [--timeout ms] [--as-owner]
  claude-auth-doctor undo [backup-id] [--yes] [--list] [--as-owner]
  claude-auth-doctor api-key [--force]
  claude-auth-doctor watch [--json] [--offline] [--timeout ms] [--interval ms] [--metrics HOST:PORT [--label name=value]]
  claude-auth-doctor service install|uninstall|status [--dry-run] [--metrics HOST:PORT [--label name=value]]
  claude-auth-doctor status [--json] [--max-age S]
  claude-auth-doctor statusline [install|uninstall]
  claude-auth-doctor wait [--timeout S] [--offline] [--json]
  claude-auth-doctor hook bash|zsh|fish | hook install|uninstall [--shell S] [--dry-run]
  claude-auth-doctor remote add <ssh-destination> [--name NAME] | list [--json] | remove <name>
  claude-auth-doctor remote check [name…] [--json] [--timeout ms] [--no-reuse]
  claude-auth-doctor remote login <name> [--setup-token | --undo] [--no-open]
  claude-auth-doctor wizard --web [--port N] [--no-open] [--offline] [--as-owner]
  claude-auth-doctor --help | --version

Commands:
  check     Diagnose Claude Code's sign-in: credentials, token, keychain, network, service status.
  explain   Explain an error message Claude Code printed ('-' reads it from stdin), or what a check touches.
  report    Write a redacted diagnostic bundle for a support engineer: to a file in this directory
            on a terminal (--out FILE elsewhere, --out - to stdout); piped, to stdout.
  fix       Walk the plan (or one fix): Enter runs a step, s skips, q quits; re-checks after each.
            --yes runs only the automatic steps (also without a terminal) and never signs you out
            unless the sign-in follows: on a terminal it is handed over; a script that signs in
            itself says --sign-in-after. --dry-run changes nothing;
            --stdin reads a key a step needs from stdin (never from the command line).
  undo      Put back what a fix or service install/uninstall changed (the latest by default); --list lists them.
            As root, fix and undo refuse to work on another user's home; --as-owner makes them
            switch to that user first.
  api-key   Print the API key stored by "fix use-api-key" (for Claude Code's apiKeyHelper; not to a terminal).
  watch     Re-check on wake, network and login-file changes and on a schedule; print each change.
            --metrics HOST:PORT also serves Prometheus metrics (GET /metrics; host 127.0.0.1 by default).
  status    The last full check (saved by check, watch, wait and the tray app) with its age, instantly;
            without one newer than --max-age seconds (default 3600), the local checks (no network).
  wait      Block until the sign-in is ok (re-checks with backoff, at once when the login files
            change); exit 0 then, or at --timeout seconds the exit code of the last state.
  statusline
            One short line for Claude Code's statusLine, tmux or starship, from the last full check
            (stdin is read and ignored). statusline install sets Claude Code's statusLine, keeping
            (chaining) the command that was there; uninstall puts it back; both undoable.
  hook      A line at shell start when the sign-in needs you (locked keychain over SSH, login
            ending, token expiring); silent otherwise, local only. eval "$(claude-auth-doctor hook zsh)",
            fish: claude-auth-doctor hook fish | source; hook install puts the snippet in your rc file (undoable).
  remote    Claude Code's login on your servers, reached with your own ssh (~/.ssh/config, agent,
            keys): add, list and remove hosts (shared with the tray); check them (nothing installed
            there); login signs one in from here (its callback port forwarded, or the code pasted);
            --setup-token sends a token from "claude setup-token" (read from stdin) for always-on servers.
  service   Run watch as a user service (systemd user unit, launchd agent, Windows task at logon);
            through the fix engine, so undo puts things back; --dry-run prints the file and changes nothing.

Options:
  --json         Machine-readable output (schemaVersion 1); --format prometheus: metrics text
                 (--out FILE writes it atomically, for node_exporter's textfile collector).
  --label n=v    An extra label on every metric (host=build-7); never an e-mail or a secret.
  --offline      Local checks only; no network.
  --only ids     Run only these checks (comma-separated ids, e.g. auth.token,keychain).
  --timeout ms   Budget for the whole check (default ${DEFAULT_PROBE_BUDGET_MS}).
  --no-color     No colours (also NO_COLOR=1).

Exit codes: 0 ok, 1 warn or unknown, 2 fail, 3 usage or internal error.

Environment overrides:
  CLAUDE_AUTH_DOCTOR_API_URL       Anthropic API that answers for a token (default https://api.anthropic.com)
  ANTHROPIC_BASE_URL               Claude Code's own: where inference goes (a gateway); checked separately
  CLAUDE_AUTH_DOCTOR_AUTH_URL      OAuth / console (default https://platform.claude.com)
  CLAUDE_AUTH_DOCTOR_STATUS_URL    status page (default https://status.claude.com)
  CLAUDE_AUTH_DOCTOR_CLAUDE_BIN    claude binary (default: first claude on PATH)
  CLAUDE_CONFIG_DIR                Claude Code's config dir (default ~/.claude)
  CLAUDE_AUTH_DOCTOR_MANAGED_SETTINGS_DIR  managed settings (default /etc/claude-code, macOS
                                   /Library/Application Support/ClaudeCode)
`;

/** What `--help` prints: one 80×24 screen, starting with where to start. */
export const SHORT_USAGE = `claude-auth-doctor — keeps Claude Code signed in

Start here:  claude-auth-doctor fix
             (finds what is wrong and walks you through the fix)

Commands:
  check        What is wrong, on one screen (--json for scripts, --offline)
  fix [id]     Walk the fixes: Enter runs a step, s skips, q quits
  explain      Explain an error Claude Code printed (explain - reads stdin)
  report       Write a redacted diagnostic bundle for support
  undo         Put back what a fix changed (--list lists them)
  status       The last check, instantly (wait: block until signed in)
  hook         Warn at shell start (statusline: Claude Code's status line)
  remote       Your servers' Claude logins over ssh: add, check, login
  wizard --web The wizard in your browser
  watch        Re-check on wake and network changes (--metrics HOST:PORT)
  service      Run watch at login: install | uninstall | status
  api-key      Print the stored API key (for Claude Code's apiKeyHelper)

Exit codes: 0 ok, 1 warn or unknown, 2 fail, 3 usage or internal error.
Every option and environment override: claude-auth-doctor help all
`;

/** Every flag the usage names, for "did you mean". */
const KNOWN_FLAGS = [...new Set(USAGE.match(/--[a-z][a-z-]*/g) ?? [])];

/** Node's "Unknown option '--jsno'" with the nearest real flag, when one is near. */
export function withFlagHint(message: string): string {
  const flag = /^Unknown option '(--?[^']+)'/.exec(message)?.[1];
  if (!flag) return message;
  // Node goes on about "--" for positionals starting with "-": not advice for this CLI's users.
  const plain = `Unknown option '${flag}'`;
  return `${plain}.${didYouMean(flag, KNOWN_FLAGS) || ' See --help.'}`;
}

/** A mistake in how the command was called: printed with a hint, exit code 3. */
export class UsageError extends Error {}

/**
 * What parseArgs makes of arguments that hold no option at all (`status`, `statusline`, `hook
 * check`, as the shell hook and the status line run them): the positionals as given and each
 * option's default; null when there is an option, a `--`, or a positional the command refuses.
 * The first call of parseArgs costs ~0.7 ms (Node compiles its parser then), a fifth of what a
 * shell start may add (docs/BENCHMARKS.md).
 */
function withoutOptions(config: ParseArgsConfig): { values: Record<string, unknown>; positionals: string[] } | null {
  const { args, options = {}, strict = true, tokens = false } = config;
  if (args === undefined || tokens || args.some((arg) => arg.startsWith('-'))) return null;
  if (args.length > 0 && !(config.allowPositionals ?? !strict)) return null;
  const values: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [name, option] of Object.entries(options)) if (option.default !== undefined) values[name] = option.default;
  return { values, positionals: [...args] };
}

/** Node's parseArgs, its complaints turned into usage errors (exit 3, with the nearest flag). */
export function parseCommandArgs<const C extends ParseArgsConfig>(config: C): ReturnType<typeof parseArgs<C>> {
  const plain = withoutOptions(config);
  if (plain !== null) return plain as ReturnType<typeof parseArgs<C>>;
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** parseCommandArgs for a command that takes no positionals: just its flags' values. */
export function parseFlags<const T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
): ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: false; strict: true }>>['values'] {
  return parseCommandArgs({ args, allowPositionals: false, strict: true, options }).values;
}
