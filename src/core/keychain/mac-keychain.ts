import type { CommandResult, CommandRunner } from '../io/ports.js';
import { redactText } from '../redact/redact.js';
import type { SecretDelete, SecretItemStore, SecretRead, SecretWrite } from './secret-stores.js';

export const SECURITY_PATH = '/usr/bin/security';

/** `security` exit codes: the low byte of the Security framework's OSStatus. */
const EXIT_LOCKED = 36;
const EXIT_NOT_FOUND = 44;

/**
 * `security -i` reads each command line into a 4096-byte buffer and cuts longer lines, which
 * would store half a login. Claude Code uses the same limit (with 64 bytes of headroom).
 */
export const SECURITY_STDIN_LINE_LIMIT = 4096 - 64;

function firstLine(text: string): string {
  return redactText(text.trim().split(/\r?\n/)[0] ?? '').slice(0, 200);
}

function failure(result: CommandResult, what: string): string {
  if (result.spawnError) return `${what} could not start (${result.spawnError})`;
  if (result.timedOut) return `${what} timed out (the keychain may be waiting on a prompt)`;
  const said = firstLine(result.stderr);
  return `${what} exited with code ${String(result.code)}${said ? `: ${said}` : ''}`;
}

/** `-w` prints the password as text, or as hex when it holds non-printable bytes (JSON never does). */
function passwordBytes(stdout: string): Buffer {
  const text = stdout.endsWith('\n') ? stdout.slice(0, -1) : stdout;
  if (/^(?:[0-9a-f]{2})+$/i.test(text) && text.length >= 4) {
    const decoded = Buffer.from(text, 'hex');
    if (decoded.toString('utf8').trimStart().startsWith('{')) return decoded;
  }
  return Buffer.from(text, 'utf8');
}

/** Quoting inside a `security -i` line: double quotes, with `\` and `"` escaped. */
function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The macOS keychain through /usr/bin/security. Writing a secret is the delicate part:
 * `add-generic-password -w <secret>` would put it in argv, readable by any process of the user
 * (ps). We pipe the command to `security -i` on stdin instead, with the value hex-encoded (-X),
 * which is what Claude Code itself does, so the item comes back exactly as Claude Code wrote it.
 * `-X <hex>` on the command line is no better than `-w`: hex is not protection. Only a login
 * longer than `security -i` accepts falls back to argv; the result says so.
 */
export function createMacKeychain(runner: CommandRunner, options: { securityPath?: string; timeoutMs?: number } = {}): SecretItemStore {
  const security = options.securityPath ?? SECURITY_PATH;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const run = (args: readonly string[], input?: string): Promise<CommandResult> =>
    runner.run(security, args, { timeoutMs, maxBytes: 1024 * 1024, ...(input === undefined ? {} : { input }) });

  async function read(service: string, account: string): Promise<SecretRead> {
    const result = await run(['find-generic-password', '-a', account, '-s', service, '-w']);
    if (!result.spawnError && !result.timedOut) {
      if (result.code === 0) return { kind: 'found', bytes: passwordBytes(result.stdout) };
      if (result.code === EXIT_NOT_FOUND) return { kind: 'not-found' };
      if (result.code === EXIT_LOCKED || /User interaction is not allowed/i.test(result.stderr)) {
        return {
          kind: 'locked',
          reason: 'the login keychain is locked; unlock it with `security unlock-keychain ~/Library/Keychains/login.keychain-db`',
        };
      }
    }
    // stderr only: stdout of a successful -w is the secret, and this is not a success.
    return { kind: 'error', reason: failure(result, 'security find-generic-password') };
  }

  return {
    read,

    async write(service, account, bytes): Promise<SecretWrite> {
      const hex = bytes.toString('hex');
      const line = `add-generic-password -U -a ${quote(account)} -s ${quote(service)} -X ${quote(hex)}\n`;
      let note: string | null = null;
      let result: CommandResult;
      if (line.length <= SECURITY_STDIN_LINE_LIMIT) {
        result = await run(['-i'], line);
      } else {
        note =
          'The item was too long for `security -i`, so it was passed as a hex argument: briefly visible in the process list to your own user and root.';
        result = await run(['add-generic-password', '-U', '-a', account, '-s', service, '-X', hex]);
      }
      // `security -i` exits 0 even when the command inside failed: read back to be sure.
      const check = await read(service, account);
      if (check.kind === 'found' && check.bytes.equals(bytes)) return { ok: true, note };
      const why =
        result.code === 0
          ? `the item read back ${check.kind === 'found' ? 'with different contents' : `as ${check.kind}`}`
          : failure(result, 'security add-generic-password');
      return { ok: false, reason: `writing the keychain item "${service}" failed: ${why}` };
    },

    async delete(service, account): Promise<SecretDelete> {
      const result = await run(['delete-generic-password', '-a', account, '-s', service]);
      if (!result.spawnError && !result.timedOut) {
        if (result.code === 0) return { ok: true, existed: true };
        if (result.code === EXIT_NOT_FOUND) return { ok: true, existed: false };
      }
      return { ok: false, reason: failure(result, 'security delete-generic-password') };
    },
  };
}
