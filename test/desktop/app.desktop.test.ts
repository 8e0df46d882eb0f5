/**
 * The tray app under a real Electron, driven by Playwright's `_electron` (playwright-core): in
 * development (node_modules/electron's binary) or packaged (CLAUDE_AUTH_DOCTOR_APP=<the built
 * executable, with the --inspect fuse switched back on for the test copy>). It launches the app in
 * a broken world on loopback (an API behind a TLS-inspecting CA), reads the tray's face, opens the
 * wizard the way the tray's menu does (a tray cannot be clicked: the app exposes its actions when
 * CLAUDE_AUTH_DOCTOR_E2E=1), walks to the fix, presses Copy (the real clipboard, through the
 * permission the app grants), screenshots it, and runs the stable launcher's `--cli` route.
 *
 * Skipped, with the reason printed, where no Electron binary exists (this repository's CI: it
 * cannot download one) or no display (Linux without X: run it under xvfb-run).
 * .github/workflows/desktop.yml runs it on macOS, Windows and Ubuntu runners.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ElectronApplication, Page } from 'playwright-core';
import type { HealthReport } from '../../src/shared/report.js';
import { repoRoot } from '../e2e/harness.js';
import { makeWorld, type World } from '../helpers/world.js';

const root = repoRoot();
const RESULTS = join(root, 'test-results');
const TIMEOUT = 120_000;

interface Launch {
  readonly executablePath: string;
  readonly args: string[];
  readonly packaged: boolean;
}

/** Electron's binary if its install downloaded one; never `require('electron')` (it downloads on demand). */
function electronBinary(): string | null {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const binary = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function launchTarget(): Launch | string {
  const packaged = process.env['CLAUDE_AUTH_DOCTOR_APP'];
  if (packaged)
    return existsSync(packaged)
      ? { executablePath: packaged, args: [], packaged: true }
      : `CLAUDE_AUTH_DOCTOR_APP=${packaged} does not exist`;
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY'])
    return 'no display on this Linux machine (run the suite under xvfb-run)';
  const binary = electronBinary();
  if (!binary)
    return "no Electron binary in node_modules/electron/dist (Electron 42+ downloads it on first use: run `npx install-electron`; this repository's CI cannot)";
  if (!existsSync(join(root, 'dist', 'src', 'main', 'index.js'))) return 'dist/ is not built (npm run build)';
  return { executablePath: binary, args: [root], packaged: false };
}

const TARGET = launchTarget();
const SKIP = typeof TARGET === 'string' ? TARGET : false;
if (SKIP) console.log(`# desktop suite skipped: ${SKIP}`);

interface Hooks {
  actions: { openWizard(hash?: string): void; checkNow(): Promise<unknown> };
  current(): HealthReport | null;
  tray(): { icon: string; tooltip: string };
  launcher: string;
}

describe('the tray app under Electron (Playwright _electron)', { skip: SKIP }, () => {
  let world: World;
  let app: ElectronApplication;
  let page: Page;

  before(async () => {
    if (typeof TARGET === 'string') return;
    const { _electron } = await import('playwright-core');
    world = await makeWorld({ api: 'rogue-tls' });
    mkdirSync(RESULTS, { recursive: true });
    app = await _electron.launch({
      executablePath: TARGET.executablePath,
      args: TARGET.args,
      env: {
        ...(process.env as Record<string, string>),
        ...(world.env as Record<string, string>),
        XDG_CONFIG_HOME: join(world.home, '.config'),
        APPDATA: join(world.home, 'AppData', 'Roaming'),
        CLAUDE_AUTH_DOCTOR_E2E: '1',
      },
      timeout: 60_000,
    });
  });

  after(async () => {
    await app?.close().catch(() => undefined);
    await world?.close();
  });

  test('the first report reaches the tray: a failing TLS check', { timeout: TIMEOUT }, async () => {
    const report = await app.evaluate(async () => {
      const hooks = (globalThis as { __claudeAuthDoctor?: Hooks }).__claudeAuthDoctor;
      for (let i = 0; i < 600 && !hooks?.current(); i++) await new Promise((r) => setTimeout(r, 100));
      return (globalThis as { __claudeAuthDoctor?: Hooks }).__claudeAuthDoctor?.current() ?? null;
    });
    assert.ok(report, 'a report within 60 s');
    assert.equal(report.checks.find((c) => c.id === 'network.tls')?.status, 'fail');
    const tray = await app.evaluate(() => (globalThis as { __claudeAuthDoctor?: Hooks }).__claudeAuthDoctor?.tray());
    assert.match(tray?.icon ?? '', /tray-fail/);
    assert.notEqual(tray?.tooltip, '');
  });

  test('the wizard opens from the tray action; the fix is one click away; Copy reaches the clipboard', { timeout: TIMEOUT }, async () => {
    const opened = app.waitForEvent('window');
    await app.evaluate(() => (globalThis as { __claudeAuthDoctor?: Hooks }).__claudeAuthDoctor?.actions.openWizard());
    page = await opened;
    await page.waitForSelector('.problem[data-check="network.tls"]');
    assert.equal(await page.getAttribute('.problem[data-check="network.tls"]', 'data-status'), 'fail');
    await page.screenshot({ path: join(RESULTS, `desktop-wizard-${process.platform}.png`) });
    await page.click('.dot[data-fix="trust-corporate-ca"]');
    await page.waitForSelector('.card[data-fix="trust-corporate-ca"] .step');
    const copy = page.locator('button[data-key="copy"]').first();
    if ((await copy.count()) > 0) {
      await copy.click();
      await page.waitForFunction(() => (document.querySelector('.copy-note')?.textContent ?? '') !== '');
      assert.match((await page.textContent('.copy-note')) ?? '', /^Copied/, 'the clipboard permission is granted to the wizard page');
      const clip = await app.evaluate(({ clipboard }) => clipboard.readText());
      assert.notEqual(clip, '');
    }
    await page.screenshot({ path: join(RESULTS, `desktop-fix-${process.platform}.png`) });
  });

  test(
    "the stable launcher runs the command-line doctor through the app's own --cli mode (no run-as-Node)",
    { timeout: TIMEOUT },
    async () => {
      const launcher = await app.evaluate(() => (globalThis as { __claudeAuthDoctor?: Hooks }).__claudeAuthDoctor?.launcher ?? '');
      for (let i = 0; i < 50 && !existsSync(launcher); i++) await new Promise((r) => setTimeout(r, 100));
      const script = readFileSync(launcher, 'utf8');
      assert.doesNotMatch(script, /ELECTRON_RUN_AS_NODE/);
      // No Node on PATH: the launcher must fall back to the app itself.
      const bare = process.platform === 'win32' ? 'C:\\Windows\\System32' : '/usr/bin/false-path';
      const run =
        process.platform === 'win32'
          ? spawnSync('cmd.exe', ['/d', '/s', '/c', `"${launcher}" --version`], {
              env: { ...process.env, PATH: bare },
              encoding: 'utf8',
              timeout: 60_000,
              windowsVerbatimArguments: true,
            })
          : spawnSync(launcher, ['--version'], { env: { ...process.env, PATH: bare }, encoding: 'utf8', timeout: 60_000 });
      assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
      assert.match(run.stdout, /^\d+\.\d+\.\d+/m);
    },
  );
});
