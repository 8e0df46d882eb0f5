/**
 * The wizard's Servers view in Chromium, as the app shows it: the page bundled fresh, the preload's
 * `window.doctor` stood in by a script whose `servers` answers like main does (the hosts, their last
 * results, their plans). The tray's line for a host opens `#server=<name>`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { hostPlan } from '../../src/core/remote/host-plan.js';
import type { RemoteHostResult, ServersPayload } from '../../src/shared/remote.js';
import { check, loginWithEnd, makeReport, T0 } from '../core/tray/sample-reports.js';
import { bundleOnce, CHROMIUM_SKIP, launchBrowser, SCREENSHOTS, type Browser } from './harness.js';

const SKIP = CHROMIUM_SKIP ? { skip: CHROMIUM_SKIP } : {};
const DAY = 86_400_000;

function payload(): ServersPayload {
  const now = Date.now();
  const ending: RemoteHostResult = {
    name: 'vps-1',
    destination: 'deploy@vps-1.example.com',
    via: 'shell',
    overall: 'warn',
    report: {
      ...makeReport(
        [loginWithEnd(now + 2 * DAY + 3_600_000), check('auth.token', 'warn', { summary: 'Login ends in 2 d', fixes: ['reauthenticate'] })],
        'linux',
      ),
      plan: ['reauthenticate'],
    },
    error: null,
    checkedAt: new Date(T0).toISOString(),
  };
  const unreachable: RemoteHostResult = {
    ...ending,
    name: 'vps-2',
    destination: 'vps-2',
    via: null,
    overall: 'unknown',
    report: null,
    error: 'connection timed out',
  };
  return {
    hosts: [
      {
        host: { name: 'vps-1', destination: ending.destination, addedAt: '2026-01-01T00:00:00.000Z' },
        result: ending,
        steps: hostPlan(ending),
      },
      {
        host: { name: 'vps-2', destination: 'vps-2', addedAt: '2026-01-01T00:00:00.000Z' },
        result: unreachable,
        steps: hostPlan(unreachable),
      },
    ],
    checking: false,
    offline: false,
  };
}

/** The preload's `window.doctor` as a script (text: nothing of the test's compiled code reaches the page). */
function doctorStandIn(report: unknown, servers: ServersPayload | null): string {
  return `
    const report = ${JSON.stringify(report)};
    const servers = ${JSON.stringify(servers)};
    window.serverCalls = [];
    window.doctor = {
      getReport: async () => report,
      runCheck: async () => report,
      getHistory: async () => [],
      explain: async () => ({ matches: [] }),
      openLink: async () => undefined,
      onReport: () => () => undefined,
      ...(servers ? { servers: {
        get: async () => (window.serverCalls.push('get'), servers),
        check: async () => (window.serverCalls.push('check'), { ...servers, hosts: servers.hosts.slice(0, 1) }),
      } } : {}),
    };`;
}

describe('the Servers view', SKIP, () => {
  let server: http.Server;
  let origin: string;
  let browser: Browser;

  before(async () => {
    const dir = await bundleOnce();
    server = http.createServer((req, res) => {
      const name = new URL(req.url ?? '/', 'http://x').pathname.slice(1) || 'index.html';
      const type = name.endsWith('.js') ? 'text/javascript' : name.endsWith('.css') ? 'text/css' : 'text/html';
      readFile(join(dir, name)).then(
        (body) => (res.writeHead(200, { 'content-type': type }), res.end(body)),
        () => (res.writeHead(404), res.end()),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  test('each host with the one thing that matters and its plan written for that host; Check servers now asks main', async () => {
    const page = await browser.context.newPage();
    const report = makeReport([], 'linux');
    await page.addInitScript({ content: doctorStandIn(report, payload()) });
    await page.goto(`${origin}/index.html#server=vps-2`);
    const panel = page.locator('#panel-servers');
    await panel.waitFor({ state: 'visible' });
    assert.equal(await page.locator('#tab-servers').getAttribute('aria-selected'), 'true');
    const one = panel.locator('#server-vps-1');
    assert.equal(await one.locator('.problem-title').textContent(), 'vps-1: login ends in 2 d');
    assert.equal(await one.getAttribute('data-state'), 'warn');
    assert.deepEqual(await one.locator('.server-step code').allTextContents(), [
      'claude-auth-doctor remote login vps-1',
      'claude setup-token  # then: claude-auth-doctor remote login vps-1 --setup-token',
    ]);
    assert.equal(await panel.locator('#server-vps-2 .problem-title').textContent(), 'vps-2: connection timed out');
    assert.deepEqual(await panel.locator('#server-vps-2 .server-step code').allTextContents(), ['ssh vps-2']);
    await mkdir(SCREENSHOTS(), { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS(), 'wizard-servers.png') });
    await panel.getByRole('button', { name: 'Check servers now' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#panel-servers .server').length === 1);
    assert.deepEqual(await page.evaluate(() => (window as unknown as { serverCalls: string[] }).serverCalls), ['get', 'get', 'check']);
    await page.close();
  });

  test('no Servers tab where the host keeps no servers (wizard --web)', async () => {
    const page = await browser.context.newPage();
    const report = makeReport([], 'linux');
    await page.addInitScript({ content: doctorStandIn(report, null) });
    await page.goto(`${origin}/index.html`);
    await page.locator('#tab-fix').waitFor();
    assert.equal(await page.locator('#tab-servers').count(), 0);
    await page.close();
  });
});
