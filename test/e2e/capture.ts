/**
 * Screenshots of the six worlds (issue 11): each first screen at 420×560 in light and dark, then
 * every screen of the walk, and the step count per journey. Not a test: run it by hand,
 *   node --import tsx test/e2e/capture.ts test-results/after
 * and look at the PNGs. Writes <out>/steps.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { launchBrowser, startWizard } from './harness.js';
import { JOURNEYS, walk } from './journeys.js';
import { createWorld } from './world.js';

const out = resolve(process.argv[2] ?? 'test-results/capture');
const only = process.argv[3];
await mkdir(out, { recursive: true });
const counts: Record<string, { steps: number; ending: string; log: readonly string[] }> = {};

for (const journey of JOURNEYS) {
  if (only && journey.name !== only) continue;
  for (const scheme of ['light', 'dark'] as const) {
    const world = await createWorld(journey.world);
    const wizard = await startWizard(world);
    const browser = await launchBrowser(scheme);
    try {
      const page = await browser.context.newPage();
      await page.goto(wizard.host.url);
      await page.waitForSelector('.top:not(.is-checking)', { timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(out, `${journey.name}-first-${scheme}.png`) });
      if (scheme === 'light') {
        const dir = join(out, journey.name);
        await mkdir(dir, { recursive: true });
        const result = await walk(page, world, journey, (name) =>
          page.screenshot({ path: join(dir, `${name}.png`) }).then(() => undefined),
        );
        counts[journey.name] = result;
        console.log(`${journey.name}: ${result.steps} steps, ending ${result.ending}\n  ${result.log.join('\n  ')}`);
      }
    } finally {
      await browser.close();
      await wizard.close();
      await world.close();
    }
  }
}
await writeFile(join(out, only ? `steps-${only}.json` : 'steps.json'), JSON.stringify(counts, null, 2) + '\n');
process.exit(0);
