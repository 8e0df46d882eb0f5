import { keychainAccount } from '../../../src/core/claude-code/paths.js';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FIX_IDS, type CheckResult, type FixId } from '../../../src/shared/report.js';
import { FIX_TITLES } from '../../../src/shared/fix-titles.js';
import { isAllowedExternalUrl } from '../../../src/shared/external-links.js';
import { FIX_DEFINITIONS } from '../../../src/core/fixes/registry.js';
import { fixTarget } from '../../../src/core/fixes/fix-engine.js';
import type { FixStep, RunStep } from '../../../src/core/fixes/types.js';
import type { Os } from '../../../src/core/io/os.js';
import { CANARY, fakeReport, makeLogoutStub, makeWorld, oauthCredentials, POSIX_ONLY, worldProbeEnv, type TempWorld } from './helpers.js';

const OSES: readonly Os[] = ['darwin', 'linux', 'win32'];
const SESSIONS = ['desktop', 'ssh', 'headless'] as const;

function check(
  id: CheckResult['id'],
  status: CheckResult['status'],
  facts: CheckResult['facts'] = {},
  summary = `${id} ${status}`,
): CheckResult {
  return { id, status, title: id, summary, cause: null, fixes: [], durationMs: 1, evidence: {}, facts };
}

async function plantSecrets(world: TempWorld): Promise<void> {
  await writeFile(join(world.configDir, '.credentials.json'), JSON.stringify(oauthCredentials()), { mode: 0o600 });
  await writeFile(join(world.home, '.bashrc'), `alias ll='ls -l'\nexport ANTHROPIC_API_KEY=${CANARY.apiKey}\n`);
  await writeFile(join(world.configDir, 'settings.json'), JSON.stringify({ env: { CLAUDE_CODE_OAUTH_TOKEN: CANARY.envOauth } }));
  await mkdir(join(world.configDir, 'cache'));
  await makeLogoutStub(world.bin);
}

async function stepsFor(
  world: TempWorld,
  fixId: FixId,
  os: Os,
  session: (typeof SESSIONS)[number],
  checks: CheckResult[] = [],
): Promise<readonly FixStep[]> {
  const ctx = await fixTarget(worldProbeEnv(world), fakeReport(os, session, checks, world.configDir), {
    dataDir: world.dataDir,
    cliCommand: "'/usr/bin/node' '/opt/cad/main.js'",
  });
  return FIX_DEFINITIONS[fixId].steps(ctx);
}

const runs = (steps: readonly FixStep[]): RunStep[] => steps.filter((s): s is RunStep => s.kind === 'run');

describe('every fix, every OS, every session', { skip: POSIX_ONLY }, () => {
  test('builds steps that are complete, allowlisted and secret-free', async () => {
    const world = await makeWorld({ ANTHROPIC_API_KEY: CANARY.apiKey });
    try {
      await plantSecrets(world);
      for (const fixId of FIX_IDS) {
        const def = FIX_DEFINITIONS[fixId];
        assert.equal(def.id, fixId);
        assert.equal(def.title, FIX_TITLES[fixId]);
        assert.ok(def.why.length > 40, `${fixId} explains why`);
        for (const os of OSES) {
          for (const session of SESSIONS) {
            const steps = await stepsFor(world, fixId, os, session);
            const where = `${fixId} on ${os}/${session}`;
            assert.ok(steps.length >= 1, where);
            assert.ok(!JSON.stringify(steps).includes('CANARY'), `${where}: no secret in any step`);
            for (const step of steps) {
              assert.ok(step.title && step.detail !== undefined, where);
              if (step.kind === 'link') assert.ok(isAllowedExternalUrl(step.url), `${where}: ${step.url} is allowlisted`);
              if (step.kind === 'run') {
                assert.ok(step.display.length > 0 && step.effects.length > 0, `${where}: ${step.title} says what it does`);
                if (step.changes) assert.ok(step.undo, `${where}: ${step.title} says how it is undone`);
              }
            }
          }
        }
      }
    } finally {
      await world.cleanup();
    }
  });
});

describe('variants', { skip: POSIX_ONLY }, () => {
  test('unlock-keychain: macOS over SSH is a command the user types (the app never takes the password)', async () => {
    const world = await makeWorld();
    try {
      const ssh = await stepsFor(world, 'unlock-keychain', 'darwin', 'ssh');
      assert.equal(runs(ssh).length, 0);
      assert.ok(ssh.some((s) => s.kind === 'user-action' && s.copy === 'security unlock-keychain ~/Library/Keychains/login.keychain-db'));
      const linuxDesktop = await stepsFor(world, 'unlock-keychain', 'linux', 'desktop');
      assert.deepEqual(
        runs(linuxDesktop).map((s) => [s.action.type, s.automatable, s.changes]),
        [['secret-service-unlock', true, false]],
      );
      const linuxSsh = await stepsFor(world, 'unlock-keychain', 'linux', 'ssh');
      assert.equal(runs(linuxSsh).length, 0);
      assert.ok(linuxSsh.some((s) => s.kind === 'user-action' && s.copy?.includes('gnome-keyring-daemon --replace --unlock')));
      assert.deepEqual(
        (await stepsFor(world, 'unlock-keychain', 'win32', 'desktop')).map((s) => s.kind),
        ['info'],
      );
    } finally {
      await world.cleanup();
    }
  });

  test('reauthenticate: backs up then signs out (automatic); login by browser or pasted code', async () => {
    const world = await makeWorld();
    try {
      await makeLogoutStub(world.bin);
      const desktop = await stepsFor(world, 'reauthenticate', 'linux', 'desktop');
      const [logout] = runs(desktop);
      assert.ok(logout && logout.automatable && logout.changes);
      assert.equal(logout.display, 'claude auth logout');
      assert.equal(logout.leaves, 'signed-out', 'the sign-in after it finishes the fix: an expected middle');
      assert.ok(logout.action.type === 'command' && logout.action.backup.map((b) => b.kind).join() === 'file,file');
      assert.ok(
        desktop.some(
          (s) => s.kind === 'user-action' && s.copy === 'claude auth login' && /--console/.test(s.detail) && /--sso/.test(s.detail),
        ),
      );
      const headless = await stepsFor(world, 'reauthenticate', 'linux', 'headless');
      assert.ok(headless.some((s) => s.kind === 'user-action' && /paste the code/.test(s.detail)));
      assert.ok(headless.some((s) => /setup-token/.test(s.detail) && /CLAUDE_CODE_OAUTH_TOKEN/.test(s.detail)));
      const mac = await stepsFor(world, 'reauthenticate', 'darwin', 'ssh');
      const macLogout = runs(mac)[0];
      assert.ok(
        macLogout?.action.type === 'command' &&
          macLogout.action.backup.some(
            (b) => b.kind === 'macos-keychain-item' && b.account === keychainAccount(worldProbeEnv(world).env, worldProbeEnv(world).user),
          ),
      );
      assert.equal(mac.find((s) => s.kind === 'user-action')?.title, 'Unlock the login keychain first');
    } finally {
      await world.cleanup();
    }
  });

  test('reset-credentials: file aside everywhere, keychain item aside on macOS', async () => {
    const world = await makeWorld();
    try {
      await writeFile(join(world.configDir, '.credentials.json'), '{corrupt');
      const mac = runs(await stepsFor(world, 'reset-credentials', 'darwin', 'desktop'));
      assert.deepEqual(
        mac.map((s) => [s.action.type, s.automatable, s.leaves]),
        [
          ['move-aside', true, 'moved-aside'],
          ['keychain-move-aside', true, 'moved-aside'],
        ],
      );
      assert.ok(
        mac[1]?.action.type === 'keychain-move-aside' &&
          mac[1].action.service === 'Claude Code-credentials' &&
          mac[1].action.account === keychainAccount(worldProbeEnv(world).env, worldProbeEnv(world).user),
      );
      const linux = runs(await stepsFor(world, 'reset-credentials', 'linux', 'desktop'));
      assert.deepEqual(
        linux.map((s) => s.action.type),
        ['move-aside'],
      );
    } finally {
      await world.cleanup();
    }
  });

  test('clear-cache says it holds no credentials and never moves it without asking', async () => {
    const world = await makeWorld();
    try {
      await mkdir(join(world.configDir, 'cache'));
      const steps = await stepsFor(world, 'clear-cache', 'linux', 'desktop');
      assert.match(steps[0]?.detail ?? '', /not your login/);
      assert.deepEqual(
        runs(steps).map((s) => [s.action.type, s.automatable]),
        [['move-aside', false]],
      );
    } finally {
      await world.cleanup();
    }
  });

  test('update-claude-code picks the updater for the install method', async () => {
    const world = await makeWorld();
    try {
      await makeLogoutStub(world.bin);
      const cases: [string, string | null][] = [
        ['native', 'claude update'],
        ['npm', 'npm install -g @anthropic-ai/claude-code@latest'],
        ['homebrew', 'brew upgrade --cask claude-code'],
        ['unknown', null],
      ];
      for (const [method, display] of cases) {
        const steps = await stepsFor(world, 'update-claude-code', 'linux', 'desktop', [
          check('cli.install', 'warn', {
            claude: { method, path: join(world.bin, 'claude'), version: '2.1.0', installs: [], processes: null },
          }),
        ]);
        assert.equal(runs(steps)[0]?.display ?? null, display, method);
        if (display === null) assert.ok(steps.some((s) => s.kind === 'user-action' && s.copy?.includes('install.sh')));
      }
    } finally {
      await world.cleanup();
    }
  });

  test('trust-corporate-ca exports the issuer named by the TLS check', async () => {
    const world = await makeWorld();
    try {
      const tls = check('network.tls', 'fail', {
        tls: { issuer: 'CN=Acme TLS Inspection CA, O=Acme Corp', failure: 'tls-untrusted', extraCaCerts: null, extraCaProblem: null },
      });
      const mac = await stepsFor(world, 'trust-corporate-ca', 'darwin', 'desktop', [tls]);
      assert.ok(
        mac.some(
          (s) =>
            s.kind === 'user-action' &&
            s.copy ===
              'security find-certificate -a -c "Acme TLS Inspection CA" -p /Library/Keychains/System.keychain > ~/.claude/corporate-ca.pem',
        ),
      );
      // The variable is written by the doctor, once the file is checked against the intercepted chain.
      const point = runs(mac).find((s) => s.title === 'Point NODE_EXTRA_CA_CERTS at it');
      assert.equal(point?.action.type, 'trust-ca');
      assert.match(point?.display ?? '', /NODE_EXTRA_CA_CERTS="\$HOME\/\.claude\/corporate-ca\.pem"/);
    } finally {
      await world.cleanup();
    }
  });

  test('unset-conflicting-env shows file:line with the value redacted, and asks before each edit', async () => {
    const world = await makeWorld({ ANTHROPIC_API_KEY: CANARY.apiKey, CLAUDE_CODE_OAUTH_TOKEN: CANARY.envOauth });
    try {
      await plantSecrets(world);
      const steps = await stepsFor(world, 'unset-conflicting-env', 'linux', 'desktop');
      const edits = runs(steps);
      assert.deepEqual(
        edits.map((s) => [s.action.type, s.automatable]),
        [
          ['unset-in-rc', false],
          ['settings-edit', false],
        ],
      );
      assert.match(edits[0]!.detail, /~\/\.bashrc:2: export ANTHROPIC_API_KEY=\[value fp:[0-9a-f]{8}\]/);
      assert.ok(!JSON.stringify(steps).includes('CANARY'));
    } finally {
      await world.cleanup();
    }
  });

  test('use-api-key stores from hidden input (automatic) and asks before wiring apiKeyHelper', async () => {
    const world = await makeWorld();
    try {
      const steps = runs(await stepsFor(world, 'use-api-key', 'linux', 'desktop'));
      assert.deepEqual(
        steps.map((s) => [s.action.type, s.automatable, s.input?.kind ?? null]),
        [
          ['store-api-key', true, 'secret'],
          ['settings-edit', false, null],
        ],
      );
      const wire = steps[1]!;
      assert.ok(
        wire.action.type === 'settings-edit' &&
          wire.action.edit.op === 'set-api-key-helper' &&
          wire.action.edit.command === "'/usr/bin/node' '/opt/cad/main.js' api-key",
      );
    } finally {
      await world.cleanup();
    }
  });
});
