import assert from 'node:assert/strict';
import { mkdir, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadCredentials } from '../../../src/core/claude-code/stored-login.js';
import type { KeychainRead } from '../../../src/core/keychain/types.js';
import { fingerprint } from '../../../src/core/redact/redact.js';
import { fakePlatform, makeProbeInput } from '../../helpers/probe-input.js';
import { CANARY, assertNoSecrets, oauthBlock, writeClaudeJson, writeCredentials } from './fixtures.js';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function macContext(read: KeychainRead, calls: string[][] = []) {
  return makeProbeInput({
    platform: fakePlatform({
      os: 'darwin',
      readClaudeCredentials: async (service, account) => {
        calls.push([service, account]);
        return read;
      },
    }),
  });
}

describe('loadCredentials: the file (Linux/Windows)', () => {
  test('healthy file: source file, tokens wrapped, no problems', async () => {
    const ctx = makeProbeInput();
    const path = await writeCredentials(ctx.homeDir, oauthBlock());
    const snapshot = await loadCredentials(ctx);
    assert.equal(snapshot.source, 'file');
    assert.equal(snapshot.keychain, 'n/a');
    assert.equal(snapshot.file.path, path);
    assert.equal(snapshot.file.shown, '~/.claude/.credentials.json');
    assert.equal(snapshot.file.state, 'ok');
    assert.equal(snapshot.file.mode, 0o600);
    assert.deepEqual(snapshot.problems, []);
    assert.equal(String(snapshot.oauth?.accessToken), fingerprint(CANARY.access));
    assertNoSecrets(snapshot);
  });

  test('memoised: one read per run', async () => {
    const ctx = makeProbeInput();
    await writeCredentials(ctx.homeDir, oauthBlock());
    const [a, b] = await Promise.all([loadCredentials(ctx), loadCredentials(ctx)]);
    assert.equal(a, b);
  });

  test('missing everywhere: source none, no problems', async () => {
    const snapshot = await loadCredentials(makeProbeInput());
    assert.equal(snapshot.source, 'none');
    assert.equal(snapshot.file.state, 'missing');
    assert.equal(snapshot.oauth, null);
    assert.deepEqual(snapshot.problems, []);
  });

  test('mode 0644: mode-too-wide with the octal mode and the chmod fix', async () => {
    const ctx = makeProbeInput();
    const path = await writeCredentials(ctx.homeDir, oauthBlock(), 0o644);
    const snapshot = await loadCredentials(ctx);
    assert.equal(snapshot.source, 'file');
    assert.deepEqual(
      snapshot.problems.map((p) => p.code),
      ['mode-too-wide'],
    );
    assert.match(snapshot.problems[0]!.message, /mode 0644/);
    assert.ok(snapshot.problems[0]!.message.includes(`chmod 600 ${path}`));
  });

  test('mode is not judged on Windows', async () => {
    const ctx = makeProbeInput({ platform: fakePlatform({ os: 'win32' }) });
    await writeCredentials(ctx.homeDir, oauthBlock(), 0o666);
    assert.deepEqual((await loadCredentials(ctx)).problems, []);
  });

  test('truncated file: corrupt-json, source file, no oauth', async () => {
    const ctx = makeProbeInput();
    await writeCredentials(ctx.homeDir, JSON.stringify(oauthBlock()).slice(0, 50));
    const snapshot = await loadCredentials(ctx);
    assert.equal(snapshot.source, 'file');
    assert.equal(snapshot.oauth, null);
    assert.deepEqual(
      snapshot.problems.map((p) => p.code),
      ['corrupt-json'],
    );
    assertNoSecrets(snapshot);
  });

  test('a 50 MB file is reported, not read', async () => {
    const ctx = makeProbeInput();
    const path = await writeCredentials(ctx.homeDir, '');
    await truncate(path, 50 * 1024 * 1024);
    const snapshot = await loadCredentials(ctx);
    assert.equal(snapshot.file.state, 'too-large');
    assert.deepEqual(
      snapshot.problems.map((p) => p.code),
      ['too-large'],
    );
    assert.match(snapshot.problems[0]!.message, /50 MiB.*not read/);
  });

  test('dangling symlink names the link and its target', async () => {
    const ctx = makeProbeInput();
    await mkdir(join(ctx.homeDir, '.claude'), { recursive: true });
    const target = join(ctx.homeDir, 'gone', 'credentials.json');
    await symlink(target, join(ctx.homeDir, '.claude', '.credentials.json'));
    const snapshot = await loadCredentials(ctx);
    assert.equal(snapshot.file.state, 'dangling-link');
    assert.equal(snapshot.source, 'file');
    assert.match(snapshot.problems[0]!.message, /~\/\.claude\/\.credentials\.json is a symbolic link to .*gone\/credentials\.json/);
  });

  test('a directory where the file should be: not-a-file', async () => {
    const ctx = makeProbeInput();
    await mkdir(join(ctx.homeDir, '.claude', '.credentials.json'), { recursive: true });
    const snapshot = await loadCredentials(ctx);
    assert.deepEqual(
      snapshot.problems.map((p) => p.code),
      ['not-a-file'],
    );
  });

  test(
    'unreadable (chmod 000): unreadable with EACCES',
    { skip: isRoot ? 'running as root: chmod 000 does not stop root reading' : false },
    async () => {
      const ctx = makeProbeInput();
      await writeCredentials(ctx.homeDir, oauthBlock(), 0o000);
      const snapshot = await loadCredentials(ctx);
      assert.equal(snapshot.file.state, 'unreadable');
      assert.match(snapshot.problems[0]!.message, /EACCES/);
    },
  );

  test('CLAUDE_CONFIG_DIR: file and .claude.json are read from there', async () => {
    const base = makeProbeInput();
    const dir = join(base.homeDir, 'custom');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, '.credentials.json'), JSON.stringify(oauthBlock()), { mode: 0o600 });
    await writeFile(join(dir, '.claude.json'), JSON.stringify({ oauthAccount: { emailAddress: CANARY.email } }));
    const ctx = makeProbeInput({ homeDir: base.homeDir, env: { CLAUDE_CONFIG_DIR: dir } });
    const snapshot = await loadCredentials(ctx);
    assert.equal(snapshot.source, 'file');
    assert.equal(snapshot.file.path, join(dir, '.credentials.json'));
    assert.equal(snapshot.account.email, 'j***@example.com');
    assert.match(snapshot.service, /^Claude Code-credentials-[0-9a-f]{8}$/);
  });
});

describe('loadCredentials: macOS keychain first, then the file', () => {
  test('found in the keychain: source keychain, file not read, looked up with service and user', async () => {
    const calls: string[][] = [];
    const ctx = macContext({ kind: 'found', text: JSON.stringify(oauthBlock()), evidence: {} }, calls);
    await writeCredentials(ctx.homeDir, '{ broken');
    const snapshot = await loadCredentials(ctx);
    assert.deepEqual(calls, [['Claude Code-credentials', 'tester']]);
    assert.equal(snapshot.source, 'keychain');
    assert.equal(snapshot.keychain, 'found');
    assert.equal(snapshot.file.state, 'not-read');
    assert.deepEqual(snapshot.problems, []);
    assert.equal(snapshot.keychainAccount, 'tester');
    assertNoSecrets(snapshot);
  });

  test('locked keychain and no file: keychain-locked problem', async () => {
    const snapshot = await loadCredentials(macContext({ kind: 'locked', evidence: {} }));
    assert.equal(snapshot.source, 'none');
    assert.equal(snapshot.keychain, 'locked');
    assert.deepEqual(
      snapshot.problems.map((p) => p.code),
      ['keychain-locked'],
    );
    assert.match(snapshot.problems[0]!.message, /security unlock-keychain/);
  });

  test('locked keychain with a file login: Claude Code falls back to the file', async () => {
    const ctx = macContext({ kind: 'locked', evidence: {} });
    await writeCredentials(ctx.homeDir, oauthBlock());
    const snapshot = await loadCredentials(ctx);
    assert.equal(snapshot.source, 'file');
    assert.equal(snapshot.keychain, 'locked');
    assert.deepEqual(snapshot.problems, []);
  });

  test('not found in the keychain: the file fallback is used', async () => {
    const ctx = macContext({ kind: 'not-found', evidence: {} });
    await writeCredentials(ctx.homeDir, oauthBlock());
    const snapshot = await loadCredentials(ctx);
    assert.equal(snapshot.source, 'file');
    assert.equal(snapshot.keychain, 'not-found');
  });

  test('not found anywhere: none', async () => {
    const snapshot = await loadCredentials(macContext({ kind: 'not-found', evidence: {} }));
    assert.equal(snapshot.source, 'none');
    assert.deepEqual(snapshot.problems, []);
  });

  test('corrupt keychain item and no file: problem attributed to the keychain item', async () => {
    const snapshot = await loadCredentials(macContext({ kind: 'found', text: '{"claudeAiOauth":', evidence: {} }));
    assert.equal(snapshot.source, 'keychain');
    assert.deepEqual(
      snapshot.problems.map((p) => p.code),
      ['corrupt-json'],
    );
    assert.match(snapshot.problems[0]!.message, /keychain item "Claude Code-credentials"/);
  });

  test('an adapter that throws becomes keychain-error, never an exception', async () => {
    const ctx = makeProbeInput({
      platform: fakePlatform({
        os: 'darwin',
        readClaudeCredentials: async () => {
          throw new Error(`security exploded ${CANARY.access}`);
        },
      }),
    });
    const snapshot = await loadCredentials(ctx);
    assert.equal(snapshot.keychain, 'error');
    assert.deepEqual(
      snapshot.problems.map((p) => p.code),
      ['keychain-error'],
    );
    assertNoSecrets(snapshot);
  });
});

describe('loadCredentials: ~/.claude.json', () => {
  test('email masked, organisation and primaryApiKey wrapped', async () => {
    const ctx = makeProbeInput();
    await writeClaudeJson(ctx.homeDir, {
      oauthAccount: { emailAddress: CANARY.email, organizationName: 'Acme' },
      primaryApiKey: CANARY.primaryApiKey,
    });
    const { account } = await loadCredentials(ctx);
    assert.equal(account.email, 'j***@example.com');
    assert.equal(account.organization, 'Acme');
    assert.equal(String(account.primaryApiKey), fingerprint(CANARY.primaryApiKey));
    assert.deepEqual(account.problems, []);
    assertNoSecrets(account);
  });

  test('corrupt ~/.claude.json is a problem, not an exception', async () => {
    const ctx = makeProbeInput();
    await writeClaudeJson(ctx.homeDir, `{"primaryApiKey":"${CANARY.primaryApiKey}"`);
    const { account } = await loadCredentials(ctx);
    assert.deepEqual(
      account.problems.map((p) => p.code),
      ['claude-json-corrupt'],
    );
    assert.match(account.problems[0]!.message, /~\/\.claude\.json looks truncated/);
    assert.equal(account.primaryApiKey, null);
    assertNoSecrets(account);
  });

  test('an oversized ~/.claude.json (over 5 MiB) is not read', async () => {
    const ctx = makeProbeInput();
    const path = await writeClaudeJson(ctx.homeDir, '{}');
    await truncate(path, 6 * 1024 * 1024);
    const { account } = await loadCredentials(ctx);
    assert.equal(account.state, 'too-large');
    assert.deepEqual(
      account.problems.map((p) => p.code),
      ['claude-json-unreadable'],
    );
  });

  test('missing ~/.claude.json is normal', async () => {
    const ctx = makeProbeInput();
    await rm(join(ctx.homeDir, '.claude.json'), { force: true });
    const { account } = await loadCredentials(ctx);
    assert.equal(account.state, 'missing');
    assert.deepEqual(account.problems, []);
  });
});
