import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { commandHead } from '../../../src/core/claude-code/api-key-helper.js';
import { createCommandRunner } from '../../../src/core/io/runner.js';
import { readLoginShellEnv, type LoginShellEnv } from '../../../src/core/platform/login-shell-env.js';
import { authMethodProbe } from '../../../src/core/probes/auth-method.js';
import { fingerprint } from '../../../src/core/redact/redact.js';
import type { MethodFacts } from '../../../src/shared/report.js';
import { fakePlatform, makeProbeInput, type ProbeInputOverrides } from '../../helpers/probe-input.js';
import { CANARY, assertNoSecrets, oauthBlock, writeClaudeJson, writeCredentials, writeSettings } from '../claude-code/fixtures.js';

const shellSaid =
  (env: Record<string, string>): (() => Promise<LoginShellEnv>) =>
  async () => ({ kind: 'resolved', shell: '/bin/zsh', env });

function probeInput(over: ProbeInputOverrides = {}): ReturnType<typeof makeProbeInput> {
  return makeProbeInput({ ...over, env: { CLAUDE_AUTH_DOCTOR_MANAGED_SETTINGS_DIR: '/nonexistent-managed', ...over.env } });
}

function methodOf(outcome: { facts?: { method?: MethodFacts } }): MethodFacts {
  assert.ok(outcome.facts?.method, 'auth.method writes its facts');
  return outcome.facts.method;
}

describe('auth.method probe', () => {
  test('subscription login: ok, both modes send the claude.ai bearer', async () => {
    const ctx = probeInput();
    await writeCredentials(ctx.homeDir, oauthBlock());
    const outcome = await authMethodProbe.run(ctx);
    assert.equal(outcome.status, 'ok');
    assert.equal(outcome.summary, 'Claude subscription login (Pro)');
    const method = methodOf(outcome);
    assert.deepEqual(
      [method.interactive, method.print],
      [
        { kind: 'subscription', xApiKey: null, authorization: 'claude.ai' },
        { kind: 'subscription', xApiKey: null, authorization: 'claude.ai' },
      ],
    );
    assert.deepEqual(outcome.evidence?.['authStatus'], {
      loggedIn: true,
      authMethod: 'claude.ai',
      apiProvider: 'firstParty',
      loginExpiresAt: null,
    });
    assertNoSecrets(outcome);
  });

  test('what `claude auth status` would say, read from the files (never by running it)', async () => {
    const bedrock = probeInput({ env: { CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_API_KEY: CANARY.apiKey } });
    await writeCredentials(bedrock.homeDir, oauthBlock());
    assert.deepEqual((await authMethodProbe.run(bedrock)).evidence?.['authStatus'], {
      loggedIn: true,
      authMethod: 'third_party',
      apiProvider: 'bedrock',
      loginExpiresAt: null,
    });
    // Like auth status, the -p view: an unapproved key counts, and the login's time limit is not shown for it.
    const key = probeInput({ env: { ANTHROPIC_API_KEY: CANARY.apiKey } });
    await writeCredentials(key.homeDir, oauthBlock({ refreshTokenExpiresAt: Date.now() + 20 * 86_400_000 }));
    assert.deepEqual((await authMethodProbe.run(key)).evidence?.['authStatus'], {
      loggedIn: true,
      authMethod: 'api_key',
      apiProvider: 'firstParty',
      apiKeySource: 'ANTHROPIC_API_KEY',
      loginExpiresAt: null,
    });
    const ends = Date.now() + 20 * 86_400_000;
    const login = probeInput({});
    await writeCredentials(login.homeDir, oauthBlock({ refreshTokenExpiresAt: ends }));
    const status = (await authMethodProbe.run(login)).evidence?.['authStatus'] as Record<string, unknown>;
    assert.equal(status['loginExpiresAt'], new Date(ends).toISOString());
  });

  test('an unapproved ANTHROPIC_API_KEY over a stored login: interactive keeps the login, -p uses the key', async () => {
    const ctx = probeInput({ env: { ANTHROPIC_API_KEY: CANARY.apiKey } });
    await writeCredentials(ctx.homeDir, oauthBlock());
    const outcome = await authMethodProbe.run(ctx);
    assert.equal(outcome.status, 'warn');
    assert.match(outcome.summary, /^Claude subscription login \(Pro\); `claude -p`: API key from ANTHROPIC_API_KEY$/);
    assert.match(outcome.cause ?? '', /never approved for interactive use/);
    assert.match(outcome.cause ?? '', /send it \(API billing\) instead of your subscription login/);
    assert.doesNotMatch(outcome.cause ?? '', /overrides your Claude subscription login/, 'said once');
    assert.deepEqual(outcome.fixes, ['unset-conflicting-env']);
    assert.equal(methodOf(outcome).print.xApiKey, 'ANTHROPIC_API_KEY');
    assert.equal(methodOf(outcome).kind, 'subscription', 'the stored login is still what interactive use checks');
    assertNoSecrets(outcome);
  });

  test('an approved key (customApiKeyResponses) overrides the login everywhere', async () => {
    const ctx = probeInput({ env: { ANTHROPIC_API_KEY: CANARY.apiKey } });
    await writeCredentials(ctx.homeDir, oauthBlock());
    await writeClaudeJson(ctx.homeDir, { customApiKeyResponses: { approved: [CANARY.apiKey.slice(-20)], rejected: [] } });
    const outcome = await authMethodProbe.run(ctx);
    assert.equal(outcome.summary, 'API key from ANTHROPIC_API_KEY');
    assert.match(outcome.cause ?? '', /overrides your Claude subscription login in every session/);
    assert.equal(outcome.evidence?.['credential'], fingerprint(CANARY.apiKey));
  });

  test('settings.json env block is read from disk and named', async () => {
    const ctx = probeInput();
    await writeSettings(ctx.homeDir, { env: { CLAUDE_CODE_OAUTH_TOKEN: CANARY.oauthEnv } });
    const outcome = await authMethodProbe.run(ctx);
    assert.equal(outcome.status, 'ok');
    assert.match(outcome.summary, /settings\.json/);
    assert.deepEqual(outcome.evidence?.['settingsEnv'], ['CLAUDE_CODE_OAUTH_TOKEN']);
    assert.deepEqual(methodOf(outcome).variables, [
      { name: 'CLAUDE_CODE_OAUTH_TOKEN', setIn: 'settings', places: ['~/.claude/settings.json (env)'], terminal: 'not-compared' },
    ]);
    assertNoSecrets(outcome);
  });

  test('nothing: fail "Not signed in" with reauthenticate', async () => {
    const outcome = await authMethodProbe.run(probeInput());
    assert.equal(outcome.status, 'fail');
    assert.equal(outcome.summary, 'Not signed in');
    assert.deepEqual(outcome.fixes, ['reauthenticate']);
    assert.match(outcome.cause ?? '', /claude auth login/);
  });

  test('locked keychain: not signed in, unlock first', async () => {
    const ctx = probeInput({
      platform: fakePlatform({ os: 'darwin', readClaudeCredentials: async () => ({ kind: 'locked', evidence: {} }) }),
    });
    const outcome = await authMethodProbe.run(ctx);
    assert.equal(outcome.status, 'fail');
    assert.deepEqual(outcome.fixes, ['unlock-keychain', 'reauthenticate']);
    assert.match(outcome.cause ?? '', /keychain is locked/);
  });

  test('corrupt file and nothing else: not signed in, reset suggested', async () => {
    const ctx = probeInput();
    await writeCredentials(ctx.homeDir, '{"claudeAiOauth":{');
    const outcome = await authMethodProbe.run(ctx);
    assert.equal(outcome.status, 'fail');
    // Move the damaged file aside first, then sign in.
    assert.deepEqual(outcome.fixes, ['reset-credentials', 'reauthenticate']);
  });

  test("an inner line break: fail, in Claude Code's own words", async () => {
    const value = `${CANARY.apiKey.slice(0, 17)}\n${CANARY.apiKey.slice(17)}`;
    const ctx = probeInput({ env: { ANTHROPIC_API_KEY: value } });
    await writeClaudeJson(ctx.homeDir, { customApiKeyResponses: { approved: [value.trim().slice(-20)] } });
    const outcome = await authMethodProbe.run(ctx);
    assert.equal(outcome.status, 'fail');
    assert.equal(outcome.summary, 'Claude Code refuses to send ANTHROPIC_API_KEY');
    assert.match(
      outcome.cause ?? '',
      /Invalid API key · Fix external API key · Invalid X-Api-Key header value from ANTHROPIC_API_KEY: it contains a line break at character 18/,
    );
    assertNoSecrets(outcome);
  });
});

describe('auth.method: where a variable is set', () => {
  test('in an rc file the login shell reads: file and line, and "not in this terminal" for the tray', async () => {
    const ctx = probeInput({ loginShellEnv: shellSaid({ CLAUDE_CODE_OAUTH_TOKEN: CANARY.oauthEnv }) });
    await writeFile(join(ctx.homeDir, '.zshrc'), `# mine\nalias ll='ls -l'\nexport CLAUDE_CODE_OAUTH_TOKEN="${CANARY.oauthEnv}"\n`);
    const outcome = await authMethodProbe.run(ctx);
    const method = methodOf(outcome);
    assert.equal(method.kind, 'oauth-token-env', 'the tray decides with what a new terminal gets');
    assert.deepEqual(method.variables, [
      { name: 'CLAUDE_CODE_OAUTH_TOKEN', setIn: 'shells', places: ['~/.zshrc:3'], terminal: 'absent-here' },
    ]);
    assertNoSecrets(outcome);
  });

  test('exported in this terminal only: said so, with how to get rid of it', async () => {
    const ctx = probeInput({ env: { ANTHROPIC_AUTH_TOKEN: 'CANARY-terminal-token' }, loginShellEnv: shellSaid({}) });
    await writeCredentials(ctx.homeDir, oauthBlock());
    const outcome = await authMethodProbe.run(ctx);
    assert.equal(outcome.status, 'warn');
    assert.deepEqual(methodOf(outcome).variables, [
      { name: 'ANTHROPIC_AUTH_TOKEN', setIn: 'this-terminal', places: [], terminal: 'only-here' },
    ]);
    assert.match(outcome.cause ?? '', /ANTHROPIC_AUTH_TOKEN is set only in this terminal/);
  });

  test('the running terminal still holds an old value', async () => {
    const ctx = probeInput({
      env: { ANTHROPIC_AUTH_TOKEN: 'CANARY-old' },
      loginShellEnv: shellSaid({ ANTHROPIC_AUTH_TOKEN: 'CANARY-new' }),
    });
    await writeFile(join(ctx.homeDir, '.bashrc'), 'export ANTHROPIC_AUTH_TOKEN=CANARY-new \\\n  OTHER=1\n');
    await writeCredentials(ctx.homeDir, oauthBlock());
    const outcome = await authMethodProbe.run(ctx);
    assert.deepEqual(methodOf(outcome).variables[0], {
      name: 'ANTHROPIC_AUTH_TOKEN',
      setIn: 'shells',
      places: ['~/.bashrc:1'],
      terminal: 'differs',
    });
    assert.match(outcome.cause ?? '', /this terminal still holds a different, older value: open a new terminal/);
    assertNoSecrets(outcome);
  });

  const bash = existsSync('/bin/bash') ? false : 'bash is not installed';
  test(
    'a real login shell: found in ~/.bash_profile, and gone once the line is removed (a fresh shell each run)',
    { skip: bash },
    async () => {
      const home = makeProbeInput().homeDir;
      const profile = join(home, '.bash_profile');
      await writeFile(profile, `PATH=/usr/bin:/bin\nexport CLAUDE_CODE_OAUTH_TOKEN=${CANARY.oauthEnv}\n`);
      await mkdir(join(home, '.claude'), { recursive: true });
      const shellEnv = { HOME: home, SHELL: '/bin/bash', PATH: '/usr/bin:/bin', USER: 'tester' };
      const run = (): ReturnType<typeof authMethodProbe.run> =>
        authMethodProbe.run(
          probeInput({
            homeDir: home,
            env: { HOME: home },
            loginShellEnv: (timeoutMs) => readLoginShellEnv(createCommandRunner(), { env: shellEnv, os: 'linux', timeoutMs }),
          }),
        );
      const before = await run();
      assert.equal(methodOf(before).kind, 'oauth-token-env');
      assert.deepEqual(methodOf(before).variables, [
        { name: 'CLAUDE_CODE_OAUTH_TOKEN', setIn: 'shells', places: ['~/.bash_profile:2'], terminal: 'absent-here' },
      ]);
      await writeFile(profile, 'PATH=/usr/bin:/bin\n');
      const after = await run();
      assert.equal(methodOf(after).kind, 'none', 'the unset holds in a fresh login shell');
      assert.deepEqual(methodOf(after).variables, []);
    },
  );
});
describe('auth.method: the apiKeyHelper can run', () => {
  async function helperOutcome(command: string, env: Record<string, string> = {}) {
    const ctx = makeProbeInput({ env });
    await writeSettings(ctx.homeDir, { apiKeyHelper: command.replace('$HOME', ctx.homeDir) });
    return { ctx, outcome: await authMethodProbe.run(ctx) };
  }

  test('pointing into an AppImage mount: warn, re-run use-api-key', async () => {
    const { outcome } = await helperOutcome("'/tmp/.mount_ClaudeAb12/claude-auth-doctor' --cli api-key");
    assert.equal(outcome.status, 'warn');
    assert.match(outcome.cause ?? '', /temporary mount, which is gone once the app quits/);
    assert.deepEqual(outcome.fixes, ['use-api-key']);
    assert.deepEqual(outcome.evidence?.['apiKeyHelperProblems'], ['helper-temporary']);
  });

  test('the old wiring (the app run as Node) in an app that moved: both said', async () => {
    const { outcome } = await helperOutcome(
      "ELECTRON_RUN_AS_NODE=1 '/Applications/Claude Auth Doctor.app/Contents/MacOS/Claude Auth Doctor' '/Applications/Claude Auth Doctor.app/Contents/Resources/app.asar/dist/cli/main.js' api-key",
    );
    assert.deepEqual(outcome.evidence?.['apiKeyHelperProblems'], ['helper-run-as-node', 'helper-missing']);
    assert.match(outcome.cause ?? '', /as Node \(ELECTRON_RUN_AS_NODE\), which the installed app refuses/);
  });

  test('the stable launcher, present: ok', async () => {
    const ctx = makeProbeInput();
    const launcher = join(ctx.homeDir, 'data dir', 'bin', 'claude-auth-doctor');
    await mkdir(dirname(launcher), { recursive: true });
    await writeFile(launcher, '#!/bin/sh\n', { mode: 0o755 });
    await writeSettings(ctx.homeDir, { apiKeyHelper: `'${launcher}' api-key` });
    const outcome = await authMethodProbe.run(ctx);
    assert.equal(outcome.status, 'ok', outcome.cause ?? '');
    assert.equal(outcome.summary, 'API key from apiKeyHelper in ~/.claude/settings.json');
  });

  test("a bare program name is looked up on the shell's PATH", async () => {
    const found = await helperOutcome('sh -c "echo key"', { PATH: '/usr/bin:/bin' });
    assert.equal(found.outcome.status, 'ok', found.outcome.cause ?? '');
    const missing = await helperOutcome('vault-key-printer --field key', { PATH: '/usr/bin:/bin' });
    assert.equal(missing.outcome.status, 'warn');
    assert.match(missing.outcome.cause ?? '', /"vault-key-printer", which is on no directory of your shell's PATH/);
  });
});

describe('commandHead', () => {
  const cases: [string, string[], string | null][] = [
    ["'/a b/c' api-key", [], '/a b/c'],
    ['ELECTRON_RUN_AS_NODE=1 /x/y z', ['ELECTRON_RUN_AS_NODE=1'], '/x/y'],
    ['A=1 B="two words" "/p q/r"', ['A=1', 'B=two words'], '/p q/r'],
    ['/path\\ with\\ spaces/x', [], '/path with spaces/x'],
    ['A=1', ['A=1'], null],
    ['', [], null],
  ];
  for (const [command, assignments, program] of cases) {
    test(JSON.stringify(command), () => assert.deepEqual(commandHead(command), { assignments, program }));
  }
});
