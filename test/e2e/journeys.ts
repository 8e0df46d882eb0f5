/**
 * The six worlds a stressed user meets, and a walker that follows the wizard the way such a user
 * does: press the primary action, do in a terminal what a step asks, until the wizard ends (a
 * verified success, or a clear next option) or gives up. Each press and each thing done outside the
 * wizard counts as one step; reading does not. Used by the e2e suite and by capture.ts (the
 * before/after screenshots and step counts of issue 11).
 */
import type { Page } from 'playwright-core';
import type { World, WorldOptions } from './world.js';

export interface Journey {
  readonly name: string;
  readonly world: WorldOptions;
  /** What the user does outside the wizard when a step's text asks for it; true when it acted. */
  remedy(world: World, stepText: string): Promise<boolean>;
}

const never = async (): Promise<boolean> => false;

export const JOURNEYS: readonly Journey[] = [
  { name: 'healthy', world: { login: 'fresh' }, remedy: never },
  {
    name: 'expired-login',
    world: { login: 'expired-no-refresh' },
    remedy: async (world, text) => (/claude auth login/.test(text) ? (await world.signIn(), true) : false),
  },
  {
    name: 'outage',
    world: { login: 'fresh', status: 'major-outage' },
    // The user waits; Anthropic resolves it meanwhile.
    remedy: async (world, text) => (/check|notify|wait/i.test(text) ? (world.setStatus('operational'), true) : false),
  },
  {
    name: 'tls-interception',
    world: { login: 'fresh', tls: 'rogue' },
    remedy: async (world, text) => (/NODE_EXTRA_CA_CERTS/.test(text) ? (await world.trustCorporateCa(), true) : false),
  },
  { name: 'api-key-over-pro', world: { login: 'fresh', apiKeyInRc: true }, remedy: never },
  {
    name: 'damaged-login',
    world: { login: 'truncated' },
    remedy: async (world, text) => (/claude auth login/.test(text) ? (await world.signIn(), true) : false),
  },
];

export interface WalkResult {
  /** Presses plus things done outside the wizard, up to the ending (or up to giving up). */
  readonly steps: number;
  readonly ending: 'success' | 'next-option' | 'none';
  readonly log: readonly string[];
}

async function attr(page: Page, selector: string, name: string): Promise<string | null> {
  return (await page.locator(selector).count()) > 0 ? page.getAttribute(selector, name) : null;
}

async function visible(page: Page, selector: string): Promise<boolean> {
  const found = page.locator(selector);
  return (await found.count()) > 0 && (await found.first().isVisible());
}

/** Waits until no spinner, busy button or "Checking…" is on screen. */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('[aria-busy="true"], .result[data-phase="busy"], .top.is-checking') === null,
    undefined,
    { timeout: 30_000 },
  );
  await page.waitForTimeout(50);
}

/**
 * Follows the wizard from its first screen. `shot` is called with a name after every press, so a
 * capture can keep each screen. Stops at a success (overall ok and nothing left to do, or a
 * success card), at a screen that offers only another option, or after `max` steps.
 */
export async function walk(
  page: Page,
  world: World,
  journey: Journey,
  shot?: (name: string) => Promise<void>,
  max = 24,
): Promise<WalkResult> {
  const log: string[] = [];
  let steps = 0;
  let remedied = false;
  const press = async (selector: string, what: string): Promise<void> => {
    steps += 1;
    log.push(`${steps}. ${what}`);
    await page.locator(selector).first().click();
    await settle(page);
    await shot?.(`${String(steps).padStart(2, '0')}-${what.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
  };
  await settle(page);
  for (let guard = 0; guard < max * 2 && steps < max; guard++) {
    // A success screen: the new wizard's ending, or the old one's green header with nothing left.
    if (await visible(page, '[data-ending="success"]')) return { steps, ending: 'success', log };
    const overall = await attr(page, '.top', 'data-overall');
    const cards = await page.locator('.card').count();
    if (overall === 'ok' && cards === 0) return { steps, ending: 'success', log };
    if (overall === 'ok' && (await visible(page, '.verdict')) && /^Fixed/.test((await page.textContent('.verdict')) ?? ''))
      return { steps, ending: 'success', log };
    if (await visible(page, '[data-ending="next-option"]')) return { steps, ending: 'next-option', log };

    const stepText =
      (await page
        .locator('.step')
        .first()
        .textContent()
        .catch(() => '')) ?? '';
    const mode = await attr(page, '.step', 'data-mode');
    const done = await attr(page, '.step .result', 'data-phase');
    if ((mode === 'manual' || mode === 'manual-run') && done !== 'done') {
      // "You do this": the user does it in a terminal or a browser (one step), whether or not it helps.
      steps += 1;
      log.push(`${steps}. (outside the wizard) ${stepText.replace(/\s+/g, ' ').slice(0, 90)}`);
    }
    if (!remedied && (mode === 'manual' || mode === 'manual-run' || mode === 'notify') && (await journey.remedy(world, stepText))) {
      remedied = true;
    }
    if (mode === 'auto' && done !== 'done' && (await visible(page, 'button[data-key="run"]'))) {
      await press('button[data-key="run"]', 'run');
      continue;
    }
    if (mode === 'notify' && (await visible(page, 'button[data-key="notify"]')) && done !== 'done') {
      await press('button[data-key="notify"]', 'notify me');
      continue;
    }
    if ((mode === 'manual' || mode === 'manual-run') && done !== 'done' && (await visible(page, 'button[data-key="check-again"]'))) {
      await press('button[data-key="check-again"]', 'check again');
      continue;
    }
    if (await visible(page, 'button[data-key="next"]')) {
      const label = ((await page.textContent('button[data-key="next"]')) ?? 'next').trim();
      await press('button[data-key="next"]', label);
      // "Finish and check" re-checks: the journey must then show an ending (success or the next option).
      if (/Finish and check/.test(label)) {
        if (await visible(page, '[data-ending="success"]')) return { steps, ending: 'success', log };
        if (await visible(page, '[data-ending="next-option"]')) return { steps, ending: 'next-option', log };
        const after = await attr(page, '.top', 'data-overall');
        if (after !== 'ok') return { steps, ending: 'none', log: [...log, `ended on "${label}" with overall ${after}`] };
      }
      continue;
    }
    log.push('no way on');
    return { steps, ending: 'none', log };
  }
  return { steps, ending: 'none', log: [...log, `gave up after ${steps} steps`] };
}
