/**
 * The secret store under faults, against a real private gnome-keyring on its own D-Bus session
 * bus (test/helpers/keyring.ts): the daemon hung (SIGSTOP), killed in the middle of a check or
 * of a keytar call, the whole bus dying, the keyring locked and then unlocked, and no usable
 * session bus at all. Through the real CLI (`check --json --offline`) and through
 * createSecretStore in a child process. Each ends bounded, with the keychain check
 * unknown/skip (never a hang or a crash) and the store's result classified.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fingerprint } from '../../src/core/redact/redact.js';
import type { CheckResult, HealthReport } from '../../src/shared/report.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { startKeyring, type Keyring, LOCKED_QUERY_ARGS } from '../helpers/keyring.js';
import { makeWorld, type World } from '../helpers/world.js';
import { assertNoCanary } from './arbitraries.js';

const TIMEOUT_MS = 2000;
const BOUND_MS = TIMEOUT_MS + 1500;
const SERVICE = 'claude-auth-doctor-reliability';
const CANARY_VALUE = 'sk-ant-api03-CANARY-keyring-0123456789abcdefghij';

const here = fileURLToPath(import.meta.url);
const child = join(dirname(here), '..', 'core', 'keychain', here.endsWith('.ts') ? 'secret-store-child.ts' : 'secret-store-child.js');

/** Whether a private keyring can run here at all (gnome-keyring, dbus-daemon, dbus-send installed; Linux). */
async function keyringSkip(): Promise<string | false> {
  try {
    const probe = await startKeyring();
    if ('skip' in probe) return probe.skip;
    await probe.stop();
    return false;
  } catch (error) {
    return `a private gnome-keyring did not start here: ${(error as Error).message}`;
  }
}

const SKIP = await keyringSkip();
if (SKIP) process.stdout.write(`# secret store fault tests skipped: ${SKIP}\n`);

interface StoreRun {
  readonly results: { kind: string; message?: string; secret?: string }[];
  readonly output: string;
  readonly elapsedMs: number;
}

/** Runs SecretStore steps in a fresh process (libsecret binds to the bus once per process). */
function runStore(steps: string, env: NodeJS.ProcessEnv, timeoutMs = 3000): { done: Promise<StoreRun>; proc: ChildProcess } {
  const args = here.endsWith('.ts') ? ['--import', 'tsx', child] : [child];
  const started = Date.now();
  const proc = spawn(process.execPath, [...args, steps, SERVICE, 'account', String(timeoutMs)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const done = new Promise<StoreRun>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    proc.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const killer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
    proc.on('error', reject);
    proc.on('close', (code) => {
      clearTimeout(killer);
      try {
        resolve({ results: JSON.parse(stdout) as StoreRun['results'], output: stdout + stderr, elapsedMs: Date.now() - started });
      } catch {
        reject(new Error(`secret child exited ${String(code)} without JSON: ${stdout} ${stderr}`));
      }
    });
  });
  return { done, proc };
}

/** The pid that owns org.freedesktop.secrets on the keyring's bus (the gnome-keyring-daemon the helper started). */
async function daemonPid(keyring: Keyring): Promise<number> {
  const reply = await keyring.run('dbus-send', [
    '--session',
    '--print-reply',
    '--dest=org.freedesktop.DBus',
    '/org/freedesktop/DBus',
    'org.freedesktop.DBus.GetConnectionUnixProcessID',
    'string:org.freedesktop.secrets',
  ]);
  const pid = Number(/uint32 (\d+)/.exec(reply.stdout)?.[1]);
  assert.ok(Number.isInteger(pid) && pid > 1, `no daemon pid: ${reply.stdout} ${reply.stderr}`);
  return pid;
}

async function lockedState(keyring: Keyring): Promise<boolean | null> {
  const reply = await keyring.run('dbus-send', LOCKED_QUERY_ARGS);
  const m = /boolean (true|false)/.exec(reply.stdout);
  return m ? m[1] === 'true' : null;
}

/** Starts the CLI's offline check (the keychain probe is local) without waiting for it. */
function startCheck(env: NodeJS.ProcessEnv): Promise<CliRun> {
  return runCli(['check', '--json', '--offline', '--timeout', String(TIMEOUT_MS)], { env, timeoutMs: 20_000 });
}

function keychainOf(run: CliRun): CheckResult {
  assert.ok(run.code !== null && run.code >= 0 && run.code <= 2, `exit ${run.code}: ${run.stderr}`);
  assert.equal(run.stderr, '', 'nothing on stderr');
  assertNoCanary('check stdout', run.stdout);
  const report = JSON.parse(run.stdout) as HealthReport;
  const check = report.checks.find((c) => c.id === 'keychain');
  assert.ok(check, 'the keychain check is in the report');
  assert.notEqual(check.evidence['internalError'], true, String(check.cause));
  return check;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function withKeyring(body: (keyring: Keyring, world: World, env: NodeJS.ProcessEnv) => Promise<void>): Promise<void> {
  const keyring = (await startKeyring()) as Keyring;
  const world = await makeWorld();
  const env = { ...world.env, DBUS_SESSION_BUS_ADDRESS: keyring.address, XDG_RUNTIME_DIR: keyring.env.XDG_RUNTIME_DIR };
  try {
    await body(keyring, world, env);
  } finally {
    await keyring.stop();
    await world.close();
  }
}

describe('gnome-keyring under faults', { skip: SKIP }, () => {
  test('the daemon hangs (SIGSTOP) for the whole check: keychain unknown "did not answer", bounded', async () => {
    await withKeyring(async (keyring, _world, env) => {
      const pid = await daemonPid(keyring);
      process.kill(pid, 'SIGSTOP');
      try {
        const run = await startCheck(env);
        assert.ok(run.elapsedMs < BOUND_MS, `took ${run.elapsedMs} ms`);
        const check = keychainOf(run);
        assert.equal(check.status, 'unknown', check.summary);
        assert.match(check.cause ?? '', /did not answer in time/);
      } finally {
        process.kill(pid, 'SIGCONT');
      }
    });
  });

  test('the daemon is killed in the middle of a check: the check still ends bounded, keychain unknown or skip', async () => {
    await withKeyring(async (keyring, _world, env) => {
      const pid = await daemonPid(keyring);
      // Hang it first so the check is surely waiting on it, then kill it mid-call.
      process.kill(pid, 'SIGSTOP');
      const running = startCheck(env);
      await sleep(400);
      process.kill(pid, 'SIGKILL');
      const run = await running;
      assert.ok(run.elapsedMs < BOUND_MS, `took ${run.elapsedMs} ms`);
      const check = keychainOf(run);
      assert.ok(check.status === 'unknown' || check.status === 'skip', `${check.status}: ${check.summary}`);
      // Afterwards, with the daemon gone and the bus alive: "no Secret Service", fast.
      const after = await startCheck(env);
      const gone = keychainOf(after);
      assert.equal(gone.status, 'skip');
      assert.match(gone.summary, /no Secret Service .* is running/);
      assert.ok(after.elapsedMs < 1500 + 1000, `took ${after.elapsedMs} ms`);
    });
  });

  test('the whole session bus dies in the middle of a check: bounded, keychain unknown or skip', async () => {
    const keyring = (await startKeyring()) as Keyring;
    const world = await makeWorld();
    try {
      const env = { ...world.env, DBUS_SESSION_BUS_ADDRESS: keyring.address };
      const pid = await daemonPid(keyring);
      process.kill(pid, 'SIGSTOP');
      const running = startCheck(env);
      await sleep(400);
      await keyring.stop();
      const run = await running;
      assert.ok(run.elapsedMs < BOUND_MS, `took ${run.elapsedMs} ms`);
      const check = keychainOf(run);
      assert.ok(check.status === 'unknown' || check.status === 'skip', `${check.status}: ${check.summary}`);
      // The address now names a socket that is gone: a stale DBUS_SESSION_BUS_ADDRESS.
      const stale = keychainOf(await startCheck(env));
      assert.equal(stale.status, 'skip');
      assert.match(stale.summary, /cannot connect to the D-Bus session bus/);
    } finally {
      await keyring.stop();
      await world.close();
    }
  });

  test('a keytar call whose daemon is killed mid-call returns a classified failure within its timeout', async () => {
    await withKeyring(async (keyring) => {
      const env = { ...keyring.env, SECRET_STORE_CHILD_VALUE: CANARY_VALUE };
      assert.deepEqual(
        (await runStore('set', env).done).results.map((r) => r.kind),
        ['ok'],
      );
      const pid = await daemonPid(keyring);
      process.kill(pid, 'SIGSTOP');
      const { done } = runStore('get', env, 3000);
      await sleep(500);
      process.kill(pid, 'SIGKILL');
      const run = await done;
      assert.ok(run.elapsedMs < 3000 + 2500, `took ${run.elapsedMs} ms`);
      const [result] = run.results;
      assert.ok(result && ['unavailable', 'error', 'locked'].includes(result.kind), JSON.stringify(result));
      assert.ok((result.message ?? '').length > 0);
      assertNoCanary('the secret store result', run.output);
    });
  });

  test('locked, then unlocked (the daemon restarted with the password, as a login would): warn → ok, store locked → ok', async () => {
    await withKeyring(async (keyring, _world, env) => {
      const storeEnv = { ...keyring.env, SECRET_STORE_CHILD_VALUE: CANARY_VALUE };
      assert.deepEqual(
        (await runStore('set', storeEnv).done).results.map((r) => r.kind),
        ['ok'],
      );
      assert.equal(keychainOf(await startCheck(env)).status, 'ok');

      await keyring.lock();
      const locked = keychainOf(await startCheck(env));
      assert.equal(locked.status, 'warn');
      assert.equal(locked.summary, 'Secret Service keyring locked');
      assert.deepEqual(locked.fixes, ['unlock-keychain']);
      const refused = await runStore('get', storeEnv).done;
      assert.equal(refused.results[0]?.kind, 'locked', JSON.stringify(refused.results));

      // Unlocking needs a prompt; a new daemon given the password on stdin unlocks the same keyring files.
      const replacement = spawn('gnome-keyring-daemon', ['--replace', '--foreground', '--unlock', '--components=secrets'], {
        env: keyring.env,
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      try {
        replacement.stdin!.end(keyring.password);
        const deadline = Date.now() + 5000;
        while ((await lockedState(keyring)) !== false) {
          assert.ok(Date.now() < deadline, 'the replacement daemon did not unlock the keyring');
          await sleep(50);
        }
        const unlocked = keychainOf(await startCheck(env));
        assert.equal(unlocked.status, 'ok');
        assert.equal(unlocked.summary, 'Secret Service unlocked');
        const read = await runStore('get', storeEnv).done;
        assert.deepEqual(
          read.results.map((r) => r.kind),
          ['ok'],
        );
        assert.equal(read.results[0]?.secret, fingerprint(CANARY_VALUE), 'the item stored before the lock is back');
        assertNoCanary('secret store output', read.output);
      } finally {
        const gone = new Promise((resolve) => replacement.once('exit', resolve));
        replacement.kill('SIGKILL');
        await gone;
      }
    });
  });
});

describe('no usable D-Bus session', { skip: process.platform !== 'linux' ? 'the Secret Service is Linux-only' : false }, () => {
  const systemBus = `/run/user/${process.getuid?.() ?? 0}/bus`;

  test(
    'no DBUS_SESSION_BUS_ADDRESS: keychain skip "no D-Bus session", store unavailable, fast',
    { skip: existsSync(systemBus) ? `${systemBus} exists here: the adapter would find a real session bus` : false },
    async () => {
      const world = await makeWorld();
      try {
        const env = { ...world.env };
        delete env['DBUS_SESSION_BUS_ADDRESS'];
        const run = await startCheck(env);
        const check = keychainOf(run);
        assert.equal(check.status, 'skip');
        assert.match(check.summary, /no D-Bus session/);
        assert.ok(run.elapsedMs < 2500, `took ${run.elapsedMs} ms`);
        const empty = await mkdtemp(join(tmpdir(), 'cad-nobus-'));
        try {
          const store = await runStore('get,set', {
            PATH: process.env['PATH'],
            HOME: empty,
            XDG_RUNTIME_DIR: empty,
            SECRET_STORE_CHILD_VALUE: CANARY_VALUE,
          }).done;
          assert.deepEqual(
            store.results.map((r) => r.kind),
            ['unavailable', 'unavailable'],
          );
          assert.ok(store.elapsedMs < 5000, `took ${store.elapsedMs} ms`);
          assertNoCanary('secret store output', store.output);
        } finally {
          await rm(empty, { recursive: true, force: true });
        }
      } finally {
        await world.close();
      }
    },
  );

  test('an address naming a dead socket, garbage, or a bus that accepts and never speaks: skip or unknown, bounded', async () => {
    const world = await makeWorld();
    const dir = await mkdtemp(join(tmpdir(), 'cad-deadbus-'));
    // A unix socket that accepts connections and never sends a byte (a hung dbus-daemon).
    const mute = net.createServer((socket) => socket.on('error', () => undefined));
    const sockets = new Set<net.Socket>();
    mute.on('connection', (s) => sockets.add(s));
    await new Promise<void>((resolve) => mute.listen(join(dir, 'mute'), resolve));
    try {
      const cases: [string, CheckResult['status'], RegExp][] = [
        [`unix:path=${join(dir, 'nothing-here')}`, 'skip', /cannot connect to the D-Bus session bus/],
        ['not-an-address', 'skip', /cannot connect to the D-Bus session bus/],
        [`unix:path=${join(dir, 'mute')}`, 'unknown', /did not answer in time/],
      ];
      for (const [address, status, says] of cases) {
        const run = await startCheck({ ...world.env, DBUS_SESSION_BUS_ADDRESS: address });
        const check = keychainOf(run);
        assert.equal(check.status, status, `${address}: ${check.summary}`);
        assert.match(`${check.summary} ${check.cause ?? ''}`, says);
        assert.ok(run.elapsedMs < BOUND_MS, `${address} took ${run.elapsedMs} ms`);
      }
      const store = await runStore('get', {
        PATH: process.env['PATH'],
        HOME: dir,
        DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'nothing-here')}`,
      }).done;
      assert.equal(store.results[0]?.kind, 'unavailable', JSON.stringify(store.results));
      assert.match(store.results[0]?.message ?? '', /Cannot reach a D-Bus session bus/);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => mute.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
      await world.close();
    }
  });
});
