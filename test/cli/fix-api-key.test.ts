/**
 * The API key's whole round trip through a real GNOME Keyring on a private D-Bus: stored by
 * `fix use-api-key --stdin`, printed by `api-key` for Claude Code's apiKeyHelper, undone, and
 * refused while the keyring is locked. keytar reads DBUS_SESSION_BUS_ADDRESS when it first
 * connects, so every keytar call happens in a child process started with the keyring's env.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { unlockKeychain } from '../../src/core/fixes/defs/unlock-keychain.js';
import { createFixEngine, fixTarget } from '../../src/core/fixes/fix-engine.js';
import { cliCommand, runCli, type CliRun } from '../helpers/cli.js';
import { startKeyring, type Keyring } from '../helpers/keyring.js';
import { CANARY, fakeReport, makeWorld, offlineDiagnose, worldProbeEnv, type TempWorld } from '../core/fixes/helpers.js';

let keyring: Keyring | null = null;
let skip: string | false = false;
let world: TempWorld;
const runs: CliRun[] = [];

before(async () => {
  const started = await startKeyring().catch((error: unknown) => ({ skip: `the test keyring did not start: ${(error as Error).message}` }));
  if ('skip' in started) {
    skip = started.skip;
    return;
  }
  keyring = started;
  world = await makeWorld({ DBUS_SESSION_BUS_ADDRESS: started.env.DBUS_SESSION_BUS_ADDRESS, XDG_RUNTIME_DIR: started.env.XDG_RUNTIME_DIR });
});

after(async () => {
  for (const run of runs)
    assert.ok(
      !run.stdout.includes('CANARY') && !run.stderr.includes('CANARY'),
      `a fix/undo output leaked the key:\n${run.stdout}${run.stderr}`,
    );
  await keyring?.stop();
  await world?.cleanup();
});

async function cli(args: string[], input?: string, checked = true): Promise<CliRun> {
  const run = await runCli(args, { env: world.env, input, timeoutMs: 60_000 });
  if (checked) runs.push(run);
  return run;
}

async function lookup(): Promise<string> {
  const result = await keyring!.run('secret-tool', ['lookup', 'service', 'claude-auth-doctor', 'account', 'anthropic-api-key']);
  return result.code === 0 ? result.stdout : '';
}

describe('use-api-key with the real Secret Service', () => {
  test('store from stdin → api-key prints it → undo removes it → locked keyring is refused', async (t) => {
    if (skip) return t.skip(skip);
    const stored = await cli(['fix', 'use-api-key', '--yes', '--stdin', '--offline'], `${CANARY.apiKey}\n`);
    assert.match(stored.stdout, /· done: Stored the API key in the OS keychain \(service "claude-auth-doctor"\)/);
    assert.match(stored.stdout, /Set apiKeyHelper in ~\/\.claude\/settings\.json: skipped; it asks first/);
    assert.equal(await lookup(), CANARY.apiKey, 'the real keyring holds exactly the key');

    const printed = await cli(['api-key'], undefined, false);
    assert.equal(printed.code, 0, printed.stderr);
    assert.equal(printed.stdout, `${CANARY.apiKey}\n`);

    const undo = await cli(['undo', '--yes']);
    assert.equal(undo.code, 0, undo.stdout + undo.stderr);
    assert.equal(await lookup(), '');
    const missing = await cli(['api-key']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no API key is stored in the OS keychain .*claude-auth-doctor fix use-api-key/);

    await cli(['fix', 'use-api-key', '--yes', '--stdin', '--offline'], `${CANARY.apiKey}\n`);
    await keyring!.lock();
    const locked = await cli(['api-key']);
    assert.equal(locked.code, 2);
    assert.match(locked.stderr, /keyring is locked.*fix unlock-keychain/);
  });

  test('api-key will not print the key to a terminal', async (t) => {
    if (skip) return t.skip(skip);
    if (spawnSync('script', ['--version']).status !== 0) return t.skip('no `script` for a pty');
    const { file, args } = cliCommand();
    const command = [file, ...args, 'api-key'].map((a) => `'${a}'`).join(' ');
    const result = spawnSync('script', ['-qec', command, '/dev/null'], { env: world.env, encoding: 'utf8', timeout: 30_000 });
    assert.equal(result.status, 3);
    assert.match(result.stdout, /will not show it on a terminal/);
    assert.ok(!result.stdout.includes('CANARY'));
  });

  test('unlock-keychain: the desktop step asks the Secret Service over one D-Bus connection, and the re-check tells the truth', async (t) => {
    if (skip) return t.skip(skip);
    await keyring!.lock();
    const probeEnv = worldProbeEnv(world);
    const diagnose = offlineDiagnose(probeEnv);
    const fixes = createFixEngine({ probeEnv, dataDir: world.dataDir, diagnose });
    const report = await diagnose();
    assert.equal(report.checks.find((c) => c.id === 'keychain')?.status, 'warn');
    const session = await fixes.start('unlock-keychain', { ...report, context: { ...report.context, session: 'desktop', display: true } });
    const step = session.steps.find((s) => s.kind === 'run');
    assert.ok(step);
    const result = await fixes.runStep(session.runId, step.index);
    // Unlock, Prompt and Completed went over one real D-Bus connection; with no desktop here to
    // show the dialog, GNOME Keyring reports the prompt dismissed, and the re-check agrees.
    assert.equal(result.ok, false);
    assert.match(result.message, /The unlock prompt was dismissed .*Seahorse/);
    assert.equal(result.verification.checks.find((c) => c.id === 'keychain')?.status, 'warn');
    assert.equal(result.verification.passed, false);
  });

  test('unlock-keychain over SSH: the command the user types unlocks GNOME Keyring', async (t) => {
    if (skip) return t.skip(skip);
    await keyring!.lock();
    const ctx = await fixTarget(worldProbeEnv(world), fakeReport('linux', 'ssh'), { dataDir: world.dataDir });
    const copy = (await unlockKeychain.steps(ctx)).find((s) => s.kind === 'user-action')?.copy;
    assert.ok(copy);
    const typed = await keyring!.run('sh', ['-c', copy], { input: `${keyring!.password}\n`, timeoutMs: 10_000 });
    assert.equal(typed.code, 0, typed.stderr);
    assert.ok(!typed.stdout.includes(keyring!.password), 'the password is not echoed');
    // The replacement daemon takes the bus name over asynchronously: ask until it answers.
    let state = { stdout: '', stderr: '' };
    for (const deadline = Date.now() + 5000; Date.now() < deadline && !/boolean/.test(state.stdout);) {
      state = await keyring!.run('dbus-send', [
        '--session',
        '--print-reply',
        '--dest=org.freedesktop.secrets',
        '/org/freedesktop/secrets/collection/login',
        'org.freedesktop.DBus.Properties.Get',
        'string:org.freedesktop.Secret.Collection',
        'string:Locked',
      ]);
      if (!/boolean/.test(state.stdout)) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.match(state.stdout, /boolean false/, state.stderr);
  });

  test('unlock-keychain on an unlocked keyring: nothing to ask, and the check passes', async (t) => {
    if (skip) return t.skip(skip);
    const probeEnv = worldProbeEnv(world);
    const diagnose = offlineDiagnose(probeEnv);
    const fixes = createFixEngine({ probeEnv, dataDir: world.dataDir, diagnose });
    const report = await diagnose();
    const session = await fixes.start('unlock-keychain', { ...report, context: { ...report.context, session: 'desktop', display: true } });
    const step = session.steps.find((s) => s.kind === 'run');
    assert.ok(step);
    const result = await fixes.runStep(session.runId, step.index);
    assert.equal(result.ok, true, result.message);
    assert.equal(result.message, 'The keyring was already unlocked.');
    assert.equal(result.verification.checks.find((c) => c.id === 'keychain')?.status, 'ok');
  });
});
