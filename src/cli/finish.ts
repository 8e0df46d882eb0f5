import { redactText } from '../core/redact/redact.js';
import { EXIT } from './exit-codes.js';
import { UsageError, withFlagHint } from './usage.js';

/**
 * Ends the process with the command's exit code, or says what went wrong: a usage error with the
 * hint to --help, anything else as an internal error, redacted either way. Every entry of the CLI
 * (the router and the hot commands) ends through this one, so their errors read the same.
 */
export function finish(run: Promise<number>): void {
  run.then(
    (code) => process.exit(code),
    (error: unknown) => {
      const usage = error instanceof UsageError;
      const raw = error instanceof Error ? error.message : String(error);
      const message = redactText(usage ? withFlagHint(raw) : raw);
      process.stderr.write(
        usage
          ? `claude-auth-doctor: ${message}\nRun "claude-auth-doctor --help" for usage.\n`
          : `claude-auth-doctor: internal error: ${message}\n`,
        () => process.exit(EXIT.usage),
      );
    },
  );
}
