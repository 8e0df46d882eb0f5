import assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdir, symlink, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createFileSystem } from '../../../src/core/io/fs.js';
import type { KeychainRead } from '../../../src/core/keychain/types.js';
import { authCredentialsProbe } from '../../../src/core/probes/auth-credentials.js';
import { fingerprint } from '../../../src/core/redact/redact.js';
import { fakePlatform, makeProbeInput } from '../../helpers/probe-input.js';
import { CANARY, assertNoSecrets, oauthBlock, writeClaudeJson, writeCredentials } from '../claude-code/fixtures.js';

function mac(read: KeychainRead, env: Record<string, string> = {}) {
  return makeProbeInput({ env, platform: fakePlatform({ os: 'darwin', readClaudeCredentials: async () => read }) });
}

describe('auth.credentials', () => {
  test('healthy file: ok, evidence has fingerprints, octal mode, ISO expiry', async () => {
    const ctx = makeProbeInput();
    const expiresAt = Date.UTC(2030, 0, 2, 3, 4, 5);
    const path = await writeCredentials(ctx.homeDir, oauthBlock({ expiresAt }));
    await writeClaudeJson(ctx.homeDir, { oauthAccount: { emailAddress: CANARY.email }, primaryApiKey: CANARY.primaryApiKey });
    const outcome = await authCredentialsProbe.run(ctx);
    assert.equal(outcome.status, 'ok');
    assert.equal(outcome.summary, 'Login stored in ~/.claude/.credentials.json');
    const ev = outcome.evidence ?? {};
    assert.equal(ev['source'], 'file');
    assert.equal(ev['path'], path);
    assert.equal(ev['mode'], '0600');
    assert.equal(ev['accessToken'], fingerprint(CANARY.access));
    assert.equal(ev['refreshToken'], fingerprint(CANARY.refresh));
    assert.equal(ev['expiresAt'], '2030-01-02T03:04:05.000Z');
    assert.deepEqual(ev['scopes'], ['user:inference', 'user:profile']);
    assert.equal(ev['subscriptionType'], 'pro');
    assert.equal(ev['accountEmail'], 'j***@example.com');
    assertNoSecrets(outcome);
  });

  test('keychain found: ok "Login stored in macOS keychain"', async () => {
    const outcome = await authCredentialsProbe.run(mac({ kind: 'found', text: JSON.stringify(oauthBlock()), evidence: {} }));
    assert.equal(outcome.status, 'ok');
    assert.equal(outcome.summary, 'Login stored in macOS keychain');
    assert.equal(outcome.evidence?.['service'], 'Claude Code-credentials');
    assertNoSecrets(outcome);
  });

  test('keychain locked: fail, unlock-keychain, says Claude Code cannot read its login', async () => {
    const outcome = await authCredentialsProbe.run(mac({ kind: 'locked', evidence: {} }));
    assert.equal(outcome.status, 'fail');
    assert.deepEqual(outcome.fixes, ['unlock-keychain']);
    assert.match(outcome.summary, /Keychain locked/);
    assert.match(outcome.cause ?? '', /Claude Code cannot read its login/);
  });

  test('keychain not found and no file: fail "No stored login"', async () => {
    const outcome = await authCredentialsProbe.run(mac({ kind: 'not-found', evidence: {} }));
    assert.equal(outcome.status, 'fail');
    assert.equal(outcome.summary, 'No stored login');
    assert.deepEqual(outcome.fixes, ['reauthenticate']);
    assert.match(outcome.cause ?? '', /macOS keychain \(item "Claude Code-credentials"\)/);
  });

  test('missing everywhere (Linux): fail "No stored login"', async () => {
    const outcome = await authCredentialsProbe.run(makeProbeInput());
    assert.equal(outcome.status, 'fail');
    assert.equal(outcome.summary, 'No stored login');
    assert.deepEqual(outcome.fixes, ['reauthenticate']);
  });

  const broken: readonly { name: string; content: string; summary: RegExp }[] = [
    { name: 'truncated JSON', content: JSON.stringify(oauthBlock()).slice(0, 70), summary: /corrupt/ },
    { name: 'an array', content: '[]', summary: /corrupt/ },
    { name: 'a string', content: '"x"', summary: /corrupt/ },
    { name: 'null', content: 'null', summary: /corrupt/ },
    { name: 'wrong types', content: '{"claudeAiOauth":{"accessToken":42,"expiresAt":"soon"}}', summary: /malformed/ },
  ];
  for (const row of broken) {
    test(`${row.name}: fail with reset-credentials, reauthenticate`, async () => {
      const ctx = makeProbeInput();
      await writeCredentials(ctx.homeDir, row.content);
      const outcome = await authCredentialsProbe.run(ctx);
      assert.equal(outcome.status, 'fail');
      assert.match(outcome.summary, row.summary);
      assert.deepEqual(outcome.fixes, ['reset-credentials', 'reauthenticate']);
      assert.match(outcome.cause ?? '', /~\/\.claude\/\.credentials\.json/);
      assertNoSecrets(outcome);
    });
  }

  test('50 MB file: fail, not read', async () => {
    const ctx = makeProbeInput();
    const path = await writeCredentials(ctx.homeDir, '');
    await truncate(path, 50 * 1024 * 1024);
    const outcome = await authCredentialsProbe.run(ctx);
    assert.equal(outcome.status, 'fail');
    assert.deepEqual(outcome.fixes, ['reset-credentials', 'reauthenticate']);
    assert.match(outcome.cause ?? '', /not read/);
    assert.equal(outcome.evidence?.['fileState'], 'too-large');
  });

  test('dangling symlink: fail naming the link and target', async () => {
    const ctx = makeProbeInput();
    await mkdir(join(ctx.homeDir, '.claude'), { recursive: true });
    await symlink('/nonexistent/creds.json', join(ctx.homeDir, '.claude', '.credentials.json'));
    const outcome = await authCredentialsProbe.run(ctx);
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.summary, /broken link/);
    assert.match(outcome.cause ?? '', /symbolic link to \/nonexistent\/creds\.json/);
  });

  // Exactly as Claude Code 2.1.332 rewrote the file after invalid_grant (research exp/out: observed).
  const EMPTIED = {
    accessToken: '',
    refreshToken: '',
    expiresAt: 0,
    scopes: ['user:inference', 'user:profile'],
    subscriptionType: 'max',
    rateLimitTier: 'default_claude_max_20x',
  };

  test('emptied by a refused refresh: fail, a race or a revoke, re-login and a token for background jobs', async () => {
    const ctx = makeProbeInput();
    await writeCredentials(ctx.homeDir, { claudeAiOauth: EMPTIED });
    const outcome = await authCredentialsProbe.run(ctx);
    assert.equal(outcome.status, 'fail');
    assert.equal(outcome.summary, 'The stored tokens were emptied: a refresh was refused (invalid_grant)');
    assert.match(outcome.cause ?? '', /single-use refresh token/);
    assert.deepEqual(outcome.fixes, ['reauthenticate', 'use-oauth-token']);
    assert.equal(outcome.facts?.login?.ended, 'refused');
  });

  test('emptied at the time limit (loginEnded "time_limit"): fail, told apart from a race', async () => {
    const ctx = makeProbeInput();
    await writeCredentials(ctx.homeDir, { claudeAiOauth: { ...EMPTIED, loginEnded: 'time_limit' } });
    const outcome = await authCredentialsProbe.run(ctx);
    assert.equal(outcome.status, 'fail');
    assert.equal(outcome.summary, 'Login reached its time limit (the tokens were emptied)');
    assert.deepEqual(outcome.fixes, ['reauthenticate']);
    assert.equal(outcome.facts?.login?.ended, 'time-limit');
  });

  test('the login deadline travels typed: refreshTokenExpiresAt as login.endsAt', async () => {
    const ctx = makeProbeInput();
    const endsAt = Date.UTC(2031, 0, 1);
    await writeCredentials(ctx.homeDir, oauthBlock({ refreshTokenExpiresAt: endsAt, expiresAt: endsAt - 10 * 86_400_000 }));
    const outcome = await authCredentialsProbe.run(ctx);
    assert.equal(outcome.facts?.login?.endsAt, new Date(endsAt).toISOString());
    assert.equal(outcome.evidence?.['refreshTokenExpiresAt'], new Date(endsAt).toISOString());
  });

  test('scopes without user:inference: fail, Claude Code says "Not logged in"', async () => {
    const ctx = makeProbeInput();
    await writeCredentials(ctx.homeDir, oauthBlock({ scopes: ['user:profile'] }));
    const outcome = await authCredentialsProbe.run(ctx);
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.summary, /lacks the user:inference scope/);
  });

  test("a full disk under the config dir: fail, free space (signing in again won't help)", async () => {
    const ctx = makeProbeInput({ fs: { ...createFileSystem(), space: async () => ({ freeBytes: 4096, writable: true }) } });
    await writeCredentials(ctx.homeDir, oauthBlock());
    const outcome = await authCredentialsProbe.run(ctx);
    assert.equal(outcome.status, 'fail');
    assert.equal(outcome.summary, "The disk holding Claude Code's login is full");
    assert.match(outcome.cause ?? '', /signing in again won't help/);
    assert.deepEqual(outcome.fixes, ['fix-config-dir']);
  });

  test('a config dir this user cannot write: fail, naming it', async () => {
    const ctx = makeProbeInput({ fs: { ...createFileSystem(), space: async () => ({ freeBytes: 1e12, writable: false }) } });
    await writeCredentials(ctx.homeDir, oauthBlock());
    const outcome = await authCredentialsProbe.run(ctx);
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.cause ?? '', /You cannot write to ~\/\.claude/);
  });

  test('CLAUDE_CONFIG_DIR="" resolves to ./.credentials.json and is named as the problem', async () => {
    const ctx = makeProbeInput({ env: { CLAUDE_CONFIG_DIR: '' } });
    const outcome = await authCredentialsProbe.run(ctx);
    assert.equal(outcome.evidence?.['path'], '.credentials.json');
    assert.match(outcome.cause ?? '', /CLAUDE_CONFIG_DIR is set but empty/);
  });

  test('macOS: a login moved to the overflow item is read back and opened with the pointer key', async () => {
    const key = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const sections = JSON.stringify({ claudeAiOauth: oauthBlock()['claudeAiOauth'] });
    const sealed = Buffer.concat([iv, cipher.update(sections, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
    const asked: string[] = [];
    const ctx = makeProbeInput({
      platform: fakePlatform({
        os: 'darwin',
        readClaudeCredentials: async (service) => {
          asked.push(service);
          if (service === 'Claude Code-credentials')
            return {
              kind: 'found',
              text: JSON.stringify({ keychainOverflow: { slot: 'b', key: key.toString('base64') }, mcpOAuth: {} }),
              evidence: {},
            };
          if (service === 'Claude Code-credentials-overflow-b') return { kind: 'found', text: sealed, evidence: {} };
          return { kind: 'not-found', evidence: {} };
        },
      }),
    });
    const outcome = await authCredentialsProbe.run(ctx);
    assert.equal(outcome.status, 'ok', outcome.cause ?? '');
    assert.equal(outcome.summary, 'Login stored in macOS keychain (with its overflow item)');
    assert.deepEqual(asked.slice(0, 2), ['Claude Code-credentials', 'Claude Code-credentials-overflow-b']);
    assertNoSecrets(outcome);
  });

  test('Windows with CLAUDE_CODE_FORCE_WINDOWS_CREDMAN=1 and no file: unknown, not "no login"', async () => {
    const ctx = makeProbeInput({ env: { CLAUDE_CODE_FORCE_WINDOWS_CREDMAN: '1' }, platform: fakePlatform({ os: 'win32' }) });
    const outcome = await authCredentialsProbe.run(ctx);
    assert.equal(outcome.status, 'unknown');
    assert.match(outcome.summary, /Windows Credential Manager/);
  });

  test('mode 0644: warn with chmod 600', async () => {
    const ctx = makeProbeInput();
    await writeCredentials(ctx.homeDir, oauthBlock(), 0o644);
    const outcome = await authCredentialsProbe.run(ctx);
    assert.equal(outcome.status, 'warn');
    assert.match(outcome.cause ?? '', /chmod 600 .*\.credentials\.json/);
    assert.equal(outcome.evidence?.['mode'], '0644');
  });

  test('BOM: warn, still read', async () => {
    const ctx = makeProbeInput();
    await writeCredentials(ctx.homeDir, '\uFEFF' + JSON.stringify(oauthBlock()));
    const outcome = await authCredentialsProbe.run(ctx);
    assert.equal(outcome.status, 'warn');
    assert.deepEqual(outcome.evidence?.['problems'], ['bom']);
    assert.equal(outcome.evidence?.['accessToken'], fingerprint(CANARY.access));
  });

  test('API key in effect, no stored login: skip', async () => {
    const outcome = await authCredentialsProbe.run(makeProbeInput({ env: { ANTHROPIC_API_KEY: CANARY.apiKey } }));
    assert.equal(outcome.status, 'skip');
    assert.match(outcome.summary, /Not used: API key from ANTHROPIC_API_KEY/);
    assertNoSecrets(outcome);
  });

  test('an approved API key in effect, healthy stored login: skip', async () => {
    const ctx = makeProbeInput({ env: { ANTHROPIC_API_KEY: CANARY.apiKey } });
    await writeCredentials(ctx.homeDir, oauthBlock());
    await writeClaudeJson(ctx.homeDir, { customApiKeyResponses: { approved: [CANARY.apiKey.slice(-20)] } });
    assert.equal((await authCredentialsProbe.run(ctx)).status, 'skip');
  });

  test('an unapproved API key (interactive ignores it): the stored login is still judged', async () => {
    const ctx = makeProbeInput({ env: { ANTHROPIC_API_KEY: CANARY.apiKey } });
    await writeCredentials(ctx.homeDir, oauthBlock({ expiresAt: 1_900_000_000 }));
    const outcome = await authCredentialsProbe.run(ctx);
    assert.equal(outcome.status, 'warn', 'interactive `claude` uses this login, so its problems count');
    assert.match(outcome.cause ?? '', /looks like seconds/);
    const emptied = makeProbeInput({ env: { ANTHROPIC_API_KEY: CANARY.apiKey } });
    await writeCredentials(emptied.homeDir, {
      claudeAiOauth: { accessToken: '', refreshToken: '', expiresAt: 0, scopes: ['user:inference'] },
    });
    const second = await authCredentialsProbe.run(emptied);
    assert.equal(second.status, 'warn', 'only `claude -p` has a credential now: the emptied login is reported, not ignored');
    assert.match(second.cause ?? '', /emptied/);
  });

  test('API key in effect, file with only MCP logins: skip', async () => {
    const ctx = makeProbeInput({ env: { ANTHROPIC_API_KEY: CANARY.apiKey } });
    await writeClaudeJson(ctx.homeDir, { customApiKeyResponses: { approved: [CANARY.apiKey.slice(-20)] } });
    await writeCredentials(ctx.homeDir, { mcpOAuth: {} });
    assert.equal((await authCredentialsProbe.run(ctx)).status, 'skip');
  });

  test('an approved API key in effect, broken stored login: warn', async () => {
    const ctx = makeProbeInput({ env: { ANTHROPIC_API_KEY: CANARY.apiKey } });
    await writeClaudeJson(ctx.homeDir, { customApiKeyResponses: { approved: [CANARY.apiKey.slice(-20)] } });
    await writeCredentials(ctx.homeDir, '{"claudeAiOauth":');
    const outcome = await authCredentialsProbe.run(ctx);
    assert.equal(outcome.status, 'warn');
    assert.match(outcome.cause ?? '', /falls back to it/);
    assert.deepEqual(outcome.fixes, ['reset-credentials', 'reauthenticate']);
  });
});
