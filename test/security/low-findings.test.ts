/**
 * The low findings, replayed: a plain-HTTP ANTHROPIC_BASE_URL to another machine received the
 * OAuth token while the report said "checked with Anthropic"; relative PATH entries were searched
 * for `claude`; a NUL in a notification made node-notifier throw; --stdin over 64 KiB and tens
 * of thousands of arguments ended as internal errors or crawled; the settings rewrite dropped a
 * BOM and CRLF endings. (The macOS keychain argv case is in test/core/keychain/mac-keychain.test.ts,
 * the %-escape in test/cli/web-host.test.ts, the rollback and huge files in backup-integrity.test.ts.)
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeClock } from '../../src/core/io/time.js';
import type { HttpClient, HttpRequest } from '../../src/core/io/ports.js';
import { locateClaude } from '../../src/core/claude-code/claude-bin.js';
import { createFileSystem } from '../../src/core/io/fs.js';
import { createFixEngine } from '../../src/core/fixes/fix-engine.js';
import { decideNotifications } from '../../src/core/notify/decide.js';
import { DEFAULT_NOTIFY_RULES } from '../../src/core/notify/rules.js';
import { authMethodProbe } from '../../src/core/probes/auth-method.js';
import { authTokenProbe } from '../../src/core/probes/auth-token.js';
import { networkTlsProbe } from '../../src/core/probes/network-tls.js';
import { runCli } from '../helpers/cli.js';
import type { CheckResult } from '../../src/shared/report.js';
import { makeProbeInput } from '../helpers/probe-input.js';
import { CANARY, oauthBlock, writeCredentials } from '../core/claude-code/fixtures.js';
import { fakeReport, makeWorld, offlineDiagnose, POSIX_ONLY, worldProbeEnv, type TempWorld } from '../core/fixes/helpers.js';

const NOW = Date.UTC(2031, 5, 1, 12, 0, 0);

/** The HTTP port, recording every request: a fake of the project's own interface, nothing mocked. */
function recordingHttp(): HttpClient & { readonly sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  return {
    sent,
    async request(request) {
      sent.push(request);
      return { kind: 'failure', failure: 'refused', code: 'ECONNREFUSED', message: 'refused by the test', elapsedMs: 1 };
    },
  };
}

describe('ANTHROPIC_BASE_URL=http://… to another machine never receives a credential', () => {
  // Claude Code checks an OAuth login at api.anthropic.com whatever ANTHROPIC_BASE_URL says (so does
  // the doctor, over HTTPS). A gateway token goes to the gateway, which is plain HTTP here: the doctor
  // does not send it. An unapproved API key is for `-p` only; interactive use keeps the login.
  const PROFILE = 'https://api.anthropic.com/api/oauth/profile';
  for (const [kind, env, asked, refused] of [
    ['the OAuth login', {}, [PROFILE], false],
    ['an API key', { ANTHROPIC_API_KEY: CANARY.apiKey }, [PROFILE], false],
    ['a gateway token', { ANTHROPIC_AUTH_TOKEN: CANARY.apiKey }, [], true],
  ] as const) {
    test(`${kind}: nothing goes to the plain-HTTP host; auth.token says why; auth.method and network.tls warn`, async () => {
      const http = recordingHttp();
      const ctx = makeProbeInput({ clock: fakeClock(NOW), http, env: { ANTHROPIC_BASE_URL: 'http://gateway.corp.example:8080', ...env } });
      await writeCredentials(ctx.homeDir, oauthBlock({ expiresAt: NOW + 5 * 3600_000 }));
      const token = await authTokenProbe.run(ctx);
      assert.deepEqual(
        http.sent.filter((r) => new URL(r.url).hostname === 'gateway.corp.example'),
        [],
        'no request at all went to the plain-HTTP host',
      );
      assert.deepEqual(
        http.sent.map((r) => r.url),
        [...asked],
        'only HTTPS to the host Claude Code itself asks about the login',
      );
      assert.equal(token.status, 'unknown');
      if (refused) assert.match(token.summary + (token.cause ?? ''), /not sent over plain HTTP|does not send your (token|key) there/);
      assert.doesNotMatch(token.summary, /checked with Anthropic/i);
      const method = await authMethodProbe.run(ctx);
      assert.equal(method.status, 'warn');
      assert.match(method.cause ?? '', /plain HTTP to another machine: Claude Code sends this credential there unencrypted/);
      const tls = await networkTlsProbe.run(ctx);
      assert.equal(tls.status, 'warn');
      assert.match(tls.summary, /plain HTTP to gateway\.corp\.example: no TLS/);
    });
  }

  test('a plain-HTTP gateway on this machine (loopback) is still checked', async () => {
    const http = recordingHttp();
    const ctx = makeProbeInput({ clock: fakeClock(NOW), http, env: { ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' } });
    await writeCredentials(ctx.homeDir, oauthBlock({ expiresAt: NOW + 5 * 3600_000 }));
    await authTokenProbe.run(ctx);
    assert.equal(http.sent.length, 1);
  });
});

describe('the PATH search ignores relative entries', { skip: POSIX_ONLY }, () => {
  test('a `claude` planted in the current directory is not found through "." or ""', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cad-path-'));
    try {
      await mkdir(join(dir, 'bin'));
      await writeFile(join(dir, 'claude'), '#!/bin/sh\necho planted\n', { mode: 0o755 });
      await writeFile(join(dir, 'bin', 'claude'), '#!/bin/sh\necho planted\n', { mode: 0o755 });
      const cwd = process.cwd();
      process.chdir(dir);
      try {
        const found = await locateClaude({ PATH: '.:bin::./bin:/nonexistent-cad' }, createFileSystem(), 'linux');
        assert.equal(found.kind, 'missing');
        assert.ok(found.kind === 'missing' && found.searched.every((d) => d.startsWith('/')), JSON.stringify(found));
      } finally {
        process.chdir(cwd);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('notification text', () => {
  test('a NUL (and other control characters) from a status page incident never reaches the notifier', () => {
    const status: CheckResult = {
      id: 'service.status',
      title: 'Anthropic status',
      status: 'fail',
      summary: 'Major outage',
      cause: null,
      fixes: ['wait-for-service'],
      durationMs: 1,
      evidence: {},
      facts: {
        status: {
          url: null,
          httpStatus: 200,
          etag: null,
          lastModified: null,
          retryAfter: null,
          incidents: [
            {
              name: 'Elevated\u0000errors\u001b[31m on\u0007 API',
              status: 'investigating',
              impact: 'major',
              shortlink: 'https://stspg.io/x',
              components: ['Claude Code'],
            },
          ],
        },
      },
    };
    const report = fakeReport('linux', 'desktop', [status]);
    const shown = decideNotifications({
      previous: null,
      next: report,
      event: null,
      rules: { ...DEFAULT_NOTIFY_RULES, incidents: true },
      shown: [],
      now: NOW,
    });
    assert.ok(shown.length > 0, 'the incident is notified');
    for (const n of shown) {
      for (const text of [n.title, n.body, ...n.actions.map((a) => a.label)]) {
        // eslint-disable-next-line no-control-regex
        assert.doesNotMatch(text, /[\u0000-\u0008\u000b-\u001f\u007f]/, JSON.stringify(text));
      }
      assert.match(n.title, /Elevated errors/);
      // What node-notifier does with the text: put it in a child's argv, where a NUL throws.
      assert.equal(spawnSync('/bin/true', [n.title, n.body]).error, undefined);
    }
  });
});

describe('clear CLI answers', { skip: POSIX_ONLY }, () => {
  let world: TempWorld;
  beforeEach(async () => {
    world = await makeWorld();
  });
  afterEach(async () => world.cleanup());

  test('--stdin over 64 KiB: a usage message, exit 3, not "internal error"', async () => {
    const run = await runCli(['fix', 'use-api-key', '--yes', '--stdin', '--offline'], { env: world.env, input: 'k'.repeat(70 * 1024) });
    assert.equal(run.code, 3, run.stdout + run.stderr);
    assert.match(run.stderr, /--stdin got more than 64 KiB; pipe in only the key/);
    assert.doesNotMatch(run.stderr, /internal error/);
  });

  test('50,000 arguments: refused at once with where long text goes', async () => {
    const run = await runCli(['explain', ...Array.from({ length: 50_000 }, (_, i) => `w${i}`)], { env: world.env });
    assert.equal(run.code, 3);
    assert.match(
      run.stderr,
      /too many arguments \(50001; at most 4096\)\. Pass a long text on stdin instead: claude-auth-doctor explain -/,
    );
  });
});

describe("Claude Code's settings.json rewrite keeps the file's conventions", { skip: POSIX_ONLY }, () => {
  let world: TempWorld;
  beforeEach(async () => {
    world = await makeWorld({ ANTHROPIC_API_KEY: CANARY.apiKey });
  });
  afterEach(async () => world.cleanup());

  test('a BOM and CRLF line endings survive removing an env entry; undo restores the exact bytes', async () => {
    const settings = join(world.configDir, 'settings.json');
    const original =
      '\uFEFF{\r\n  "model": "opus",\r\n  "env": {\r\n    "ANTHROPIC_API_KEY": "sk-ant-api03-FAKE-settings-0123456789abcdef",\r\n    "KEEP": "1"\r\n  }\r\n}\r\n';
    await writeFile(settings, original);
    await chmod(settings, 0o640);
    const probeEnv = worldProbeEnv(world);
    const fixes = createFixEngine({ probeEnv, dataDir: world.dataDir, diagnose: offlineDiagnose(probeEnv), secrets: {} });
    const session = await fixes.start('unset-conflicting-env', await offlineDiagnose(probeEnv)());
    const step = session.steps.find((s) => /Remove ANTHROPIC_API_KEY from the "env" block/.test(s.title));
    assert.ok(step);
    const result = await fixes.runStep(session.runId, step.index);
    assert.equal(result.ok, true, result.message);
    const edited = await readFile(settings, 'utf8');
    assert.ok(edited.startsWith('\uFEFF{\r\n'), 'the BOM stays');
    assert.doesNotMatch(edited.replace(/\r\n/g, ''), /\n/, 'every line ends in CRLF');
    assert.equal(edited, '\uFEFF{\r\n  "model": "opus",\r\n  "env": {\r\n    "KEEP": "1"\r\n  }\r\n}\r\n');
    assert.equal((await fixes.undo(result.backupId ?? undefined)).ok, true);
    assert.equal(await readFile(settings, 'utf8'), original);
  });
});
