import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { SettingsProvider } from '../../src/cli/web-host.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings/schema.js';
import type { HistoryPoint } from '../../src/shared/ipc.js';
import {
  CHROMIUM_SKIP,
  launchBrowser,
  SCREENSHOTS,
  startWizard,
  uncovered,
  watch,
  type Browser,
  type RunningWizard,
  type Watched,
} from './harness.js';
import { startKeyring } from '../helpers/keyring.js';
import { seriousViolations } from './axe.js';
import { memorySettings } from './memory-settings.js';
import { CANARY_PATTERN, createWorld, type World } from './world.js';

const HOUR = 3600_000;
const TIMEOUT = 60_000;

/** What the monitor would have logged over the day before the test (the strip's drawing). */
function dayBefore(now = Date.now()): HistoryPoint[] {
  const at = (hoursAgo: number): string => new Date(now - hoursAgo * HOUR).toISOString();
  return [
    { at: at(22), overall: 'ok', event: 'start', note: 'App started' },
    { at: at(15), overall: 'ok', event: 'wake', note: 'Woke from sleep' },
    { at: at(9.5), overall: 'warn', event: 'network', note: 'VPN connected' },
    { at: at(7), overall: 'ok', event: 'network', note: 'VPN disconnected' },
    { at: at(3), overall: 'fail', event: 'expiry', note: 'Access token expired' },
  ];
}

interface Scene {
  readonly world: World;
  readonly wizard: RunningWizard;
  readonly browser: Browser;
  readonly page: Page;
  readonly watched: Watched;
  close(): Promise<void>;
}

async function open(world: World, colorScheme: 'light' | 'dark' = 'light', settings?: SettingsProvider): Promise<Scene> {
  const wizard = await startWizard(world, dayBefore(), settings);
  const browser = await launchBrowser(colorScheme);
  const page = await browser.context.newPage();
  const watched = watch(page, wizard.host.origin);
  await page.goto(wizard.host.url);
  await page.waitForSelector('.card .step', { timeout: 20_000 });
  return {
    world,
    wizard,
    browser,
    page,
    watched,
    close: async () => {
      await browser.close();
      await wizard.close();
    },
  };
}

/** Nothing secret reached the page, nothing was scrubbed, no CSP violation, nothing remote. */
async function assertClean(scene: Scene): Promise<void> {
  await scene.page.waitForLoadState('networkidle');
  assert.ok(scene.watched.payloads.length >= 3, 'the page talked to the host');
  for (const payload of scene.watched.payloads) {
    assert.doesNotMatch(payload.body, CANARY_PATTERN, `${payload.channel} carried a canary`);
  }
  assert.doesNotMatch(await scene.page.content(), CANARY_PATTERN);
  assert.deepEqual(scene.wizard.redactions, [], 'the host had to scrub a secret');
  assert.deepEqual(scene.watched.errors, [], 'console errors / CSP violations');
  assert.deepEqual(scene.watched.foreign, [], 'requests outside the wizard origin');
}

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS(), { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS(), name) });
}

/** The user signs in outside the wizard (the stub `claude`), presses Check again, and the walk ends in success. */
async function signInAndVerify(scene: Scene): Promise<void> {
  await scene.world.signIn();
  await scene.page.click('button[data-key="check-again"]');
  await scene.page.waitForSelector('[data-ending="success"]');
}

async function focusedKey(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.dataset['key'] ?? el?.id ?? el?.tagName ?? '';
  });
}

/** Presses Tab until the focused element has this data-key (or id); fails after `max` presses. */
async function tabTo(page: Page, key: string, max = 25): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if ((await focusedKey(page)) === key) return i;
  }
  throw new Error(`Tab never reached ${key} (last: ${await focusedKey(page)})`);
}

/**
 * The expected middle of a walk (signed out / moved aside, now sign in): said neutrally in the
 * headline, no red rows, no "Run again" for the one-shot step, focus on the next step's first
 * action, and that step in view below the tabs (not scrolled under them).
 */
async function assertMiddle(page: Page, line: string): Promise<void> {
  assert.equal(await page.textContent('#headline'), line);
  assert.equal(await page.getAttribute('.top', 'class'), 'top is-middle');
  assert.equal(await page.locator('.verify-item:not(.is-ok)').count(), 0, 'no red rows');
  assert.equal(await page.locator('.verdict').filter({ hasText: 'Not fixed yet' }).count(), 0);
  assert.equal(await page.locator('button[data-key="run"]').count(), 0, 'no Run again on a one-shot step');
  assert.equal(await page.getAttribute('.step', 'data-mode'), 'manual', 'on the next step');
  await page.waitForFunction(() => document.activeElement?.closest('.step .actions') !== null, undefined, { timeout: 5_000 });
  const placement = await page.evaluate(() => {
    const main = document.querySelector('.main')!.getBoundingClientRect();
    const step = document.querySelector('.step')!.getBoundingClientRect();
    const action = document.activeElement!.getBoundingClientRect();
    return { stepTop: step.top - main.top, actionBottom: main.bottom - action.bottom };
  });
  assert.ok(placement.stepTop >= 0, `the step starts under the tabs (${placement.stepTop} px)`);
  assert.ok(placement.actionBottom >= 0, `the focused action is below the fold (${placement.actionBottom} px)`);
  assert.deepEqual(await seriousViolations(page), [], 'axe-core on the middle state');
}

async function fitsWithoutScrolling(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const main = document.querySelector('.main');
    return document.documentElement.scrollHeight <= window.innerHeight && main !== null && main.scrollHeight <= main.clientHeight + 1;
  });
}

describe('the wizard in Chromium', { skip: CHROMIUM_SKIP }, () => {
  const worlds: World[] = [];
  const world = async (options: Parameters<typeof createWorld>[0]): Promise<World> => {
    const made = await createWorld(options);
    worlds.push(made);
    return made;
  };

  before(async () => {
    await mkdir(SCREENSHOTS(), { recursive: true });
  });

  after(async () => {
    await Promise.all(worlds.map((w) => w.close()));
  });

  test(
    'expired login: the headline names it, the card says what was found, one sign-in (no sign-out of a dead login), then a verified success',
    { timeout: TIMEOUT },
    async () => {
      const scene = await open(await world({ login: 'expired-no-refresh' }));
      const { page } = scene;
      try {
        assert.equal(new URL(page.url()).search, '', 'the token is dropped from the address bar');
        assert.equal(await page.getAttribute('.top', 'data-overall'), 'fail');
        const band = await page.$eval('.top', (el) => getComputedStyle(el).borderTopColor);
        assert.equal(band, 'rgb(209, 52, 63)', 'the tray’s red');
        assert.equal(await page.textContent('#headline'), 'Overall: fail. Your Claude login expired');
        assert.match((await page.textContent('.top-sub')) ?? '', /^Sign in once; the app then checks it works\.$/);
        assert.equal(await page.locator('.problem').count(), 0, 'one cause: the headline and the card say it, no list repeats it');
        assert.equal(await page.textContent('#fix-title'), 'Sign in to Claude Code again');
        assert.match(
          (await page.textContent('.card .found')) ?? '',
          /^Found here: Access token expired \d+ h( \d+ m)? ago; no refresh token$/,
        );
        // Step 1 is the action: a login that cannot renew itself is replaced by signing in, so no
        // sign-out (which would also delete the MCP servers' tokens).
        assert.equal(await page.getAttribute('.step', 'data-mode'), 'manual');
        assert.match((await page.textContent('.cmd')) ?? '', /claude auth login/);
        assert.equal(await page.locator('.card-head .eyebrow').textContent(), 'The fix');
        assert.ok(await fitsWithoutScrolling(page), 'a one-fix plan fits 420×560 without scrolling');
        assert.equal(await page.isHidden('footer.history'), true, 'the history strip makes room while a fix is walked');
        await shot(page, 'wizard-expired-login.png');

        await signInAndVerify(scene);
        assert.equal(await page.getAttribute('.top', 'data-overall'), 'ok');
        assert.match(
          (await page.textContent('[data-ending="success"]')) ?? '',
          /Fixed: Claude Code will work.*Signed in as d\*\*\*@example\.com/s,
        );
        assert.equal(await page.isVisible('[data-ending] button[data-key="done"]'), true, 'the journey ends with Done');
        assert.match((await page.textContent('#announcer')) ?? '', /Token: passes/);
        await shot(page, 'wizard-verified.png');
        await assertClean(scene);
      } finally {
        await scene.close();
      }
    },
  );

  test(
    'damaged login: move it aside, a neutral "now sign in" (no red rows, no Run again, focus on the next action), undo byte for byte, sign in once, verified',
    { timeout: TIMEOUT },
    async () => {
      const scene = await open(await world({ login: 'truncated' }));
      const { page } = scene;
      try {
        assert.equal(await page.textContent('#headline'), 'Overall: fail. Your saved login file is damaged');
        assert.equal(await page.getAttribute('.card', 'data-fix'), 'reset-credentials');
        assert.equal(await page.getAttribute('.step', 'data-mode'), 'auto', 'step 1 is the move, not reading');
        const original = await readFile(scene.world.credentialsPath, 'utf8');
        await page.click('button[data-key="run"]');
        await page.waitForSelector('.top[data-middle="true"]');
        await assert.rejects(readFile(scene.world.credentialsPath, 'utf8'), /ENOENT/);
        await assertMiddle(page, 'Moved aside: now sign in');
        await shot(page, 'wizard-damaged-middle.png');

        // Undo from the sign-in step: the file comes back byte for byte, the move is offered again.
        const undo = await page.getAttribute('.carried [data-key^="undo-"]', 'data-key');
        await page.click(`button[data-key="${undo}"]`);
        await page.waitForSelector('.undo-line.is-ok');
        assert.equal(await readFile(scene.world.credentialsPath, 'utf8'), original, 'byte for byte');
        assert.equal(await page.getAttribute('.step', 'data-mode'), 'auto', 'back on the undone step');
        assert.equal(await page.locator('.top[data-middle]').count(), 0, 'no middle state once undone');
        assert.equal(await page.textContent('button[data-key="run"]'), 'Run');

        await page.click('button[data-key="run"]');
        await page.waitForSelector('.top[data-middle="true"]');
        await assertMiddle(page, 'Moved aside: now sign in');
        assert.match((await page.textContent('.cmd')) ?? '', /claude auth login/);
        await signInAndVerify(scene);
        await assertClean(scene);
      } finally {
        await scene.close();
      }
    },
  );

  for (const scheme of ['light', 'dark'] as const) {
    test(
      `a login the server refuses: sign out, "Signed out: now sign in" in the middle, sign in once, verified (${scheme})`,
      { timeout: TIMEOUT },
      async () => {
        const scene = await open(await world({ login: 'revoked' }), scheme);
        const { page } = scene;
        try {
          assert.equal(await page.getAttribute('.card', 'data-fix'), 'reauthenticate');
          assert.equal(await page.getAttribute('.step', 'data-mode'), 'auto', 'the sign-out comes first: the login has a refresh token');
          await page.click('button[data-key="run"]');
          await page.waitForSelector('.top[data-middle="true"]');
          await assertMiddle(page, 'Signed out: now sign in');
          assert.equal(await focusedKey(page), 'copy', 'focus on the sign-in command');
          await shot(page, `wizard-signed-out-middle-${scheme}.png`);
          await signInAndVerify(scene);
          await assertClean(scene);
        } finally {
          await scene.close();
        }
      },
    );
  }

  test(
    'outage: amber, not the user’s fault; one card linking the incident; the ending promises a notification; recovery ends in success',
    { timeout: TIMEOUT },
    async () => {
      const scene = await open(await world({ login: 'fresh', status: 'major-outage' }));
      const { page } = scene;
      try {
        assert.equal(await page.getAttribute('.top', 'data-overall'), 'warn', 'amber: nothing is wrong on this machine');
        assert.equal(await page.textContent('#headline'), 'Overall: warn. Anthropic is having an outage: nothing to fix on your side');
        assert.equal(await page.getAttribute('.card', 'data-fix'), 'wait-for-service');
        assert.equal(await page.locator('.stepper').count(), 0, 'one card');
        assert.match((await page.textContent('.step')) ?? '', /Elevated errors on claude\.ai/);
        const link = page.locator('a[data-key="link"]');
        // The incident's shortlink is not on the allowlist, so the link is the status page itself.
        assert.equal(await link.getAttribute('href'), 'https://status.claude.com');
        assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
        assert.equal(await link.getAttribute('target'), '_blank');
        assert.ok(await fitsWithoutScrolling(page));
        await shot(page, 'wizard-outage.png');

        await page.click('button[data-key="next"]');
        assert.doesNotMatch(
          (await page.textContent('.card')) ?? '',
          /claude-auth-doctor check/,
          'no command to copy inside the app that runs it',
        );
        assert.equal(await page.textContent('button[data-key="next"]'), 'Finish and check');
        await page.click('button[data-key="next"]');
        await page.waitForSelector('[data-ending="next-option"]');
        assert.match((await page.textContent('[data-ending]')) ?? '', /tells you when it is resolved/);

        scene.world.setStatus('operational');
        await page.click('button[data-key="recheck"]');
        await page.waitForSelector('[data-ending="success"]');
        assert.equal(await page.getAttribute('.top', 'data-overall'), 'ok');
        await assertClean(scene);
      } finally {
        await scene.close();
      }
    },
  );

  test('TLS interception: one fix, naming the issuer, walked with the keyboard only', { timeout: TIMEOUT }, async () => {
    const scene = await open(await world({ login: 'fresh', tls: 'rogue' }));
    const { page } = scene;
    try {
      assert.equal(await page.textContent('#headline'), 'Overall: fail. Your network intercepts Claude’s connection');
      assert.equal(await page.locator('.stepper').count(), 0, 'no proxy or VPN card: no proxy is set');
      assert.equal(await page.getAttribute('.card', 'data-fix'), 'trust-corporate-ca');
      assert.match((await page.textContent('.card .found')) ?? '', /Contoso TLS Inspection CA/);
      assert.match((await page.textContent('.step')) ?? '', /Look for a certificate issued by "Contoso TLS Inspection CA/);
      await shot(page, 'wizard-tls.png');

      // Keyboard only: Copy, then "I did it — check again", Next, Back.
      const first = await page.getAttribute('.step', 'data-step');
      await tabTo(page, 'copy');
      const ring = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
      assert.equal(ring, 'solid', 'the focused control shows a focus ring');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => (document.querySelector('.copy-note')?.textContent ?? '') !== '');
      assert.match((await page.textContent('.copy-note')) ?? '', /Copied|Selected: press (Ctrl\+C|⌘C)/);

      await tabTo(page, 'check-again');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.result[data-phase="done"]');
      assert.equal(
        await page.getAttribute('.verify-item[data-check="network.tls"]', 'data-status'),
        'fail',
        'still intercepted: verification says so',
      );

      await tabTo(page, 'next');
      await page.keyboard.press('Enter');
      assert.equal(await page.getAttribute('.step', 'data-step'), String(Number(first) + 1));
      assert.equal(await focusedKey(page), 'next', 'Next keeps focus, so Enter walks on');
      assert.match(
        (await page.textContent('.step')) ?? '',
        /Checks that ~\/\.claude\/corporate-ca\.pem holds a certificate that verifies the connection to/,
        'the rc line is written only once the file verifies the intercepted chain',
      );
      assert.match(
        (await page.textContent('.cmd')) ?? '',
        /add export NODE_EXTRA_CA_CERTS="\$HOME\/\.claude\/corporate-ca\.pem" to ~\/\.bashrc/,
      );

      await tabTo(page, 'back');
      await page.keyboard.press('Enter');
      assert.equal(await page.getAttribute('.step', 'data-step'), first);
      assert.equal(await page.locator('button[data-key="back"]').count(), 0, 'nothing before the first action');
      await assertClean(scene);
    } finally {
      await scene.close();
    }
  });

  test(
    'locked keyring: amber overall, the unlock step to run in a terminal; once the user runs it, verification passes',
    { timeout: TIMEOUT },
    async (t) => {
      const keyring = await startKeyring();
      if ('skip' in keyring) return t.skip(keyring.skip);
      try {
        await keyring.lock();
        // No display (an SSH session): the unlock is a command the user runs in their own terminal.
        const bus = {
          DBUS_SESSION_BUS_ADDRESS: keyring.env.DBUS_SESSION_BUS_ADDRESS,
          XDG_RUNTIME_DIR: keyring.env.XDG_RUNTIME_DIR,
          DISPLAY: '',
        };
        const scene = await open(await world({ login: 'fresh', env: bus }));
        const { page } = scene;
        try {
          assert.equal(await page.getAttribute('.top', 'data-overall'), 'warn');
          assert.equal(await page.$eval('.top', (el) => getComputedStyle(el).borderTopColor), 'rgb(183, 121, 31)', 'the tray’s amber');
          assert.equal(await page.textContent('#headline'), 'Overall: warn. Your keychain is locked');
          assert.match((await page.textContent('.card .found')) ?? '', /^Found here: /);
          assert.equal(await page.textContent('#fix-title'), 'Unlock the keychain');
          await shot(page, 'wizard-keyring.png');

          // Step 1 is the action (the background is behind More).
          assert.equal(await page.getAttribute('.step', 'data-mode'), 'manual');
          const command = (await page.textContent('.cmd code')) ?? '';
          assert.match(command, /gnome-keyring-daemon --replace --unlock/);
          // The user pastes exactly that into a terminal and types the keyring password.
          const typed = await keyring.run('sh', ['-c', command], { input: `${keyring.password}\n`, timeoutMs: 10_000 });
          assert.equal(typed.code, 0, typed.stderr);
          await page.click('button[data-key="check-again"]');
          // Verified: the journey ends in its success state.
          await page.waitForSelector('[data-ending="success"]');
          assert.equal(await page.getAttribute('.top', 'data-overall'), 'ok');
          await assertClean(scene);
        } finally {
          await scene.close();
        }
      } finally {
        await keyring.stop();
      }
    },
  );

  test(
    'Explain: a pasted error gives the meaning and a button into its fix; the pasted text is never echoed',
    { timeout: TIMEOUT },
    async () => {
      const scene = await open(await world({ login: 'expired-no-refresh' }));
      const { page } = scene;
      try {
        const pasted =
          'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"OAuth token has expired. Please obtain a new token or refresh your existing token."}} Bearer sk-ant-oat01-CANARY-pasted-into-explain-0123456789abcdef';
        await page.focus('#tab-fix');
        await page.keyboard.press('ArrowRight');
        assert.equal(await page.getAttribute('#tab-explain', 'aria-selected'), 'true');
        assert.ok(await page.isVisible('#error-text'));
        await page.fill('#error-text', pasted);
        await page.click('button[data-key="explain"]');
        await page.waitForSelector('.match');
        assert.match((await page.textContent('.match .match-title')) ?? '', /expired/i);
        // The doctor found this very cause here: said so, in the Fix tab's tone, leading to its card.
        const fixTone = await page.getAttribute('.top', 'data-overall');
        assert.equal(await page.getAttribute('.match', 'data-found'), 'reauthenticate');
        assert.equal(await page.getAttribute('.match', 'data-tone'), fixTone, 'the same severity as the Fix tab');
        assert.match((await page.textContent('.match .match-found')) ?? '', /found this on this machine: Your Claude login expired/);
        assert.equal(await page.locator('#panel-explain .btn-primary').count(), 1, 'one primary button: the fix');
        assert.equal(await page.getAttribute('#panel-explain .match .btn-primary', 'data-fix'), 'reauthenticate');
        assert.equal(await uncovered(page, '#panel-explain .btn-primary', false), null, 'the fix button is on screen');
        assert.match((await page.textContent('.match .btn-primary')) ?? '', /^Go to the fix: /);
        assert.deepEqual(await seriousViolations(page), [], 'axe-core on the Explain tab');
        await shot(page, 'wizard-explain.png');
        assert.doesNotMatch(await page.content(), /CANARY/, 'the pasted text stays in the textarea only');

        // An error the doctor did not find here: its own severity, no "found here", still one primary button.
        await page.fill('#error-text', 'Error: self signed certificate in certificate chain');
        await page.click('button[data-key="explain"]');
        await page.waitForFunction(
          () => document.querySelector('.match[data-found]') === null && document.querySelector('.match') !== null,
        );
        assert.equal(await page.locator('.match-found').count(), 0);
        assert.equal(await page.locator('#panel-explain .btn-primary').count(), 1, 'one primary button: the best fix');

        await page.fill('#error-text', pasted);
        await page.click('button[data-key="explain"]');
        await page.waitForSelector('.match[data-found]');
        await page.click('.match .btn-primary');
        await page.waitForSelector('#panel-fix:not([hidden]) .card[data-fix="reauthenticate"]');
        await page.waitForFunction(() => document.activeElement?.id === 'fix-title');
        assert.equal(await page.getAttribute('#tab-fix', 'aria-selected'), 'true');
        await assertClean(scene);
      } finally {
        await scene.close();
      }
    },
  );

  test(
    'a slow status page: the verified login shows while it is still checked; at the end only the status page is "not confirmed"',
    { timeout: TIMEOUT },
    async () => {
      const made = await world({ login: 'fresh', statusDelayMs: 30_000 });
      const wizard = await startWizard(made);
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        const watched = watch(page, wizard.host.origin);
        await page.goto(wizard.host.url);
        // While the status page keeps everyone waiting, the finished checks are already on screen.
        await page.waitForSelector('[data-progress] [data-check="auth.token"][data-status="ok"]', { timeout: 20_000 });
        await page.waitForSelector('[data-progress] [data-check="network.tls"]:not([data-status="running"])', { timeout: 20_000 });
        assert.equal(await page.getAttribute('.top', 'data-overall'), 'checking', 'the run is not over');
        assert.equal(await page.textContent('#headline'), 'Claude Code is signed in');
        assert.match((await page.textContent('.top-sub')) ?? '', /^Your login works · still checking .*Anthropic status/);
        assert.equal(await page.getAttribute('[data-check="service.status"]', 'data-status'), 'running');
        assert.match((await page.textContent('[data-check="service.status"]')) ?? '', /still checking/);
        assert.doesNotMatch(
          (await page.textContent('.main')) ?? '',
          /not confirmed|Couldn’t confirm/,
          'nothing is "unconfirmed" while it runs',
        );
        await shot(page, 'wizard-slow-status-progress.png');
        assert.deepEqual(await seriousViolations(page), [], 'axe-core on the progress list');

        // The run ends at the probe budget: the login stays the headline; only what had no answer is unconfirmed.
        await page.waitForSelector('.top:not(.is-checking)', { timeout: 20_000 });
        assert.equal(await page.textContent('#headline'), 'Overall: ok. Claude Code is signed in');
        assert.match((await page.textContent('.top-sub')) ?? '', /^Couldn’t confirm Anthropic status/);
        const unconfirmed = await page
          .locator('[data-status="unknown"]')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-check')));
        assert.ok(unconfirmed.includes('service.status'), `unconfirmed rows: ${unconfirmed.join(', ')}`);
        assert.ok(!unconfirmed.some((id) => id?.startsWith('auth.')), 'the login is not among the unconfirmed');
        await shot(page, 'wizard-slow-status-done.png');
        const progress = watched.payloads.filter((p) => p.channel === 'report:progress');
        assert.ok(progress.length >= 1, 'the page asked for the checks of the run in flight');
        for (const payload of watched.payloads) assert.doesNotMatch(payload.body, CANARY_PATTERN, `${payload.channel} carried a canary`);
        assert.deepEqual(wizard.redactions, []);
        assert.deepEqual(watched.errors, [], 'console errors / CSP violations');
      } finally {
        await browser.close();
        await wizard.close();
      }
    },
  );

  test(
    'wizard --web: a used link, no link, a stale session and a stopped host each get a readable page',
    { timeout: TIMEOUT },
    async () => {
      const made = await world({ login: 'fresh' });
      const wizard = await startWizard(made);
      const browser = await launchBrowser();
      const fatal = async (page: Page): Promise<{ title: string; text: string }> => {
        await page.waitForSelector('[data-fatal]', { timeout: 20_000 });
        const title = (await page.textContent('[data-fatal] h1')) ?? '';
        const text = (await page.textContent('[data-fatal] p')) ?? '';
        assert.doesNotMatch(`${title} ${text}`, /Failed to fetch|\{"error"|HTTP \d{3}/, 'no raw error');
        assert.deepEqual(await seriousViolations(page), [], 'axe-core on the message');
        return { title, text };
      };
      try {
        const first = await browser.context.newPage();
        await first.goto(wizard.host.url);
        await first.waitForSelector('.top:not(.is-checking)', { timeout: 20_000 });

        // The same link again (another tab, a bookmark): each link opens the wizard once.
        const again = await browser.context.newPage();
        await again.goto(wizard.host.url);
        const used = await fatal(again);
        assert.equal(used.title, 'This wizard link has expired');
        assert.match(used.text, /run claude-auth-doctor wizard --web again/);
        assert.equal(await again.textContent('[data-fatal] code'), 'claude-auth-doctor wizard --web');
        await shot(again, 'wizard-web-expired.png');

        // No link at all.
        const bare = await browser.context.newPage();
        await bare.goto(wizard.host.origin + '/');
        assert.equal((await fatal(bare)).title, 'This page needs a wizard link');

        // A tab whose session the host does not know (the host was restarted on this port).
        await first.evaluate(() => sessionStorage.setItem('claude-auth-doctor.session', 'not-a-session-of-this-host'));
        await first.reload();
        assert.equal((await fatal(first)).title, 'This wizard link has expired');

        // The host stops while a tab is open: the next action says so.
        const open = await browser.context.newPage();
        await open.goto(wizard.host.newLink());
        await open.waitForSelector('.top:not(.is-checking)', { timeout: 20_000 });
        await wizard.close();
        await open.click('button[data-key="recheck"]');
        const gone = await fatal(open);
        assert.equal(gone.title, `The doctor on 127.0.0.1:${wizard.host.port} stopped`);
        assert.match(gone.text, /Run claude-auth-doctor wizard --web again and open the link it prints/);
        await shot(open, 'wizard-web-stopped.png');
      } finally {
        await browser.close();
        await wizard.close();
      }
    },
  );

  test('healthy: green overall, every check listed, nothing to fix', { timeout: TIMEOUT }, async () => {
    const wizard = await startWizard(await world({ login: 'fresh' }));
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(wizard.host.url);
      await page.waitForSelector('.problem-list.is-passing');
      assert.equal(await page.getAttribute('.top', 'data-overall'), 'ok');
      assert.equal(await page.locator('.problem-list.is-passing .problem').count(), 12);
      assert.equal(await page.locator('.card').count(), 0, 'no plan, no fix card');
      assert.match((await page.textContent('#problems-h')) ?? '', /checks pass · nothing to fix/);
      assert.deepEqual(
        await page.$$eval('[role="tab"]', (tabs) => tabs.map((t) => t.id)),
        ['tab-fix', 'tab-explain'],
        'no settings, no Preferences',
      );
      await shot(page, 'wizard-healthy.png');
    } finally {
      await browser.close();
      await wizard.close();
    }
  });

  test('a login near its time limit: amber, and the header says when it ends', { timeout: TIMEOUT }, async () => {
    const wizard = await startWizard(await world({ login: 'fresh', loginEndsInMs: 2 * 24 * HOUR + 4 * HOUR + 30 * 60_000 }));
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(wizard.host.url);
      await page.waitForSelector('.card .found');
      assert.equal(await page.getAttribute('.top', 'data-overall'), 'warn');
      assert.equal(await page.textContent('#headline'), 'Overall: warn. Your Claude login ends in 2 d 4 h');
      assert.match((await page.textContent('.card .found')) ?? '', /Login ends in 2 d 4 h/);
      await shot(page, 'wizard-login-ending.png');
    } finally {
      await browser.close();
      await wizard.close();
    }
  });

  test('dark theme follows the system', { timeout: TIMEOUT }, async () => {
    const scene = await open(await world({ login: 'expired-no-refresh' }), 'dark');
    const { page } = scene;
    try {
      const background = await page.$eval('body', (el) => getComputedStyle(el).backgroundColor);
      assert.equal(background, 'rgb(20, 22, 25)');
      await signInAndVerify(scene);
      await shot(page, 'wizard-dark.png');
      await assertClean(scene);
    } finally {
      await scene.close();
    }
  });
  test(
    'Preferences: keyboard toggles and a typed interval are saved as patches; a refused value stays inline; Dark turns the page dark',
    { timeout: TIMEOUT },
    async () => {
      const settings = memorySettings();
      const scene = await open(await world({ login: 'expired-no-refresh' }), 'light', settings);
      const { page } = scene;
      const saved = (): Promise<unknown> =>
        page.waitForFunction(() => document.querySelector('#pref-status')?.classList.contains('is-ok') === true);
      try {
        assert.equal(await page.$eval('body', (el) => getComputedStyle(el).backgroundColor), 'rgb(244, 245, 247)', 'light, as the system');
        await page.focus('#tab-fix');
        await page.keyboard.press('End');
        assert.equal(await page.getAttribute('#tab-preferences', 'aria-selected'), 'true');
        assert.equal(await focusedKey(page), 'tab-preferences');
        await page.waitForSelector('#panel-preferences .prefs:not([hidden])');
        assert.equal(await page.isChecked('#pref-notifications-incidents'), true, 'incident notifications are on by default');
        assert.equal(await page.inputValue('#pref-check-interval-minutes'), '15');
        assert.equal(await page.locator('#panel-preferences fieldset legend').first().textContent(), 'Checks');
        assert.ok(await fitsWithoutScrolling(page), 'Preferences fit 420×560 without scrolling');

        // Keyboard only: Tab to the incidents switch, Space turns it off, the live region says Saved.
        await tabTo(page, 'pref-notifications-incidents');
        await page.keyboard.press('Space');
        await saved();
        assert.equal(await page.isChecked('#pref-notifications-incidents'), false);
        assert.match((await page.textContent('#pref-status')) ?? '', /^Saved$/);
        assert.equal(await page.getAttribute('#pref-status', 'role'), 'status');
        assert.deepEqual(settings.patches, [{ notifications: { incidents: false } }]);

        // A refused interval is shown next to the field and never sent.
        await page.focus('#pref-check-interval-minutes');
        await page.keyboard.press('Control+A');
        await page.keyboard.type('0');
        await page.waitForSelector('#pref-check-interval-minutes[aria-invalid="true"]');
        assert.equal(await page.textContent('#pref-check-interval-minutes-error'), 'Enter a whole number from 1 to 1440.');
        assert.match(
          (await page.getAttribute('#pref-check-interval-minutes', 'aria-describedby')) ?? '',
          /pref-check-interval-minutes-error/,
        );
        assert.equal(settings.patches.length, 1);

        // Typing 30 saves once, after the pause (not once per keystroke).
        await page.keyboard.press('Control+A');
        await page.keyboard.type('30');
        await page.waitForFunction(() => document.querySelector('#pref-check-interval-minutes')?.getAttribute('aria-invalid') === null);
        await saved();
        assert.equal(await page.textContent('#pref-check-interval-minutes-error'), '');
        assert.deepEqual(settings.patches, [{ notifications: { incidents: false } }, { checkIntervalMinutes: 30 }]);
        await shot(page, 'wizard-preferences.png');

        // A store that cannot write: the switch goes back and says why, next to itself.
        settings.failNext('the settings file is read-only');
        await page.click('label[for="pref-launch-at-login"]');
        await page.waitForSelector('#pref-status.is-fail');
        assert.equal(await page.textContent('#pref-launch-at-login-error'), 'Not saved: the settings file is read-only');
        assert.equal(await page.isChecked('#pref-launch-at-login'), false);
        assert.equal(settings.current().launchAtLogin, false);

        // Dark: the page follows the chosen theme at once, though the system is light.
        await page.click('label[for="pref-theme-dark"]');
        await saved();
        assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
        assert.equal(await page.$eval('body', (el) => getComputedStyle(el).backgroundColor), 'rgb(20, 22, 25)');
        assert.deepEqual(settings.patches.slice(2), [{ launchAtLogin: true }, { theme: 'dark' }]);
        assert.deepEqual(settings.current(), {
          ...DEFAULT_SETTINGS,
          checkIntervalMinutes: 30,
          notifications: { ...DEFAULT_SETTINGS.notifications, incidents: false },
          theme: 'dark',
        });
        await shot(page, 'wizard-preferences-dark.png');

        // A new window (the tray's "Preferences…" opens #preferences) starts in the stored theme and values.
        await page.goto(`${scene.wizard.host.origin}/#preferences`);
        await page.waitForFunction(() => document.documentElement.dataset['theme'] === 'dark');
        assert.equal(await page.getAttribute('#tab-preferences', 'aria-selected'), 'true');
        assert.equal(await page.isHidden('#panel-fix'), true);
        assert.equal(await page.isChecked('#pref-notifications-incidents'), false);
        assert.equal(await page.inputValue('#pref-check-interval-minutes'), '30');
        assert.equal(await page.isChecked('#pref-theme-dark'), true);
        // Chromium logs the refused save's 500 like any failed load; it is the only error allowed.
        const refused = scene.watched.errors.findIndex((e) => /status of 500/.test(e));
        assert.notEqual(refused, -1, 'the refused save was a 500');
        scene.watched.errors.splice(refused, 1);
        await assertClean(scene);
      } finally {
        await scene.close();
      }
    },
  );
});
