import { createProbeEnv } from '../../core/probes/probe-env.js';
import { API_KEY_ACCOUNT, API_KEY_SERVICE, createKeytarStore } from '../../core/keychain/api-key-store.js';
import { EXIT } from '../exit-codes.js';
import { writeOut } from '../output.js';
import { parseCommandArgs, UsageError } from '../usage.js';

const KEYCHAIN_TIMEOUT_MS = 10_000;

function fail(message: string): number {
  process.stderr.write(`claude-auth-doctor api-key: ${message}\n`);
  return EXIT.fail;
}

/**
 * Prints the API key kept by `fix use-api-key`, for Claude Code's apiKeyHelper. The key goes to
 * stdout only: never to a terminal unless --force, never into a message.
 */
export async function runApiKey(args: string[]): Promise<number> {
  const { values } = parseCommandArgs({ args, allowPositionals: false, options: { force: { type: 'boolean', default: false } } });
  if (process.stdout.isTTY === true && values.force !== true) {
    throw new UsageError(
      "api-key prints your API key for Claude Code's apiKeyHelper and will not show it on a terminal. Pipe it, or add --force if you really want to see it.",
    );
  }
  const probeEnv = createProbeEnv();
  if (probeEnv.platform.os === 'linux') {
    // A locked Secret Service would wait on a prompt that may never show (SSH): say so at once.
    const state = await probeEnv.platform.keychainState(2000).catch(() => null);
    if (state?.kind === 'locked')
      return fail(
        'the Secret Service keyring is locked, so the stored API key cannot be read. Unlock it (claude-auth-doctor fix unlock-keychain), then try again.',
      );
  }
  const read = await createKeytarStore({ timeoutMs: KEYCHAIN_TIMEOUT_MS, os: probeEnv.platform.os }).read(API_KEY_SERVICE, API_KEY_ACCOUNT);
  switch (read.kind) {
    case 'found':
      await writeOut(read.bytes.toString('utf8') + '\n');
      return EXIT.ok;
    case 'not-found':
      return fail(
        `no API key is stored in the OS keychain (service "${API_KEY_SERVICE}", account "${API_KEY_ACCOUNT}"). Store one with: claude-auth-doctor fix use-api-key`,
      );
    case 'locked':
      return fail(`the keychain is locked: ${read.reason}. Unlock it (claude-auth-doctor fix unlock-keychain), then try again.`);
    case 'error':
      return fail(`the OS keychain could not be read: ${read.reason}`);
  }
}
