import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { KeychainState } from '../../../src/core/keychain/types.js';
import { fingerprint, Secret } from '../../../src/core/redact/redact.js';
import { createSecretStore, type KeytarApi } from '../../../src/core/keychain/secret-store.js';
import { startKeyring, startSessionBus, type Keyring } from '../../helpers/keyring.js';

const here = fileURLToPath(import.meta.url);
const fromSource = here.endsWith('.ts');
const repo = resolve(dirname(here), fromSource ? '../..' : '../../..');
const child = join(dirname(here), fromSource ? 'secret-store-child.ts' : 'secret-store-child.js');

const SERVICE = 'claude-auth-doctor-test';
const CANARY = 'sk-ant-api03-CANARY-0123456789abcdefABCDEF';

interface ChildRun {
  readonly results: { kind: string; message?: string; secret?: string }[];
  readonly output: string;
  readonly elapsedMs: number;
}

/** One fresh process per scenario: `node x.js` under npm test, `node --import tsx x.ts` from source. */
function runChild(steps: string, account: string, env: NodeJS.ProcessEnv): Promise<ChildRun> {
  const args = fromSource ? ['--import', 'tsx', child] : [child];
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(process.execPath, [...args, steps, SERVICE, account], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const killer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
    proc.on('error', reject);
    proc.on('close', (code) => {
      clearTimeout(killer);
      if (code !== 0) return reject(new Error(`child exited ${String(code)}: ${stderr}`));
      try {
        resolvePromise({ results: JSON.parse(stdout) as ChildRun['results'], output: stdout + stderr, elapsedMs: Date.now() - started });
      } catch {
        reject(new Error(`child printed no JSON: ${stdout} ${stderr}`));
      }
    });
  });
}

const kinds = (run: ChildRun): string[] => run.results.map((r) => r.kind);

describe('SecretStore against a real gnome-keyring', async () => {
  const started = await startKeyring();
  const skip = 'skip' in started ? started.skip : false;
  const keyring = 'skip' in started ? null : (started as Keyring);
  const env = (): NodeJS.ProcessEnv => ({ ...keyring?.env, SECRET_STORE_CHILD_VALUE: CANARY });
  after(async () => keyring?.stop());

  test('set → get → delete round trip; the value never appears in results', { skip }, async () => {
    const first = await runChild('get,set,get', 'round-trip', env());
    assert.deepEqual(kinds(first), ['missing', 'ok', 'ok']);
    assert.match(first.results[0]?.message ?? '', /has no "claude-auth-doctor-test" item for "round-trip"/);
    assert.equal(first.results[2]?.secret, fingerprint(CANARY));
    assert.ok(!first.output.includes('CANARY'), first.output);

    // The item is really in the keyring, where libsecret's own CLI finds it.
    const lookup = await keyring!.run('secret-tool', ['lookup', 'service', SERVICE, 'account', 'round-trip']);
    assert.equal(lookup.stdout, CANARY);

    const second = await runChild('delete,get,delete', 'round-trip', env());
    assert.deepEqual(kinds(second), ['ok', 'missing', 'missing']);
    assert.match(second.results[2]?.message ?? '', /had no .* to delete/);
    const gone = await keyring!.run('secret-tool', ['lookup', 'service', SERVICE, 'account', 'round-trip']);
    assert.notEqual(gone.code, 0);
  });

  test('a locked collection gives "locked" for get, set and delete, quickly', { skip }, async () => {
    assert.deepEqual(kinds(await runChild('set', 'locked-item', env())), ['ok']);
    await keyring!.lock();
    const run = await runChild('get,set,delete', 'locked-item', env());
    assert.deepEqual(kinds(run), ['locked', 'locked', 'locked']);
    for (const result of run.results)
      assert.match(result.message ?? '', /is locked, so the "claude-auth-doctor-test" item for "locked-item" cannot be/);
    assert.match(run.results[1]?.message ?? '', /cannot be saved.*Unlock it/);
    assert.ok(run.elapsedMs < 10_000, `took ${run.elapsedMs} ms`);
    assert.ok(!run.output.includes('CANARY'));
  });
});

describe('SecretStore without a Secret Service', () => {
  test('a session bus with no Secret Service on it → unavailable', async (t) => {
    const bus = await startSessionBus();
    if ('skip' in bus) return t.skip(bus.skip);
    try {
      const run = await runChild('get,set', 'any', {
        PATH: process.env['PATH'],
        HOME: tmpdir(),
        DBUS_SESSION_BUS_ADDRESS: bus.address,
        SECRET_STORE_CHILD_VALUE: CANARY,
      });
      assert.deepEqual(kinds(run), ['unavailable', 'unavailable']);
      assert.match(run.results[0]?.message ?? '', /No Secret Service is running on the D-Bus session bus/);
    } finally {
      await bus.stop();
    }
  });

  test(
    'no DBUS_SESSION_BUS_ADDRESS (SSH, headless) → unavailable, naming the variable',
    { skip: process.platform !== 'linux' && 'libsecret is Linux-only' },
    async () => {
      const empty = await mkdtemp(join(tmpdir(), 'cad-nobus-'));
      try {
        // No DISPLAY (no autolaunch) and an empty XDG_RUNTIME_DIR (GLib would try $XDG_RUNTIME_DIR/bus).
        const run = await runChild('get,set,delete', 'any', {
          PATH: process.env['PATH'],
          HOME: empty,
          XDG_RUNTIME_DIR: empty,
          SECRET_STORE_CHILD_VALUE: CANARY,
        });
        assert.deepEqual(kinds(run), ['unavailable', 'unavailable', 'unavailable']);
        assert.match(run.results[0]?.message ?? '', /Cannot reach a D-Bus session bus .*DBUS_SESSION_BUS_ADDRESS is unset or stale/);
      } finally {
        await rm(empty, { recursive: true, force: true });
      }
    },
  );
});

/** A hand-made keytar (the KeytarApi port) for what a real keyring cannot be made to do on cue. */
function fakeKeytar(overrides: Partial<KeytarApi>): () => Promise<KeytarApi> {
  return async () => ({
    getPassword: async () => null,
    setPassword: async () => undefined,
    deletePassword: async () => false,
    ...overrides,
  });
}

const state =
  (kind: 'locked' | 'unlocked'): (() => Promise<KeychainState>) =>
  async () => ({ kind, store: 'Secret Service', evidence: {} });

describe('SecretStore edge cases (fake keytar)', () => {
  test('a call that never answers times out: "locked" when the keyring is locked, else "unavailable"', async () => {
    const never = fakeKeytar({ getPassword: () => new Promise<string | null>(() => undefined) });
    const started = Date.now();
    const unavailable = await createSecretStore({ timeoutMs: 50, loadKeytar: never }).get('a');
    assert.equal(unavailable.kind, 'unavailable');
    assert.match('message' in unavailable ? unavailable.message : '', /did not answer within 0.05 s/);
    const locked = await createSecretStore({ timeoutMs: 50, loadKeytar: never, keychainState: state('locked') }).get('a');
    assert.equal(locked.kind, 'locked');
    assert.match('message' in locked ? locked.message : '', /probably waiting on an unlock prompt/);
    assert.ok(Date.now() - started < 2000);
  });

  test('nothing found: "missing" when unlocked, "locked" when the collection is locked', async () => {
    assert.equal((await createSecretStore({ loadKeytar: fakeKeytar({}), keychainState: state('unlocked') }).get('a')).kind, 'missing');
    assert.equal((await createSecretStore({ loadKeytar: fakeKeytar({}), keychainState: state('locked') }).get('a')).kind, 'locked');
    assert.equal((await createSecretStore({ loadKeytar: fakeKeytar({}), keychainState: state('locked') }).delete('a')).kind, 'locked');
  });

  test('keytar that cannot load → unavailable with what to install; loading is retried next call', async () => {
    let loads = 0;
    const store = createSecretStore({
      os: 'linux',
      loadKeytar: async () => {
        loads++;
        throw new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory');
      },
    });
    const result = await store.get('a');
    assert.equal(result.kind, 'unavailable');
    assert.match('message' in result ? result.message : '', /keytar\) could not be loaded: .*apt-get install libsecret-1-0/);
    await store.set('a', 'x');
    assert.equal(loads, 2);
  });

  test('keytar not installed (an optional dependency that could not be built) → says what to install, per OS', async () => {
    const missing = async (): Promise<never> => {
      throw Object.assign(new Error("Cannot find package 'keytar' imported from /x/dist/cli/chunks/a.js"), {
        code: 'ERR_MODULE_NOT_FOUND',
      });
    };
    const wanted: Record<'linux' | 'darwin' | 'win32', RegExp> = {
      linux: /not installed.*libsecret-1-dev.*reinstall claude-auth-doctor/,
      darwin: /not installed.*xcode-select --install/,
      win32: /not installed.*Visual Studio Build Tools/,
    };
    for (const os of ['linux', 'darwin', 'win32'] as const) {
      const result = await createSecretStore({ os, loadKeytar: missing }).get('a');
      assert.equal(result.kind, 'unavailable');
      assert.match('message' in result ? result.message : '', wanted[os]);
    }
  });

  test('error messages are classified and redacted', async () => {
    const cases: [string, string][] = [
      ['User interaction is not allowed.', 'locked'],
      ['Cannot create an item in a locked collection', 'locked'],
      ['The name org.freedesktop.secrets was not provided by any .service files', 'unavailable'],
      ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'unavailable'],
      [`Something odd with ${CANARY}`, 'error'],
    ];
    for (const [message, kind] of cases) {
      const store = createSecretStore({
        os: 'darwin',
        loadKeytar: fakeKeytar({ setPassword: async () => Promise.reject(new Error(message)) }),
      });
      const result = await store.set('acct', CANARY);
      assert.equal(result.kind, kind, message);
      assert.ok(!JSON.stringify(result).includes('CANARY'), JSON.stringify(result));
    }
  });

  test('set accepts a Secret and hands keytar its value; get wraps the value in a Secret', async () => {
    const saved: string[] = [];
    const store = createSecretStore({
      service: 'svc',
      loadKeytar: fakeKeytar({
        setPassword: async (_s, _a, value) => void saved.push(value),
        getPassword: async (s, a) => `${s}/${a}/${CANARY}`,
      }),
    });
    assert.equal(store.service, 'svc');
    assert.deepEqual(await store.set('acct', new Secret(CANARY)), { kind: 'ok' });
    assert.deepEqual(saved, [CANARY]);
    const got = await store.get('acct');
    assert.ok(got.kind === 'ok' && got.secret instanceof Secret);
    assert.equal(got.secret.reveal(), `svc/acct/${CANARY}`);
    assert.ok(!JSON.stringify(got).includes('CANARY'));
  });
});
