import assert from 'node:assert/strict';
import { localTime } from '../../../src/shared/durations.js';
import type http from 'node:http';
import { describe, test } from 'node:test';
import { fakeClock } from '../../../src/core/io/time.js';
import type { CheckOutcome } from '../../../src/core/probes/probe.js';
import { authTokenProbe } from '../../../src/core/probes/auth-token.js';
import { formatRemaining } from '../../../src/core/io/time.js';
import { fingerprint } from '../../../src/core/redact/redact.js';
import { makeProbeInput, type ProbeInputOverrides } from '../../helpers/probe-input.js';
import { closedPort, startBlackhole, startHttpServer } from '../../helpers/servers.js';
import { CANARY, HOUR, assertNoSecrets, oauthBlock, writeCredentials, writeSettings } from '../claude-code/fixtures.js';

const NOW = Date.UTC(2031, 5, 1, 12, 0, 0);
const MIN = 60_000;

interface Seen {
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
}

/** A loopback API answering every request with one status and body; records what it saw. */
async function api(status: number, body: unknown) {
  const seen: Seen[] = [];
  const server = await startHttpServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
  return { server, seen };
}

async function run(
  overrides: ProbeInputOverrides,
  credentials: object | null = oauthBlock({ expiresAt: NOW + 5 * HOUR + 12 * MIN }),
): Promise<CheckOutcome> {
  const ctx = makeProbeInput({ clock: fakeClock(NOW), ...overrides });
  if (credentials) await writeCredentials(ctx.homeDir, credentials);
  const outcome = await authTokenProbe.run(ctx);
  assertNoSecrets(outcome, 'auth.token outcome');
  return outcome;
}

const error = (type: string, message: string) => ({ type: 'error', error: { type, message } });

describe('formatRemaining', () => {
  test('hours and minutes, days, minutes, under a minute', () => {
    assert.equal(formatRemaining(5 * HOUR + 12 * MIN + 30_000), '5 h 12 m');
    assert.equal(formatRemaining(3 * 24 * HOUR + 4 * HOUR), '3 d 4 h');
    assert.equal(formatRemaining(365 * 24 * HOUR), '365 d');
    assert.equal(formatRemaining(12 * MIN), '12 m');
    assert.equal(formatRemaining(20_000), 'less than a minute');
  });
});

describe('auth.token: subscription, local expiry', () => {
  test('valid, offline: ok with the remaining time and expiry evidence', async () => {
    const outcome = await run({ options: { offline: true } });
    assert.equal(outcome.status, 'ok');
    assert.equal(outcome.summary, 'Token valid for 5 h 12 m (not checked online: offline)');
    assert.equal(outcome.evidence?.['expiresAt'], new Date(NOW + 5 * HOUR + 12 * MIN).toISOString());
    assert.equal(outcome.evidence?.['token'], fingerprint(CANARY.access));
  });

  test('expired with a live refresh token: ok, no request (Claude Code renews it; the doctor never does)', async () => {
    const { server, seen } = await api(200, {});
    try {
      const outcome = await run({ env: { CLAUDE_AUTH_DOCTOR_API_URL: server.url } }, oauthBlock({ expiresAt: NOW - HOUR }));
      assert.equal(outcome.status, 'ok');
      assert.match(outcome.summary, /^Access token expired 1 h ago; Claude Code renews it on its next request$/);
      assert.deepEqual(outcome.fixes ?? [], []);
      assert.equal(outcome.evidence?.['onlineCheck'], 'not needed');
      assert.equal(seen.length, 0);
    } finally {
      await server.close();
    }
  });

  test('expiring within 5 minutes counts as expired (like Claude Code)', async () => {
    const outcome = await run({ options: { offline: true } }, oauthBlock({ expiresAt: NOW + 3 * MIN }));
    assert.equal(outcome.status, 'ok');
    assert.match(outcome.summary, /expires in 3 m, within Claude Code's 5-minute margin/);
  });

  test('expired without a refresh token: fail, reauthenticate', async () => {
    const outcome = await run({ options: { offline: true } }, oauthBlock({ expiresAt: NOW - HOUR, refreshToken: null }));
    assert.equal(outcome.status, 'fail');
    assert.deepEqual(outcome.fixes, ['reauthenticate']);
    assert.match(outcome.cause ?? '', /no refresh token/);
  });

  test('no token in effect (tokens emptied: "none" for Claude Code): skip here, auth.credentials says why', async () => {
    const outcome = await run(
      { options: { offline: true } },
      { claudeAiOauth: { accessToken: '', refreshToken: '', expiresAt: 0, scopes: ['user:inference'] } },
    );
    assert.equal(outcome.status, 'skip');
  });

  test('no token in effect: skip', async () => {
    const outcome = await run({ options: { offline: true } }, null);
    assert.equal(outcome.status, 'skip');
  });
});

describe('auth.token: subscription, online', () => {
  test('200: ok, checked with Anthropic; Bearer sent to /api/oauth/profile with no beta header, as Claude Code asks it', async () => {
    const { server, seen } = await api(200, {
      account: { email: CANARY.email, uuid: 'u' },
      organization: { organization_type: 'claude_pro' },
    });
    try {
      const outcome = await run({ env: { CLAUDE_AUTH_DOCTOR_API_URL: server.url } });
      assert.equal(outcome.status, 'ok');
      assert.equal(outcome.summary, 'Token valid for 5 h 12 m (checked with Anthropic)');
      assert.equal(outcome.evidence?.['accountEmail'], 'j***@example.com');
      assert.equal(outcome.evidence?.['httpStatus'], 200);
      assert.equal(seen.length, 1);
      assert.equal(seen[0]!.path, '/api/oauth/profile');
      assert.equal(seen[0]!.headers['authorization'], `Bearer ${CANARY.access}`);
      assert.equal(seen[0]!.headers['anthropic-beta'], undefined);
      assert.equal(seen[0]!.headers['cache-control'], 'no-cache');
    } finally {
      await server.close();
    }
  });

  test('401: fail with the server reason (redacted), reauthenticate + reset-credentials', async () => {
    const { server } = await api(401, error('authentication_error', `OAuth token has been revoked (${CANARY.access})`));
    try {
      const outcome = await run({ env: { CLAUDE_AUTH_DOCTOR_API_URL: server.url } });
      assert.equal(outcome.status, 'fail');
      assert.equal(outcome.summary, 'Anthropic rejected the access token (HTTP 401)');
      assert.match(outcome.cause ?? '', /authentication_error: OAuth token has been revoked/);
      assert.match(outcome.cause ?? '', /good for 5 h 12 m more/);
      assert.deepEqual(outcome.fixes, ['reauthenticate', 'reset-credentials']);
    } finally {
      await server.close();
    }
  });

  test('a long server reason is cut to 200 characters', async () => {
    const { server } = await api(401, error('authentication_error', 'x'.repeat(5000)));
    try {
      const outcome = await run({ env: { CLAUDE_AUTH_DOCTOR_API_URL: server.url } });
      const reason = outcome.evidence?.['serverReason'];
      assert.equal(typeof reason, 'string');
      assert.equal((reason as string).length, 200);
    } finally {
      await server.close();
    }
  });

  test('403 for a disabled organization: fail, and the admin (not a re-login) is the fix', async () => {
    const { server } = await api(403, error('permission_error', 'This organization has been disabled.'));
    try {
      const outcome = await run({ env: { CLAUDE_AUTH_DOCTOR_API_URL: server.url } });
      assert.equal(outcome.status, 'fail');
      assert.match(outcome.cause ?? '', /organization behind this credential is disabled/);
      assert.deepEqual(outcome.fixes, ['contact-admin', 'unset-conflicting-env']);
    } finally {
      await server.close();
    }
  });

  test('403 for a missing profile scope means the token authenticated: ok', async () => {
    const { server } = await api(403, error('permission_error', 'OAuth token does not meet scope requirement user:profile'));
    try {
      const outcome = await run({ env: { CLAUDE_AUTH_DOCTOR_API_URL: server.url } });
      assert.equal(outcome.status, 'ok');
      assert.match(outcome.summary, /checked with Anthropic/);
    } finally {
      await server.close();
    }
  });

  for (const [status, words] of [
    [529, 'server busy: HTTP 529'],
    [500, 'server error: HTTP 500'],
    [429, 'rate limited: HTTP 429'],
  ] as const) {
    test(`${status}: unknown, local verdict kept but not confirmed`, async () => {
      const { server } = await api(status, error('overloaded_error', 'Overloaded'));
      try {
        const outcome = await run({ env: { CLAUDE_AUTH_DOCTOR_API_URL: server.url } });
        assert.equal(outcome.status, 'unknown');
        assert.equal(outcome.summary, `Token valid for 5 h 12 m (${words}, not confirmed)`);
      } finally {
        await server.close();
      }
    });
  }

  test('closed port: unknown (never expired), refused', async () => {
    const port = await closedPort();
    const outcome = await run({ env: { CLAUDE_AUTH_DOCTOR_API_URL: `http://127.0.0.1:${port}` } });
    assert.equal(outcome.status, 'unknown');
    assert.match(outcome.summary, /could not reach 127\.0\.0\.1/);
    assert.match(outcome.cause ?? '', /refused/);
    assert.equal(outcome.evidence?.['onlineCheck'], 'failure refused');
  });

  test('a server that never answers: unknown within the budget', async () => {
    const server = await startBlackhole();
    try {
      const started = Date.now();
      const outcome = await run({ env: { CLAUDE_AUTH_DOCTOR_API_URL: server.url }, options: { timeoutMs: 1000 } });
      const elapsed = Date.now() - started;
      assert.equal(outcome.status, 'unknown');
      assert.equal(outcome.evidence?.['onlineCheck'], 'failure timeout');
      assert.ok(elapsed < 1000, `took ${elapsed} ms`);
    } finally {
      await server.close();
    }
  });

  test('malformed CLAUDE_AUTH_DOCTOR_API_URL: unknown naming the variable', async () => {
    const outcome = await run({ env: { CLAUDE_AUTH_DOCTOR_API_URL: 'not a url' } });
    assert.equal(outcome.status, 'unknown');
    assert.match(outcome.summary, /CLAUDE_AUTH_DOCTOR_API_URL is not usable/);
    assert.match(outcome.cause ?? '', /CLAUDE_AUTH_DOCTOR_API_URL is not a valid URL/);
  });
});

describe('auth.token: keys and tokens from the environment', () => {
  test('API key 200: ok; x-api-key + anthropic-version sent to /v1/models', async () => {
    const { server, seen } = await api(200, { data: [] });
    try {
      const outcome = await run({ env: { ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: CANARY.apiKey } }, null);
      assert.equal(outcome.status, 'ok');
      assert.equal(outcome.summary, 'API key from ANTHROPIC_API_KEY accepted by 127.0.0.1');
      assert.equal(seen[0]!.path, '/v1/models');
      assert.equal(seen[0]!.headers['x-api-key'], CANARY.apiKey);
      assert.equal(seen[0]!.headers['anthropic-version'], '2023-06-01');
      assert.equal(seen[0]!.headers['authorization'], undefined);
    } finally {
      await server.close();
    }
  });

  test('API key 401: fail "Invalid API key", use-api-key + unset-conflicting-env', async () => {
    const { server } = await api(401, error('authentication_error', 'invalid x-api-key'));
    try {
      const outcome = await run({ env: { ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: CANARY.apiKey } }, null);
      assert.equal(outcome.status, 'fail');
      assert.equal(outcome.summary, 'Invalid API key');
      assert.deepEqual(outcome.fixes, ['use-api-key', 'unset-conflicting-env']);
      assert.match(outcome.cause ?? '', /invalid x-api-key/);
    } finally {
      await server.close();
    }
  });

  test('API key offline: skip', async () => {
    const outcome = await run({ env: { ANTHROPIC_API_KEY: CANARY.apiKey }, options: { offline: true } }, null);
    assert.equal(outcome.status, 'skip');
  });

  test('CLAUDE_CODE_OAUTH_TOKEN 200: ok via the profile with Bearer', async () => {
    const { server, seen } = await api(200, { account: {} });
    try {
      const outcome = await run({ env: { CLAUDE_AUTH_DOCTOR_API_URL: server.url, CLAUDE_CODE_OAUTH_TOKEN: CANARY.oauthEnv } }, null);
      assert.equal(outcome.status, 'ok');
      assert.equal(seen[0]!.headers['authorization'], `Bearer ${CANARY.oauthEnv}`);
      assert.equal(seen[0]!.path, '/api/oauth/profile');
    } finally {
      await server.close();
    }
  });

  test('CLAUDE_CODE_OAUTH_TOKEN 401: fail, make a new one', async () => {
    const { server } = await api(401, error('authentication_error', 'OAuth token has expired.'));
    try {
      const outcome = await run({ env: { CLAUDE_AUTH_DOCTOR_API_URL: server.url, CLAUDE_CODE_OAUTH_TOKEN: CANARY.oauthEnv } }, null);
      assert.equal(outcome.status, 'fail');
      assert.deepEqual(outcome.fixes, ['use-oauth-token', 'unset-conflicting-env']);
      assert.match(outcome.cause ?? '', /claude setup-token/);
    } finally {
      await server.close();
    }
  });

  test('ANTHROPIC_AUTH_TOKEN 404 (a gateway without a model list): unknown', async () => {
    const { server } = await api(404, 'not found');
    try {
      const outcome = await run({ env: { ANTHROPIC_BASE_URL: server.url, ANTHROPIC_AUTH_TOKEN: 'CANARY-gateway-token' } }, null);
      assert.equal(outcome.status, 'unknown');
      assert.match(outcome.cause ?? '', /ANTHROPIC_BASE_URL points at/);
    } finally {
      await server.close();
    }
  });

  test('a key with a trailing newline is checked trimmed, as Claude Code sends it', async () => {
    const { server, seen } = await api(200, { data: [] });
    try {
      const outcome = await run({ env: { ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: `  ${CANARY.apiKey}\n` } }, null);
      assert.equal(outcome.status, 'ok');
      assert.equal(seen[0]!.headers['x-api-key'], CANARY.apiKey);
    } finally {
      await server.close();
    }
  });

  test('a key with an inner line break is not sent: Claude Code refuses it too', async () => {
    const { server, seen } = await api(200, { data: [] });
    try {
      const outcome = await run(
        { env: { ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: `${CANARY.apiKey.slice(0, 10)}\n${CANARY.apiKey.slice(10)}` } },
        null,
      );
      assert.equal(outcome.status, 'skip');
      assert.match(outcome.summary, /Claude Code refuses to send it/);
      assert.equal(seen.length, 0);
    } finally {
      await server.close();
    }
  });

  test('apiKeyHelper: skip, the doctor does not run it', async () => {
    const ctx = makeProbeInput({ clock: fakeClock(NOW) });
    await writeSettings(ctx.homeDir, { apiKeyHelper: '/usr/local/bin/get-key' });
    const outcome = await authTokenProbe.run(ctx);
    assert.equal(outcome.status, 'skip');
    assert.match(outcome.summary, /does not run your apiKeyHelper/);
    assert.doesNotMatch(JSON.stringify(outcome), /get-key/);
  });

  test('Bedrock: skip, and the remedy is AWS, not a Claude re-login', async () => {
    const outcome = await run({ env: { CLAUDE_CODE_USE_BEDROCK: '1' } });
    assert.equal(outcome.status, 'skip');
    assert.match(outcome.summary, /Amazon Bedrock/);
    assert.match(outcome.cause ?? '', /aws sso login/);
  });
});

const DAY = 24 * HOUR;

describe("auth.token: the login's time limit (refreshTokenExpiresAt)", () => {
  const login = (refreshTokenExpiresAt: number, more: Record<string, unknown> = {}) =>
    oauthBlock({ subscriptionType: 'max', expiresAt: NOW + 5 * HOUR, refreshTokenExpiresAt, ...more });

  test('far away: ok, and the summary says when it ends', async () => {
    const outcome = await run({ options: { offline: true } }, login(NOW + 20 * DAY));
    assert.equal(outcome.status, 'ok');
    assert.equal(outcome.summary, 'Token valid for 5 h; login ends in 20 d (not checked online: offline)');
    assert.equal(outcome.facts?.token?.expiresAt, new Date(NOW + 5 * HOUR).toISOString());
  });

  test('inside the last 3 days: warn "Login ends in 2 d 4 h", re-login or setup-token', async () => {
    const outcome = await run({ options: { offline: true } }, login(NOW + 2 * DAY + 4 * HOUR));
    assert.equal(outcome.status, 'warn');
    assert.equal(outcome.summary, 'Login ends in 2 d 4 h');
    // People read local time; UTC stays in the report's JSON.
    assert.ok(
      (outcome.cause ?? '').includes(`can end at any time from now until ${localTime(Date.UTC(2031, 5, 3, 16), NOW)} `),
      outcome.cause ?? '',
    );
    assert.match(outcome.cause ?? '', /"Your login expires in 3 day\(s\)"\); renewing it does not move that date/);
    assert.deepEqual(outcome.fixes, ['reauthenticate', 'use-oauth-token']);
  });

  test('past it: fail, even while the access token still works', async () => {
    const outcome = await run({ options: { offline: true } }, login(NOW - 2 * HOUR));
    assert.equal(outcome.status, 'fail');
    assert.equal(outcome.summary, 'Login reached its time limit 2 h ago');
    assert.match(outcome.cause ?? '', /Login reached its time limit · Please run \/login/);
  });

  test('an expired access token past the time limit is not "renewed on the next request"', async () => {
    const outcome = await run({ options: { offline: true } }, login(NOW - DAY, { expiresAt: NOW - HOUR }));
    assert.equal(outcome.status, 'fail');
    assert.doesNotMatch(outcome.summary, /renews it/);
  });

  test('ignored like Claude Code ignores it: an access token outliving it by more than 3 days', async () => {
    const outcome = await run({ options: { offline: true } }, login(NOW + 2 * HOUR, { expiresAt: NOW + 4 * DAY }));
    assert.equal(outcome.status, 'ok');
    assert.doesNotMatch(outcome.summary, /login ends/);
  });

  test('no refresh token: no deadline applies (and none is reported)', async () => {
    const outcome = await run({ options: { offline: true } }, login(NOW + DAY, { refreshToken: null }));
    assert.doesNotMatch(outcome.summary, /Login ends/);
  });
});

describe('auth.token: where Claude Code asks, and what a policy refusal means', () => {
  test('with a gateway in ANTHROPIC_BASE_URL the token is still checked at the Anthropic API host, never at the gateway', async () => {
    const anthropic = await api(200, { account: {} });
    const gateway = await api(200, { data: [] });
    try {
      const outcome = await run({ env: { CLAUDE_AUTH_DOCTOR_API_URL: anthropic.server.url, ANTHROPIC_BASE_URL: gateway.server.url } });
      assert.equal(outcome.status, 'ok');
      assert.deepEqual(
        anthropic.seen.map((s) => s.path),
        ['/api/oauth/profile'],
      );
      assert.equal(gateway.seen.length, 0);
    } finally {
      await anthropic.server.close();
      await gateway.server.close();
    }
  });

  test('right after wake, before the network is back: no request, the stored expiry decides', async () => {
    const { server, seen } = await api(200, {});
    try {
      const outcome = await run({ env: { CLAUDE_AUTH_DOCTOR_API_URL: server.url }, options: { tokenOnline: false } });
      assert.equal(outcome.status, 'ok');
      assert.match(outcome.summary, /not checked online: waiting for the network after wake/);
      assert.equal(seen.length, 0);
    } finally {
      await server.close();
    }
  });

  const body = error('permission_error', 'OAuth authentication is currently not allowed for this organization.');
  test('403 oauth_org_not_allowed on a Max login: "payment is past due", never re-login', async () => {
    const { server } = await api(403, body);
    try {
      const outcome = await run(
        { env: { CLAUDE_AUTH_DOCTOR_API_URL: server.url } },
        oauthBlock({ subscriptionType: 'max', expiresAt: NOW + HOUR }),
      );
      assert.equal(outcome.status, 'fail');
      assert.match(outcome.summary, /payment is past due/);
      assert.deepEqual(outcome.fixes, ['verify-account', 'use-api-key']);
    } finally {
      await server.close();
    }
  });

  test('403 oauth_org_not_allowed on a Team login: the admin decides', async () => {
    const { server } = await api(403, body);
    try {
      const outcome = await run(
        { env: { CLAUDE_AUTH_DOCTOR_API_URL: server.url } },
        oauthBlock({ subscriptionType: 'team', expiresAt: NOW + HOUR }),
      );
      assert.match(outcome.summary, /organization has disabled Claude subscription access/);
      assert.deepEqual(outcome.fixes, ['contact-admin', 'use-api-key']);
    } finally {
      await server.close();
    }
  });
});
