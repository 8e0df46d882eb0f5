export const USAGE = `claude-auth-doctor — keeps Claude Code signed in

Usage:
  claude-auth-doctor [check] [--json] [--offline] [--only id,id] [--timeout ms]
  claude-auth-doctor explain <text… | -> [--json]
  claude-auth-doctor report [--out file]
  claude-auth-doctor fix [fix-id] [--yes] [--dry-run]
  claude-auth-doctor undo [backup-id] [--yes] [--list]
  claude-auth-doctor watch [--json]
  claude-auth-doctor --help | --version

Commands:
  check     Diagnose Claude Code's sign-in: credentials, token, keychain, network, service status.
  explain   Explain an error message Claude Code printed ('-' reads it from stdin).
  report    Write a redacted diagnostic bundle for a support engineer.

Options:
  --json         Machine-readable output (schemaVersion 1).
  --offline      Local checks only; no network.
  --only ids     Run only these checks (comma-separated ids, e.g. auth.token,keychain).
  --timeout ms   Budget for the whole check (default 8000).
  --no-color     No colours (also NO_COLOR=1).

Exit codes: 0 ok, 1 warn or unknown, 2 fail, 3 usage or internal error.

Environment overrides:
  ANTHROPIC_BASE_URL               API (default https://api.anthropic.com)
  CLAUDE_AUTH_DOCTOR_AUTH_URL      OAuth / console (default https://platform.claude.com)
  CLAUDE_AUTH_DOCTOR_STATUS_URL    status page (default https://status.claude.com)
  CLAUDE_AUTH_DOCTOR_CLAUDE_BIN    claude binary (default: first claude on PATH)
  CLAUDE_CONFIG_DIR                Claude Code's config dir (default ~/.claude)
`;

/** A mistake in how the command was called: printed with a hint, exit code 3. */
export class UsageError extends Error {}
