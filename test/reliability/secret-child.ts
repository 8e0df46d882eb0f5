/**
 * Runs SecretStore calls in a fresh process (libsecret reads the session bus address once per
 * process), for the secret store fault tests. Usage:
 *   secret-child <steps> <service> <account> <timeoutMs>     steps: comma-separated get | set | delete
 * `set` stores $SECRET_CHILD_VALUE (never on the command line). Prints one JSON array of results
 * (a Secret prints as its fingerprint). Without arguments (the test runner loads every file
 * under dist/test) it does nothing.
 */
import { homedir } from 'node:os';
import { createFileSystem } from '../../src/core/io/fs.js';
import { createCommandRunner } from '../../src/core/io/runner.js';
import { createPlatformAdapter } from '../../src/core/platform/index.js';
import { createSecretStore } from '../../src/core/secret-store.js';

const [steps, service, account, timeout] = process.argv.slice(2);
if (steps && service && account && timeout) {
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
    else if (step === 'set') results.push(await store.set(account, process.env['SECRET_CHILD_VALUE'] ?? ''));
    else if (step === 'delete') results.push(await store.delete(account));
    else results.push({ kind: 'bad-step', step });
  }
  process.stdout.write(JSON.stringify(results));
  // keytar keeps a libsecret connection open; the answer is out, so leave at once.
  process.exit(0);
}
