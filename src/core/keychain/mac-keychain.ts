import type { CommandResult, CommandRunner } from '../io/ports.js';
import { looksLocked, passwordBytes, SECURITY_EXIT, SECURITY_PATH, securityFailure } from './mac-security.js';
import type { SecretDelete, SecretItemStore, SecretRead, SecretWrite } from './secret-stores.js';

/**
 * `security -i` reads each command line into a 4096-byte buffer and cuts longer lines, which
 * would store half a login. Claude Code uses the same limit (with 64 bytes of headroom).
 */
export const SECURITY_STDIN_LINE_LIMIT = 4096 - 64;

/** Quoting inside a `security -i` line: double quotes, with `\` and `"` escaped. */
function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The macOS keychain through /usr/bin/security. Writing a secret is the delicate part:
 * `add-generic-password -w <secret>` would put it in argv, readable by any process of the user
 * (ps). We pipe the command to `security -i` on stdin instead, with the value hex-encoded (-X),
 * which is what Claude Code itself does, so the item comes back exactly as Claude Code wrote it.
 * `-X <hex>` on the command line is no better than `-w`, so a secret never goes there: an item
 * longer than `security -i` accepts is written through the Security framework (`nativeWrite`,
 * keytar) when it is text, and refused otherwise, saying so.
 */
export function createMacKeychain(
  runner: CommandRunner,
  options: {
    securityPath?: string;
    timeoutMs?: number;
    nativeWrite?: (service: string, account: string, bytes: Buffer) => Promise<SecretWrite>;
  } = {},
): SecretItemStore {
  const security = options.securityPath ?? SECURITY_PATH;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const run = (args: readonly string[], input?: string): Promise<CommandResult> =>
    runner.run(security, args, { timeoutMs, maxBytes: 1024 * 1024, ...(input === undefined ? {} : { input }) });

  async function read(service: string, account: string): Promise<SecretRead> {
    const result = await run(['find-generic-password', '-a', account, '-s', service, '-w']);
    if (!result.spawnError && !result.timedOut) {
      if (result.code === 0) return { kind: 'found', bytes: passwordBytes(result.stdout) };
      if (result.code === SECURITY_EXIT.notFound) return { kind: 'not-found' };
      if (looksLocked(result)) {
        return {
          kind: 'locked',
          reason: 'the login keychain is locked; unlock it with `security unlock-keychain ~/Library/Keychains/login.keychain-db`',
        };
      }
    }
    // stderr only: stdout of a successful -w is the secret, and this is not a success.
    return { kind: 'error', reason: securityFailure(result, 'security find-generic-password') };
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
        const text = bytes.toString('utf8');
        const tooLong = `The keychain item "${service}" is ${bytes.length} bytes, longer than \`security -i\` accepts`;
        if (!options.nativeWrite || !Buffer.from(text, 'utf8').equals(bytes))
          return {
            ok: false,
            reason: `${tooLong}; the doctor does not pass a secret on a command line, where other processes could read it`,
          };
        const native = await options.nativeWrite(service, account, bytes);
        if (!native.ok) return { ok: false, reason: `${tooLong}, and writing it through the Security framework failed: ${native.reason}` };
        note = `${tooLong}, so it was written through the Security framework: macOS may ask once whether \`security\` (which Claude Code uses) may read it; choose Always Allow.`;
        result = { code: 0, stdout: '', stderr: '', timedOut: false, spawnError: null };
      }
      // `security -i` exits 0 even when the command inside failed: read back to be sure.
      const check = await read(service, account);
      if (check.kind === 'found' && check.bytes.equals(bytes)) return { ok: true, note };
      const why =
        result.code === 0
          ? `the item read back ${check.kind === 'found' ? 'with different contents' : `as ${check.kind}`}`
          : securityFailure(result, 'security add-generic-password');
      return { ok: false, reason: `writing the keychain item "${service}" failed: ${why}` };
    },

    async delete(service, account): Promise<SecretDelete> {
      const result = await run(['delete-generic-password', '-a', account, '-s', service]);
      if (!result.spawnError && !result.timedOut) {
        if (result.code === 0) return { ok: true, existed: true };
        if (result.code === SECURITY_EXIT.notFound) return { ok: true, existed: false };
      }
      return { ok: false, reason: securityFailure(result, 'security delete-generic-password') };
    },
  };
}
