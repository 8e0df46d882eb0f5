/**
 * Issue 11's "done means": each of the six worlds walked end to end in real Chromium at the
 * window's 420×560, light and dark: the headline names the cause, the first fix is the one the
 * finding calls for, the primary action is visible without scrolling, axe-core finds no serious or
 * critical violation, and the walk reaches an ending (a verified success or the next option).
 * Screenshots of every screen land in test-results/journeys/.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { seriousViolations } from './axe.js';
import { CHROMIUM_SKIP, launchBrowser, SCREENSHOTS, startWizard, uncovered, watch } from './harness.js';
import { JOURNEYS, walk } from './journeys.js';
import { CANARY_PATTERN, createWorld } from './world.js';
import { wizardWindowOptions } from '../../src/main/window-options.js';

const TIMEOUT = 120_000;

/** What each world's first screen must say, and the fix it must open first (null: nothing to fix). */
const EXPECTED: Readonly<Record<string, { headline: RegExp; fix: string | null; ending: 'success' | 'next-option' }>> = {
  healthy: { headline: /^Claude Code is signed in and ready$/, fix: null, ending: 'success' },
  'expired-login': { headline: /^Your Claude login expired$/, fix: 'reauthenticate', ending: 'success' },
  outage: { headline: /^Anthropic is having an outage: nothing to fix on your side$/, fix: 'wait-for-service', ending: 'next-option' },
  'tls-interception': { headline: /^Your network intercepts Claude’s connection$/, fix: 'trust-corporate-ca', ending: 'success' },
  'api-key-over-pro': { headline: /^An API key overrides your Pro subscription$/, fix: 'unset-conflicting-env', ending: 'success' },
  'damaged-login': { headline: /^Your saved login file is damaged$/, fix: 'reset-credentials', ending: 'success' },
};

/** The action the screen asks for: the step's own button, else Next, else Done. */
const PRIMARY = [
  '.step [data-key="run"]',
  '.step [data-key="check-again"]',
  '.step a[data-key="link"]',
  '[data-ending] [data-key="done"]',
  '[data-ending] [data-key="next-option"]',
  'button[data-key="next"]',
].join(', ');

/** The primary action is on screen and nothing (the footer, the tab bar) covers its centre. */
const primaryReachable = (page: Page): Promise<string | null> => uncovered(page, PRIMARY, false);

/**
 * The window at its minimum size: Electron's minWidth/minHeight bound the whole window, so the page
 * gets that less a title bar (32 px allowed, more than Linux, macOS or Windows draw).
 */
const MIN = (() => {
  const options = wizardWindowOptions('preload.js', true);
  return { width: options.minWidth ?? 0, height: (options.minHeight ?? 0) - 32 };
})();

/** The primary action can be scrolled to, and then nothing (the footer, the tab bar) covers it. */
const primaryByScrolling = (page: Page): Promise<string | null> => uncovered(page, PRIMARY, true);

describe(`six worlds at the window's minimum size (${MIN.width}×${MIN.height} page)`, { skip: CHROMIUM_SKIP }, () => {
  for (const journey of JOURNEYS) {
    const expected = EXPECTED[journey.name];
    test(`${journey.name} (minimum size)`, { timeout: TIMEOUT }, async () => {
      assert.ok(expected, `no expectation for ${journey.name}`);
      assert.ok(MIN.width >= 300 && MIN.height >= 300, `implausible minimum ${MIN.width}×${MIN.height}`);
      const world = await createWorld(journey.world);
      const wizard = await startWizard(world);
      const browser = await launchBrowser('light');
      const dir = join(SCREENSHOTS(), 'journeys-min', journey.name);
      await mkdir(dir, { recursive: true });
      try {
        const page = await browser.context.newPage();
        await page.setViewportSize(MIN);
        await page.goto(wizard.host.url);
        await page.waitForSelector('.top:not(.is-checking)', { timeout: 30_000 });
        await page.waitForFunction(() => document.querySelector('.loading, [aria-busy="true"]') === null, undefined, { timeout: 30_000 });
        await page.screenshot({ path: join(dir, 'first.png') });
        assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= MIN.width, 'no sideways scrolling');
        if (expected.fix) assert.equal(await primaryByScrolling(page), null, 'the first screen’s primary action');
        const problems: string[] = [];
        const result = await walk(page, world, journey, async (name) => {
          const problem = await primaryByScrolling(page);
          if (problem) problems.push(`${name}: ${problem}`);
          await page.screenshot({ path: join(dir, `${name}.png`) });
        });
        assert.equal(result.ending, expected.ending, result.log.join('\n'));
        assert.deepEqual(problems, [], 'the primary action after every press');
        assert.deepEqual(await seriousViolations(page), [], 'axe-core at the minimum size');
      } finally {
        await browser.close();
        await wizard.close();
        await world.close();
      }
    });
  }
});

describe('six worlds, walked as a stressed user walks them', { skip: CHROMIUM_SKIP }, () => {
  for (const journey of JOURNEYS) {
    const expected = EXPECTED[journey.name];
    for (const scheme of ['light', 'dark'] as const) {
      test(`${journey.name} (${scheme})`, { timeout: TIMEOUT }, async () => {
        assert.ok(expected, `no expectation for ${journey.name}`);
        const world = await createWorld(journey.world);
        const wizard = await startWizard(world);
        const browser = await launchBrowser(scheme);
        const dir = join(SCREENSHOTS(), 'journeys', journey.name);
        await mkdir(dir, { recursive: true });
        try {
          const page = await browser.context.newPage();
          const watched = watch(page, wizard.host.origin);
          await page.goto(wizard.host.url);
          await page.waitForSelector('.top:not(.is-checking)', { timeout: 30_000 });
          await page.waitForFunction(() => document.querySelector('.loading, [aria-busy="true"]') === null, undefined, { timeout: 30_000 });
          await page.screenshot({ path: join(dir, `first-${scheme}.png`) });

          const headline = ((await page.textContent('#headline')) ?? '').replace(/^Overall: \w+\. /, '');
          assert.match(headline, expected.headline, 'the headline names the cause');
          const fix = (await page.locator('.card').count()) > 0 ? await page.getAttribute('.card', 'data-fix') : null;
          assert.equal(fix, expected.fix, 'the first fix is the one the finding calls for');
          if (expected.fix) assert.equal(await primaryReachable(page), null, 'the primary action is visible without scrolling');
          assert.deepEqual(await seriousViolations(page), [], 'axe-core: serious or critical violations');

          if (scheme === 'light') {
            const result = await walk(page, world, journey, (name) =>
              page.screenshot({ path: join(dir, `${name}.png`) }).then(() => undefined),
            );
            assert.equal(result.ending, expected.ending, result.log.join('\n'));
            if (result.ending !== 'success' || result.steps > 0) {
              assert.equal(await primaryReachable(page), null, 'the ending’s action is visible');
              assert.deepEqual(await seriousViolations(page), [], 'axe-core on the ending');
            }
          }
          assert.doesNotMatch(await page.content(), CANARY_PATTERN);
          assert.deepEqual(watched.errors, [], 'console errors / CSP violations');
          assert.deepEqual(watched.foreign, [], 'requests outside the wizard origin');
        } finally {
          await browser.close();
          await wizard.close();
          await world.close();
        }
      });
    }
  }
});
