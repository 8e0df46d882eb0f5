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
import { CHROMIUM_SKIP, launchBrowser, SCREENSHOTS, startWizard, watch } from './harness.js';
import { JOURNEYS, walk } from './journeys.js';
import { CANARY_PATTERN, createWorld } from './world.js';

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
async function primaryReachable(page: Page): Promise<string | null> {
  return page.evaluate((selector) => {
    const el = document.querySelector<HTMLElement>(selector);
    if (!el) return 'no primary action';
    const box = el.getBoundingClientRect();
    if (box.bottom > window.innerHeight || box.top < 0)
      return `${el.dataset['key']} is off screen (${Math.round(box.top)}–${Math.round(box.bottom)})`;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit && (hit === el || el.contains(hit)) ? null : `${el.dataset['key']} is covered by ${hit?.className ?? 'nothing'}`;
  }, PRIMARY);
}

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
