import type { CommandResult } from '../io/ports.js';
import { redactText } from '../redact/redact.js';

/** The macOS `security` tool: the one path Claude Code itself writes its login through. */
export const SECURITY_PATH = '/usr/bin/security';

/**
 * `security` exits with the low byte of the Security framework's OSStatus:
 * errSecInteractionNotAllowed (-25308) → 36 (the keychain is locked and may not prompt),
 * errSecItemNotFound (-25300) → 44, errSecAuthFailed (-25293) → 51, errSecUserCanceled (-128) → 128.
 */
export const SECURITY_EXIT = { locked: 36, notFound: 44, authFailed: 51, userCanceled: 128 } as const;

/** A refused or cancelled unlock prompt also means the keychain is locked right now. */
export function refusedAtPrompt(result: CommandResult): boolean {
  return result.code === SECURITY_EXIT.authFailed || result.code === SECURITY_EXIT.userCanceled;
}

export function looksLocked(result: CommandResult): boolean {
  return result.code === SECURITY_EXIT.locked || /User interaction is not allowed|-25308/i.test(result.stderr);
}

/** The first line of stderr, scrubbed: `security` errors are short and name the failing call. */
export function firstStderrLine(result: CommandResult): string {
  return redactText(result.stderr.trim().split(/\r?\n/)[0] ?? '').slice(0, 300);
}

/** Why a `security` call did not succeed, in words; built from stderr only (stdout of `-w` is the secret). */
export function securityFailure(result: CommandResult, what: string): string {
  if (result.spawnError !== null) return `could not run ${SECURITY_PATH} (${result.spawnError})`;
  if (result.timedOut)
    return `${what} timed out: securityd may be hung or waiting on a prompt (it usually recovers after a log-out, or a restart)`;
  const detail = firstStderrLine(result);
  return `${what} exited with code ${String(result.code)}${detail ? `: ${detail}` : ''}`;
}

/** `-w` prints the password as text, or as hex when it holds non-printable bytes (a JSON login never does). */
export function passwordBytes(stdout: string): Buffer {
  const text = stdout.endsWith('\n') ? stdout.slice(0, -1) : stdout;
  if (/^(?:[0-9a-f]{2})+$/i.test(text) && text.length >= 4) {
    const decoded = Buffer.from(text, 'hex');
    if (decoded.toString('utf8').trimStart().startsWith('{')) return decoded;
  }
  return Buffer.from(text, 'utf8');
}
