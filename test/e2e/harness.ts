/**
 * Runs the wizard end to end: bundles the page into a temp dir (so the test never depends on a
 * stale dist/), starts the web host in-process on the real engine against a World, and drives
 * Debian's Chromium through playwright-core (no downloaded browsers).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { startWebHost, type SettingsProvider, type WebHost } from '../../src/cli/web-host.js';
import { appDataDir } from '../../src/core/platform/app-dirs.js';
import { fixChannels } from '../../src/core/doctor/fix-channels.js';
import { createFixEngine } from '../../src/core/fixes/fix-engine.js';
import { createDoctorService, type DoctorServiceHandle } from '../../src/core/doctor/doctor-service.js';
import type { HistoryPoint } from '../../src/shared/ipc.js';
import type { World } from './world.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_SKIP = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install chromium)`;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The repository root (test/e2e under tsx, dist/test/e2e after a build). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'build', 'bundle.mjs'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

let bundled: string | null = null;

/** Bundles the renderer once per process into a temp dir, with the repo's own build script. */
export async function bundleOnce(): Promise<string> {
  if (bundled) return bundled;
  const out = await mkdtemp(join(tmpdir(), 'doctor-wizard-bundle-'));
  execFileSync(process.execPath, ['build/bundle.mjs', '--out', out], { cwd: repoRoot(), stdio: ['ignore', 'ignore', 'inherit'] });
  process.once('exit', () => void rm(out, { recursive: true, force: true }));
  bundled = out;
  return out;
}

export interface RunningWizard {
  readonly host: WebHost;
  readonly service: DoctorServiceHandle;
  /** Responses the host scrubbed (must stay 0: the engine itself must never hand out a secret). */
  readonly redactions: string[];
  close(): Promise<void>;
}

/**
 * The web host on the real engine and the real fix engine (backups under the world's temp HOME).
 * With `settings`, the host also serves the settings channels and the page shows Preferences.
 */
export async function startWizard(
  world: World,
  history: readonly HistoryPoint[] = [],
  settings?: SettingsProvider,
): Promise<RunningWizard> {
  const { probeEnv } = world;
  const dataDir = appDataDir(probeEnv.env, 'linux', probeEnv.homeDir);
  const service = createDoctorService({
    probeEnv,
    version: '0.0.0-e2e',
    timeoutMs: 4000,
    history,
    fixes: (tools) =>
      fixChannels(
        createFixEngine({ probeEnv, dataDir, diagnose: tools.diagnose, cliCommand: 'claude-auth-doctor', lockWaitMs: 5000 }),
        tools,
      ),
  });
  const redactions: string[] = [];
  const host = await startWebHost({
    service,
    bundleDir: await bundleOnce(),
    onRedaction: (channel) => redactions.push(channel),
    ...(settings ? { settings } : {}),
  });
  return { host, service, redactions, close: () => host.close() };
}

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh Chromium profile per call, sized like the app's window. */
export async function launchBrowser(colorScheme: 'light' | 'dark' = 'light'): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(join(tmpdir(), 'doctor-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 420, height: 560 },
    deviceScaleFactor: 2,
    colorScheme,
    reducedMotion: 'reduce',
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export interface Watched {
  /** Every /api/ response body the page received, with its channel. */
  readonly payloads: { readonly channel: string; readonly status: number; readonly body: string }[];
  /** Console errors, page errors and CSP violations. */
  readonly errors: string[];
  /** Requests to anything but the wizard's own origin. */
  readonly foreign: string[];
}

/** Records what the page receives and anything it should not do. */
export function watch(page: Page, origin: string): Watched {
  const watched: Watched = { payloads: [], errors: [], foreign: [] };
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/')) return;
    const channel = decodeURIComponent(url.pathname.slice(5));
    void response.text().then(
      (body) => watched.payloads.push({ channel, status: response.status(), body }),
      () => undefined,
    );
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // The page asks once whether the host keeps settings; a host without them answers 404 (by
    // design: the page then hides Preferences), which Chromium logs like any failed load.
    if (new URL(message.location().url || 'about:blank').pathname === '/api/settings:get' && /status of 404/.test(message.text())) return;
    watched.errors.push(message.text());
  });
  page.on('pageerror', (error) => watched.errors.push(error.message));
  page.on('request', (request) => {
    if (!request.url().startsWith(origin) && !request.url().startsWith('data:')) watched.foreign.push(request.url());
  });
  return watched;
}

export const SCREENSHOTS = (): string => join(repoRoot(), 'test-results');

/**
 * Null when the first element matching `selector` is on screen (after scrolling it there, with
 * `scroll`) and nothing (the footer, the tab bar) covers its centre; else what is wrong.
 */
export async function uncovered(page: Page, selector: string, scroll: boolean): Promise<string | null> {
  return page.evaluate(
    ([sel, scrollTo]) => {
      const el = document.querySelector<HTMLElement>(sel);
      if (!el) return `nothing matches ${sel}`;
      if (scrollTo) el.scrollIntoView({ block: 'nearest' });
      const box = el.getBoundingClientRect();
      const name = el.dataset['key'] ?? el.className;
      // Sub-pixel layout: a box scrolled flush with the bottom may end a fraction past it.
      if (box.bottom > window.innerHeight + (scrollTo ? 1 : 0) || box.top < 0)
        return `${name} is off screen (${Math.round(box.top)}–${Math.round(box.bottom)})`;
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return hit && (hit === el || el.contains(hit)) ? null : `${name} is covered by ${hit?.className ?? 'nothing'}`;
    },
    [selector, scroll] as const,
  );
}
