import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Status } from '../../../src/shared/report.js';
import { createFileSystem } from '../../../src/core/io/fs.js';
import { createCommandRunner } from '../../../src/core/io/runner.js';
import type { KeychainState } from '../../../src/core/keychain/types.js';
import type { Os } from '../../../src/core/io/os.js';
import { createPlatformAdapter } from '../../../src/core/platform/index.js';
import { keychainProbe } from '../../../src/core/probes/keychain.js';
import { startKeyring } from '../../helpers/keyring.js';
import { fakePlatform, makeProbeInput } from '../../helpers/probe-input.js';

const evidence = { exitCode: 36 };

describe('keychain probe, per OS and state', () => {
  const cases: {
    name: string;
    os: Os;
    state: KeychainState;
    status: Status;
    summary: RegExp;
    fixes: string[];
    cause?: RegExp;
  }[] = [
    {
      name: 'macOS unlocked',
      os: 'darwin',
      state: { kind: 'unlocked', store: 'login keychain', evidence: { exitCode: 0 } },
      status: 'ok',
      summary: /^Login keychain unlocked$/,
      fixes: [],
    },
    {
      name: 'macOS locked → fail with the exact unlock command',
      os: 'darwin',
      state: { kind: 'locked', store: 'login keychain', evidence },
      status: 'fail',
      summary: /locked/,
      fixes: ['unlock-keychain'],
      cause: /SSH[\s\S]*sleep|sleep[\s\S]*SSH/,
    },
    {
      name: 'Linux unlocked',
      os: 'linux',
      state: { kind: 'unlocked', store: 'Secret Service', evidence: {} },
      status: 'ok',
      summary: /^Secret Service unlocked$/,
      fixes: [],
    },
    {
      name: 'Linux locked → warn (Claude Code uses its file there)',
      os: 'linux',
      state: { kind: 'locked', store: 'Secret Service', evidence: {} },
      status: 'warn',
      summary: /locked/,
      fixes: ['unlock-keychain'],
      cause: /~\/\.claude\/\.credentials\.json/,
    },
    {
      name: 'no D-Bus session → skip with the reason in the summary',
      os: 'linux',
      state: { kind: 'unavailable', store: 'Secret Service', reason: 'no D-Bus session (typical over SSH)', evidence: {} },
      status: 'skip',
      summary: /no D-Bus session/,
      fixes: [],
    },
    {
      name: 'Windows → skip',
      os: 'win32',
      state: { kind: 'unsupported', reason: 'Windows Credential Manager has no lock state Claude Code depends on' },
      status: 'skip',
      summary: /Credential Manager/,
      fixes: [],
    },
    {
      name: 'hung securityd → unknown with the cause',
      os: 'darwin',
      state: { kind: 'error', store: 'login keychain', reason: 'security show-keychain-info timed out', evidence: { timedOut: true } },
      status: 'unknown',
      summary: /Could not tell/,
      fixes: [],
      cause: /timed out/,
    },
  ];

  for (const { name, os, state, status, summary, fixes, cause } of cases) {
    test(name, async () => {
      let asked: number | null = null;
      const platform = fakePlatform({
        os,
        keychainState: async (timeoutMs) => {
          asked = timeoutMs;
          return state;
        },
      });
      const outcome = await keychainProbe.run(makeProbeInput({ platform }));
      assert.equal(outcome.status, status);
      assert.match(outcome.summary, summary);
      assert.deepEqual(outcome.fixes ?? [], fixes);
      if (cause) assert.match(outcome.cause ?? '', cause);
      assert.equal(asked, 2000, 'keychain calls are bounded at 2 s');
    });
  }

  test('macOS locked names the command to run', async () => {
    const platform = fakePlatform({ os: 'darwin', keychainState: async () => ({ kind: 'locked', store: 'login keychain', evidence }) });
    const outcome = await keychainProbe.run(makeProbeInput({ platform }));
    assert.ok(outcome.cause?.includes('security unlock-keychain ~/Library/Keychains/login.keychain-db'));
    assert.ok(outcome.cause?.includes('cannot read its login'));
  });

  test('a smaller probe budget shrinks the keychain timeout', async () => {
    let asked = 0;
    const platform = fakePlatform({
      keychainState: async (timeoutMs) => {
        asked = timeoutMs;
        return { kind: 'unsupported', reason: 'x' };
      },
    });
    await keychainProbe.run(makeProbeInput({ platform, options: { timeoutMs: 1000 } }));
    assert.equal(asked, 800);
  });

  test('an adapter that throws gives unknown, never a throw', async () => {
    const platform = fakePlatform({
      keychainState: async () => {
        throw new Error('boom');
      },
    });
    const outcome = await keychainProbe.run(makeProbeInput({ platform }));
    assert.equal(outcome.status, 'unknown');
    assert.match(outcome.cause ?? '', /boom/);
  });
});

const keyring = await startKeyring();
const skip = 'skip' in keyring ? keyring.skip : false;
after(() => ('skip' in keyring ? undefined : keyring.stop()));

describe('keychain probe against a real gnome-keyring', () => {
  function linuxContext(env: Record<string, string>) {
    const deps = { runner: createCommandRunner(), fs: createFileSystem(), env, homeDir: env['HOME'] ?? '/tmp', interfaces: () => [] };
    return makeProbeInput({ env, platform: createPlatformAdapter('linux', deps) });
  }

  test('unlocked → ok', { skip }, async () => {
    assert.ok(!('skip' in keyring));
    const outcome = await keychainProbe.run(linuxContext({ ...keyring.env }));
    assert.equal(outcome.status, 'ok', outcome.summary);
    assert.equal(outcome.summary, 'Secret Service unlocked');
  });

  test('locked → warn with unlock-keychain', { skip }, async () => {
    const own = await startKeyring();
    assert.ok(!('skip' in own));
    try {
      await own.lock();
      const outcome = await keychainProbe.run(linuxContext({ ...own.env }));
      assert.equal(outcome.status, 'warn', outcome.summary);
      assert.deepEqual(outcome.fixes, ['unlock-keychain']);
    } finally {
      await own.stop();
    }
  });

  test('no D-Bus session → skip', async () => {
    const deps = {
      runner: createCommandRunner(),
      fs: createFileSystem(),
      env: {},
      homeDir: '/tmp',
      interfaces: () => [],
      uid: 2_147_483_000,
    };
    const outcome = await keychainProbe.run(makeProbeInput({ platform: createPlatformAdapter('linux', deps) }));
    assert.equal(outcome.status, 'skip');
    assert.match(outcome.summary, /no D-Bus session/);
  });
});
