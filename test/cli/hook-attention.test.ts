import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attention } from '../../src/cli/shell-hook/attention.js';
import { localDiagnosis } from '../../src/core/diagnosis/local-check.js';
import { createLocalProbeEnv } from '../../src/core/probes/local-env.js';
import type { HealthReport, ReportFacts } from '../../src/shared/report.js';
import { oauthCredentials } from '../helpers/world.js';

const DAY = 86_400_000;

/** A real local report of a healthy login; each case changes the one reading it is about. */
async function healthyReport(): Promise<HealthReport> {
  const home = await mkdtemp(join(tmpdir(), 'cad-attention-'));
  try {
    await mkdir(join(home, '.claude'));
    await writeFile(join(home, '.claude', '.credentials.json'), JSON.stringify(oauthCredentials()), { mode: 0o600 });
    const probeEnv = createLocalProbeEnv({ HOME: home, PATH: process.env['PATH'], USER: 'someone' }, 'linux');
    return await localDiagnosis({ version: '0.0.0-test', timeoutMs: 5000, probeEnv });
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

const withFacts = (r: HealthReport, facts: Partial<ReportFacts>, context: Partial<HealthReport['context']> = {}): HealthReport => ({
  ...r,
  facts: { ...r.facts, ...facts },
  context: { ...r.context, ...context },
});

test('the hook speaks only when the user must act, in at most two lines', async () => {
  const report = await healthyReport();
  const now = Date.now();
  assert.deepEqual(attention(report, now), { lines: [], offerUnlock: false, level: 'ok' });

  const login = report.facts.login;
  assert.ok(login);
  const locked = withFacts(report, { keychain: { state: 'locked' } }, { os: 'darwin', ssh: true, session: 'ssh' });
  const overSsh = attention(locked, now);
  assert.equal(overSsh.offerUnlock, true);
  assert.equal(overSsh.lines.length, 2);
  assert.match(overSsh.lines[1] ?? '', /security unlock-keychain.*claude setup-token/);
  assert.equal(attention(withFacts(locked, {}, { ssh: false, session: 'desktop' }), now).offerUnlock, false);
  // Linux keyrings do not hold Claude Code's login: a locked one is not the user's problem at a shell start.
  assert.deepEqual(attention(withFacts(report, { keychain: { state: 'locked' } }), now).lines, []);

  const ended = attention(withFacts(report, { login: { ...login, ended: 'time-limit', endsAt: null } }), now);
  assert.deepEqual([ended.level, ended.lines], ['fail', ["✗ Claude Code's login reached its time limit: run claude, then /login."]]);
  const endedOverSsh = attention(withFacts(report, { login: { ...login, ended: 'time-limit', endsAt: null } }, { ssh: true }), now);
  assert.deepEqual(endedOverSsh.lines, [
    "✗ Claude Code's login reached its time limit: run claude, then /login.",
    '  For an always-on box, a one-year token: claude setup-token',
  ]);
  const past = attention(withFacts(report, { login: { ...login, endsAt: new Date(now - 1000).toISOString() } }), now);
  assert.equal(past.level, 'fail');

  const token = { kind: 'subscription' as const, expiresAt: new Date(now + DAY).toISOString(), hasRefreshToken: false };
  const soon = attention(withFacts(report, { token }), now);
  assert.deepEqual(soon.lines, ["▲ Claude Code's token expires in 1 d and cannot renew itself.", '  claude setup-token makes a new one.']);
  assert.deepEqual(attention(withFacts(report, { token: { ...token, hasRefreshToken: true } }), now).lines, []);
  // The longest words each line usually carries (a deadline of "23 h 59 m", the token variable) still fit an 80-column terminal.
  const ending = attention(
    withFacts(report, { login: { ...login, endsAt: new Date(now + DAY - 60_000).toISOString() } }, { ssh: true }),
    now,
  );
  assert.match(ending.lines[0] ?? '', /ends in 23 h 59 m/);
  const method = report.facts.method;
  assert.ok(method);
  const overridden = attention(withFacts(report, { method: { ...method, overridesLogin: true, source: 'CLAUDE_CODE_OAUTH_TOKEN' } }), now);
  const lockedHere = attention(withFacts(locked, {}, { ssh: false, session: 'desktop' }), now);
  for (const found of [overSsh, lockedHere, ended, endedOverSsh, soon, ending, overridden]) {
    assert.ok(found.lines.length >= 1 && found.lines.length <= 2, found.lines.join('\n'));
    assert.ok(
      found.lines.every((l) => l.length <= 80),
      found.lines.join('\n'),
    );
  }
});
