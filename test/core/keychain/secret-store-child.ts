/**
 * Runs SecretStore calls in a fresh process, because libsecret reads DBUS_SESSION_BUS_ADDRESS
 * and connects to the session bus once per process. Usage:
 *   secret-store-child <steps> <service> <account> [timeoutMs]     steps: comma-separated get | set | delete
 * `set` stores $SECRET_STORE_CHILD_VALUE (never on the command line). Prints the results as a
 * JSON array (a Secret prints as its fingerprint). Without arguments (e.g. picked up by the test
 * runner) it does nothing.
 */
import { homedir } from 'node:os';
import { createFileSystem } from '../../../src/core/io/fs.js';
import { createCommandRunner } from '../../../src/core/io/runner.js';
import { createPlatformAdapter } from '../../../src/core/platform/index.js';
import { createSecretStore } from '../../../src/core/keychain/secret-store.js';

const [steps, service, account, timeout = '5000'] = process.argv.slice(2);
if (steps && service && account) {
  const adapter = createPlatformAdapter('linux', {
    runner: createCommandRunner(),
    fs: createFileSystem(),
    env: process.env,
    homeDir: homedir(),
    interfaces: () => [],
  });
  const store = createSecretStore({ service, os: 'linux', timeoutMs: Number(timeout), keychainState: (ms) => adapter.keychainState(ms) });
  const results: unknown[] = [];
  for (const step of steps.split(',')) {
    if (step === 'get') results.push(await store.get(account));
    else if (step === 'set') results.push(await store.set(account, process.env['SECRET_STORE_CHILD_VALUE'] ?? ''));
    else if (step === 'delete') results.push(await store.delete(account));
    else results.push({ kind: 'bad-step', step });
  }
  // keytar keeps a libsecret connection open; the answer is out, so leave at once.
  process.stdout.write(JSON.stringify(results), () => process.exit(0));
}
