/**
 * Issue 11's "done means" in a terminal: five of the six worlds a stressed user meets (the
 * damaged login is walked in tmux.test.ts), and `fix reauthenticate --yes` on a terminal, each walked end to end with `claude-auth-doctor fix`
 * in a real 80×24 tmux pane against a world on loopback (test/helpers/world.ts). Each asserts the
 * headline names the cause, the first fix is the one the finding calls for, and the walk reaches an
 * ending (a verified success, or the next option). Every screen is kept as
 * test-results/cli-<world>-<n>.txt.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIX_TITLES } from '../../src/shared/fix-titles.js';
import type { FixId } from '../../src/shared/report.js';
import { cliCommand } from '../helpers/cli.js';
import { makeSignInClaude } from '../helpers/stub-claude.js';
import { keepScreen, openPane, TMUX_SKIP, type Pane } from '../helpers/tmux.js';
import { CANARY, makeWorld, oauthCredentials, type World, type WorldOptions } from '../helpers/world.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const HOUR = 3600_000;
const SKIP = process.platform === 'win32' ? 'POSIX shells and tmux' : TMUX_SKIP;
const ZSH_SKIP = spawnSync('zsh', ['--version']).status === 0 ? false : 'zsh is not installed (apt-get install zsh)';
const TIMEOUT = 180_000;
/** The secrets a screen must never show. */
const SECRETS = new RegExp([CANARY.access, CANARY.refresh, CANARY.apiKey].map((s) => s.slice(-24)).join('|'));

const worlds: World[] = [];
const panes: Pane[] = [];

after(async () => {
  for (const p of panes) await p.close();
  await Promise.all(worlds.map((w) => w.close()));
});

async function world(options: WorldOptions): Promise<World> {
  const made = await makeWorld(options);
  worlds.push(made);
  return made;
}

/** A journey's screens, numbered in order: test-results/cli-<world>-<n>.txt. */
function screens(name: string): (screen: string) => Promise<void> {
  let n = 0;
  return (screen) => {
    assert.doesNotMatch(screen, SECRETS, 'a secret on screen');
    return keepScreen(HERE, `cli-${name}-${++n}`, screen);
  };
}

async function fix(w: World, args: string[] = []): Promise<Pane> {
  const { file, args: prefix } = cliCommand();
  const pane = await openPane([file, ...prefix, 'fix', ...args], { env: w.env, cwd: w.home });
  panes.push(pane);
  return pane;
}

/** The first screen: the headline names the cause and the first fix is the one it calls for. */
async function firstScreen(pane: Pane, headline: RegExp, first: FixId, keep: (s: string) => Promise<void>): Promise<string> {
  const screen = await pane.waitFor(/› $|› *$|\[exit \d\]/m, 60_000);
  await keep(screen);
  assert.match(screen.split('\n')[0] ?? '', headline, 'the headline names the cause');
  assert.match(screen, new RegExp(`^Fix 1/\\d: ${FIX_TITLES[first].replace(/[()']/g, '.')}$`, 'm'), 'the first fix');
  return screen;
}

/** A whole directory's files and bytes, to show nothing local changed. */
async function treeHash(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (d: string): Promise<void> => {
    for (const entry of (await readdir(d, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(d, entry.name);
      hash.update(path);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) hash.update(await readFile(path)).update(String((await stat(path)).mode));
    }
  };
  await walk(dir);
  return hash.digest('hex');
}

describe('five worlds walked with `fix` in an 80×24 terminal (tmux)', { skip: SKIP }, () => {
  test('healthy: says it is ready, nothing to fix', { timeout: TIMEOUT }, async () => {
    const w = await world({});
    const keep = screens('healthy');
    const pane = await fix(w);
    const screen = await pane.waitFor(/\[exit \d\]/, 60_000);
    await keep(screen);
    assert.match(screen.split('\n')[0] ?? '', /^Claude Code is signed in and ready$/);
    assert.match(screen, /^Nothing to fix\.$/m, 'the ending');
    assert.match(screen, /\[exit 0\]/);
  });

  test('expired login without a refresh token: the sign-in runs right here, then verified', { timeout: TIMEOUT }, async () => {
    const expired = oauthCredentials({
      accessToken: CANARY.envOauth,
      refreshToken: undefined,
      refreshTokenExpiresAt: undefined,
      expiresAt: Date.now() - 3 * HOUR,
    });
    const w = await world({ credentials: expired });
    const credentialsPath = join(w.configDir, '.credentials.json');
    await makeSignInClaude(join(w.home, 'bin'), { credentialsPath, login: oauthCredentials() });
    const keep = screens('expired-login');
    const pane = await fix(w);
    await firstScreen(pane, /^Your Claude login expired$/, 'reauthenticate', keep);
    await pane.waitFor(/\[Enter\] run `claude auth login` here · s skip · q quit/);
    pane.send('Enter');
    await pane.waitFor(/Paste code here if prompted >$/m, 30_000);
    await keep(pane.screen());
    pane.send('FAKE-CODE', true);
    pane.send('Enter');
    const screen = await pane.waitFor(/\[exit \d\]/, 60_000);
    await keep(screen);
    assert.match(screen, /Login successful\./);
    assert.match(screen, /Verified: the checks pass\./);
    assert.match(screen, /Fixed: Claude Code will work/, 'the ending: success');
    assert.match(screen, /\[exit 0\]/);
  });

  test('Anthropic outage: one card, nothing local changed, ends "Anthropic is still working on it"', { timeout: TIMEOUT }, async () => {
    const w = await world({ status: 'major-outage' });
    const before = await treeHash(w.configDir);
    const keep = screens('outage');
    const pane = await fix(w);
    const screen = await pane.waitFor(/\[exit \d\]/, 60_000);
    await keep(screen);
    assert.match(screen.split('\n')[0] ?? '', /^Anthropic is having an outage: nothing to fix on your side$/);
    assert.match(screen, new RegExp(`^Fix 1/1: ${FIX_TITLES['wait-for-service']}$`, 'm'));
    assert.match(
      screen,
      /Follow the incident: Elevated errors on Claude API\n[\s\S]*→ https:\/\/status\.claude\.com/,
      'the incident, linked',
    );
    assert.match(screen, /^Anthropic is still working on it$/m, 'the ending');
    assert.match(screen, /claude-auth-doctor wait/, 'how to be told when it is over');
    assert.doesNotMatch(screen, /this window|The app keeps/, 'a terminal is not told about a window');
    assert.equal(await treeHash(w.configDir), before, 'nothing local changed');
  });

  test(
    'TLS interception: trust the company CA first, checked against the chain, then verified as a new terminal sees it',
    { timeout: TIMEOUT, skip: ZSH_SKIP },
    async () => {
      const w = await world({ api: 'rogue-tls', statusTls: 'rogue', env: { SHELL: '/bin/zsh' } });
      const zshrc = join(w.home, '.zshrc');
      await writeFile(zshrc, '# my shell\nexport EDITOR=vim\n');
      const keep = screens('tls-interception');
      const pane = await fix(w);
      const first = await firstScreen(pane, /^Your network intercepts Claude’s connection$/, 'trust-corporate-ca', keep);
      assert.match(first, /Contoso TLS Inspection CA/, 'names the certificate to look for');
      // Step 1: the user saves a certificate where the step says; first the wrong one.
      await pane.waitFor(/Do it now, then \[Enter\] to check · s skip · q quit ›/);
      await writeFile(join(w.configDir, 'corporate-ca.pem'), w.pki.caPem);
      pane.send('Enter');
      await pane.waitFor(/\[Enter\] run · s skip · q quit › *$/, 60_000);
      await keep(pane.screen());
      // Step 2: the doctor checks the file against the intercepted chain before it writes anything.
      pane.send('Enter');
      await pane.waitFor(/does not hold the\s+certificate[\s\S]*\[Enter\] try again · s skip · q quit › *$/, 60_000);
      await keep(pane.screen());
      assert.doesNotMatch(await readFile(zshrc, 'utf8'), /NODE_EXTRA_CA_CERTS/, 'nothing written for the wrong certificate');
      await writeFile(join(w.configDir, 'corporate-ca.pem'), w.pki.rogueCaPem);
      pane.send('Enter');
      const screen = await pane.waitFor(/\[exit \d\]/, 60_000);
      await keep(screen);
      assert.match(await readFile(zshrc, 'utf8'), /^export NODE_EXTRA_CA_CERTS="\$HOME\/\.claude\/corporate-ca\.pem"$/m);
      assert.match(screen, /Fixed: Claude Code will work/, 'the ending: success');
    },
  );

  test('fix reauthenticate --yes on a terminal: signed out, then the sign-in follows in the same run', { timeout: TIMEOUT }, async () => {
    const w = await world({});
    const credentialsPath = join(w.configDir, '.credentials.json');
    await makeSignInClaude(join(w.home, 'bin'), { credentialsPath, login: oauthCredentials() });
    const keep = screens('reauthenticate-yes');
    const pane = await fix(w, ['reauthenticate', '--yes']);
    await pane.waitFor(/Paste code here if prompted >$/m, 60_000);
    await keep(pane.screen());
    assert.match(pane.screen(), /Successfully logged out/, 'signed out first');
    pane.send('FAKE-CODE', true);
    pane.send('Enter');
    const screen = await pane.waitFor(/\[exit \d\]/, 60_000);
    await keep(screen);
    assert.match(screen, /Login successful\./);
    assert.match(screen, /Fixed: Claude Code will work/);
    assert.match(await readFile(credentialsPath, 'utf8'), /accessToken/, 'signed in again');
  });

  test(
    'ANTHROPIC_API_KEY over a Pro login: unset it in the rc file, verified in a fresh login shell',
    { timeout: TIMEOUT, skip: ZSH_SKIP },
    async () => {
      const w = await world({
        credentials: oauthCredentials({ subscriptionType: 'pro', rateLimitTier: null }),
        env: { SHELL: '/bin/zsh', ANTHROPIC_API_KEY: CANARY.apiKey },
      });
      const zshrc = join(w.home, '.zshrc');
      await writeFile(zshrc, `# work account\nexport ANTHROPIC_API_KEY=${CANARY.apiKey}\nexport EDITOR=vim\n`);
      const keep = screens('api-key-over-pro');
      const pane = await fix(w);
      await firstScreen(pane, /^An API key overrides your Pro subscription$/, 'unset-conflicting-env', keep);
      pane.send('Enter');
      const screen = await pane.waitFor(/\[exit \d\]/, 60_000);
      await keep(screen);
      assert.doesNotMatch(await readFile(zshrc, 'utf8'), /^export ANTHROPIC_API_KEY/m, 'the rc file no longer sets it');
      const fresh = spawnSync('zsh', ['-i', '-l', '-c', 'printenv ANTHROPIC_API_KEY || echo unset'], {
        env: { HOME: w.home, PATH: '/usr/bin:/bin', TERM: 'dumb' },
        encoding: 'utf8',
      });
      assert.equal(fresh.stdout.trim(), 'unset', 'a fresh login shell no longer has it');
      assert.match(screen, /Fixed: Claude Code will work/, 'the ending: success');
    },
  );
});
