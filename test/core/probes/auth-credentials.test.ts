import assert from 'node:assert/strict';
import { mkdir, symlink, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
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

  test('emptied tokens: fail with invalid_grant explanation, reauthenticate only', async () => {
    const ctx = makeProbeInput();
    await writeCredentials(ctx.homeDir, { claudeAiOauth: { accessToken: '', refreshToken: '', expiresAt: 0 } });
    const outcome = await authCredentialsProbe.run(ctx);
    assert.equal(outcome.status, 'fail');
    assert.equal(outcome.summary, 'The stored tokens were emptied (a refresh failed with invalid_grant)');
    assert.deepEqual(outcome.fixes, ['reauthenticate']);
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

  test('API key in effect, healthy stored login: skip', async () => {
    const ctx = makeProbeInput({ env: { ANTHROPIC_API_KEY: CANARY.apiKey } });
    await writeCredentials(ctx.homeDir, oauthBlock());
    assert.equal((await authCredentialsProbe.run(ctx)).status, 'skip');
  });

  test('API key in effect, file with only MCP logins: skip', async () => {
    const ctx = makeProbeInput({ env: { ANTHROPIC_API_KEY: CANARY.apiKey } });
    await writeCredentials(ctx.homeDir, { mcpOAuth: {} });
    assert.equal((await authCredentialsProbe.run(ctx)).status, 'skip');
  });

  test('API key in effect, broken stored login: warn', async () => {
    const ctx = makeProbeInput({ env: { ANTHROPIC_API_KEY: CANARY.apiKey } });
    await writeCredentials(ctx.homeDir, '{"claudeAiOauth":');
    const outcome = await authCredentialsProbe.run(ctx);
    assert.equal(outcome.status, 'warn');
    assert.match(outcome.cause ?? '', /falls back to it/);
    assert.deepEqual(outcome.fixes, ['reset-credentials', 'reauthenticate']);
  });
});
