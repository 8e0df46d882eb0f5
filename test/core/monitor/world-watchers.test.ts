import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MonitorEvent } from '../../../src/core/monitor/events.js';
import { watchWorld } from '../../../src/core/monitor/world-watchers.js';
import { claudeJsonSignature } from '../../../src/core/claude-code/claude-json-signature.js';

const dirs: string[] = [];
after(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function home(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cad-world-watch-'));
  dirs.push(dir);
  await mkdir(join(dir, '.claude'));
  return dir;
}

const claudeJson = (extra: Record<string, unknown>): string =>
  JSON.stringify({ oauthAccount: { emailAddress: 'jane@example.com', accountUuid: 'a-1' }, numStartups: 1, ...extra });

async function until(events: MonitorEvent[], wanted: MonitorEvent, what: string): Promise<void> {
  for (let i = 0; i < 400 && !events.includes(wanted); i++) await sleep(25);
  assert.ok(events.includes(wanted), `${what}: got ${JSON.stringify(events)}`);
}

describe('claudeJsonSignature', () => {
  test('changes with the sign-in fields only', () => {
    const base = claudeJsonSignature(claudeJson({}));
    assert.equal(claudeJsonSignature(claudeJson({ numStartups: 99, projects: { '/x': {} } })), base);
    assert.notEqual(claudeJsonSignature(claudeJson({ primaryApiKey: 'sk-ant-api03-FAKE-0123456789' })), base);
    assert.notEqual(claudeJsonSignature(claudeJson({ hasCompletedOnboarding: true })), base);
    assert.notEqual(claudeJsonSignature('{"oauthAccount": '), base);
    assert.doesNotMatch(claudeJsonSignature(claudeJson({ primaryApiKey: 'sk-ant-api03-FAKE-0123456789' })), /FAKE/);
  });
});

describe('watchWorld', () => {
  test("~/.claude.json: Claude Code's constant rewrites are ignored, a sign-in change is a credentials-change", async () => {
    const dir = await home();
    const path = join(dir, '.claude.json');
    await writeFile(path, claudeJson({}));
    const events: MonitorEvent[] = [];
    const world = watchWorld({}, dir, (e) => events.push(e), { pollMs: 20, claudeJsonMinReadMs: 0 });
    try {
      await sleep(100);
      for (let i = 2; i < 8; i++) {
        await writeFile(path, claudeJson({ numStartups: i, tipsHistory: { [`t${i}`]: i } }));
        await sleep(60);
      }
      await writeFile(path, claudeJson({ oauthAccount: { emailAddress: 'john@example.com', accountUuid: 'a-2' } }));
      await until(events, 'credentials-change', 'the account changed');
      assert.deepEqual(events, ['credentials-change'], 'the six irrelevant rewrites before it raised nothing');
    } finally {
      world.close();
    }
  });

  test('~/.claude.json caught half-written raises nothing; one that stays damaged is a credentials-change', async () => {
    const dir = await home();
    const path = join(dir, '.claude.json');
    const whole = claudeJson({});
    await writeFile(path, whole);
    const events: MonitorEvent[] = [];
    const world = watchWorld({}, dir, (e) => events.push(e), { pollMs: 20, claudeJsonMinReadMs: 0 });
    try {
      await sleep(100);
      // A writer part-way: the first half now, the rest a few polls later. The sign-in is unchanged.
      await writeFile(path, whole.slice(0, 20));
      await sleep(25);
      await writeFile(path, whole + ' ');
      await sleep(200);
      assert.deepEqual(events, [], 'a half-written sighting followed by the same sign-in raised nothing');
      await writeFile(path, '{"oauthAccount": ');
      await until(events, 'credentials-change', 'the file stayed damaged');
      assert.deepEqual(events, ['credentials-change']);
    } finally {
      world.close();
    }
  });

  test('~/.claude.json is read at most once per interval: a change waits for the next allowed read', async () => {
    const dir = await home();
    const path = join(dir, '.claude.json');
    await writeFile(path, claudeJson({}));
    let now = 1_000_000;
    const events: MonitorEvent[] = [];
    const world = watchWorld({}, dir, (e) => events.push(e), { pollMs: 20, claudeJsonMinReadMs: 15_000, now: () => now });
    try {
      await sleep(100);
      await writeFile(path, claudeJson({ primaryApiKey: 'sk-ant-api03-FAKE-watch-0123456789' }));
      await sleep(200);
      assert.deepEqual(events, [], 'within the interval of the first read, nothing is read');
      now += 15_000;
      await until(events, 'credentials-change', 'after the interval');
    } finally {
      world.close();
    }
  });

  test('an edit to a file the login shell reads is an environment-change; the credentials dir is still watched', async () => {
    const dir = await home();
    const rc = join(dir, '.bashrc');
    const events: MonitorEvent[] = [];
    const world = watchWorld({}, dir, (e) => events.push(e), { pollMs: 20, shellFiles: [join(dir, '.bash_profile'), rc] });
    try {
      await sleep(100);
      await writeFile(rc, 'export ANTHROPIC_BASE_URL=https://gateway.example\n');
      await until(events, 'environment-change', 'the new rc file');
      await writeFile(join(dir, '.claude', '.credentials.json'), '{}');
      await until(events, 'credentials-change', 'the credentials file');
    } finally {
      world.close();
    }
  });
});
