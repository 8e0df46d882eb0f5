import assert from 'node:assert/strict';
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
    assert.equal(outcome.evidence?.['expiresAt'], NOW + 5 * HOUR + 12 * MIN);
    assert.equal(outcome.evidence?.['expiresInMs'], 5 * HOUR + 12 * MIN);
    assert.equal(outcome.evidence?.['token'], fingerprint(CANARY.access));
  });

  test('expired with a refresh token: warn, no request, no fix', async () => {
    const { server, seen } = await api(200, {});
    try {
      const outcome = await run({ env: { ANTHROPIC_BASE_URL: server.url } }, oauthBlock({ expiresAt: NOW - HOUR }));
      assert.equal(outcome.status, 'warn');
      assert.match(
        outcome.summary,
        /^Access token expired 1 h ago \(2031-06-01 11:00 UTC\); Claude Code refreshes it on its next request$/,
      );
      assert.deepEqual(outcome.fixes ?? [], []);
      assert.equal(outcome.evidence?.['expiresInMs'], -HOUR);
      assert.equal(seen.length, 0);
    } finally {
      await server.close();
    }
  });

  test('expiring within 5 minutes counts as expired (like Claude Code)', async () => {
    const outcome = await run({ options: { offline: true } }, oauthBlock({ expiresAt: NOW + 3 * MIN }));
    assert.equal(outcome.status, 'warn');
    assert.match(outcome.summary, /expires in 3 m, within Claude Code's 5-minute margin/);
  });

  test('expired without a refresh token: fail, reauthenticate', async () => {
    const outcome = await run({ options: { offline: true } }, oauthBlock({ expiresAt: NOW - HOUR, refreshToken: null }));
    assert.equal(outcome.status, 'fail');
    assert.deepEqual(outcome.fixes, ['reauthenticate']);
    assert.match(outcome.cause ?? '', /no refresh token/);
  });

  test('emptied tokens: fail, reauthenticate', async () => {
    const outcome = await run({ options: { offline: true } }, { claudeAiOauth: { accessToken: '', refreshToken: '', expiresAt: 0 } });
    assert.equal(outcome.status, 'fail');
    assert.deepEqual(outcome.fixes, ['reauthenticate']);
    assert.match(outcome.cause ?? '', /invalid_grant/);
  });

  test('no token in effect: skip', async () => {
    const outcome = await run({ options: { offline: true } }, null);
    assert.equal(outcome.status, 'skip');
  });
});

describe('auth.token: subscription, online', () => {
  test('200: ok, checked with Anthropic; Bearer + oauth beta sent to /api/oauth/profile', async () => {
    const { server, seen } = await api(200, {
      account: { email: CANARY.email, uuid: 'u' },
      organization: { organization_type: 'claude_pro' },
    });
    try {
      const outcome = await run({ env: { ANTHROPIC_BASE_URL: server.url } });
      assert.equal(outcome.status, 'ok');
      assert.equal(outcome.summary, 'Token valid for 5 h 12 m (checked with Anthropic)');
      assert.equal(outcome.evidence?.['accountEmail'], 'j***@example.com');
      assert.equal(outcome.evidence?.['httpStatus'], 200);
      assert.equal(seen.length, 1);
      assert.equal(seen[0]!.path, '/api/oauth/profile');
      assert.equal(seen[0]!.headers['authorization'], `Bearer ${CANARY.access}`);
      assert.equal(seen[0]!.headers['anthropic-beta'], 'oauth-2025-04-20');
    } finally {
      await server.close();
    }
  });

  test('401: fail with the server reason (redacted), reauthenticate + reset-credentials', async () => {
    const { server } = await api(401, error('authentication_error', `OAuth token has been revoked (${CANARY.access})`));
    try {
      const outcome = await run({ env: { ANTHROPIC_BASE_URL: server.url } });
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
      const outcome = await run({ env: { ANTHROPIC_BASE_URL: server.url } });
      const reason = outcome.evidence?.['serverReason'];
      assert.equal(typeof reason, 'string');
      assert.equal((reason as string).length, 200);
    } finally {
      await server.close();
    }
  });

  test('403: fail', async () => {
    const { server } = await api(403, error('permission_error', 'This organization has been disabled.'));
    try {
      const outcome = await run({ env: { ANTHROPIC_BASE_URL: server.url } });
      assert.equal(outcome.status, 'fail');
      assert.match(outcome.cause ?? '', /organization has been disabled/);
    } finally {
      await server.close();
    }
  });

  test('403 for a missing profile scope means the token authenticated: ok', async () => {
    const { server } = await api(403, error('permission_error', 'OAuth token does not meet scope requirement user:profile'));
    try {
      const outcome = await run({ env: { ANTHROPIC_BASE_URL: server.url } });
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
        const outcome = await run({ env: { ANTHROPIC_BASE_URL: server.url } });
        assert.equal(outcome.status, 'unknown');
        assert.equal(outcome.summary, `Token valid for 5 h 12 m (${words}, not confirmed)`);
        assert.equal(outcome.evidence?.['expiresInMs'], 5 * HOUR + 12 * MIN);
      } finally {
        await server.close();
      }
    });
  }

  test('closed port: unknown (never expired), refused', async () => {
    const port = await closedPort();
    const outcome = await run({ env: { ANTHROPIC_BASE_URL: `http://127.0.0.1:${port}` } });
    assert.equal(outcome.status, 'unknown');
    assert.match(outcome.summary, /could not reach 127\.0\.0\.1/);
    assert.match(outcome.cause ?? '', /refused/);
    assert.equal(outcome.evidence?.['onlineCheck'], 'failure refused');
  });

  test('a server that never answers: unknown within the budget', async () => {
    const server = await startBlackhole();
    try {
      const started = Date.now();
      const outcome = await run({ env: { ANTHROPIC_BASE_URL: server.url }, options: { timeoutMs: 1000 } });
      const elapsed = Date.now() - started;
      assert.equal(outcome.status, 'unknown');
      assert.equal(outcome.evidence?.['onlineCheck'], 'failure timeout');
      assert.ok(elapsed < 1000, `took ${elapsed} ms`);
    } finally {
      await server.close();
    }
  });

  test('malformed ANTHROPIC_BASE_URL: unknown naming the variable', async () => {
    const outcome = await run({ env: { ANTHROPIC_BASE_URL: 'not a url' } });
    assert.equal(outcome.status, 'unknown');
    assert.match(outcome.summary, /ANTHROPIC_BASE_URL is not usable/);
    assert.match(outcome.cause ?? '', /ANTHROPIC_BASE_URL is not a valid URL/);
  });
});

describe('auth.token: keys and tokens from the environment', () => {
  test('API key 200: ok; x-api-key + anthropic-version sent to /v1/models', async () => {
    const { server, seen } = await api(200, { data: [] });
    try {
      const outcome = await run({ env: { ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: CANARY.apiKey } }, null);
      assert.equal(outcome.status, 'ok');
      assert.equal(outcome.summary, 'API key from ANTHROPIC_API_KEY accepted by Anthropic');
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
      const outcome = await run({ env: { ANTHROPIC_BASE_URL: server.url, CLAUDE_CODE_OAUTH_TOKEN: CANARY.oauthEnv } }, null);
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
      const outcome = await run({ env: { ANTHROPIC_BASE_URL: server.url, CLAUDE_CODE_OAUTH_TOKEN: CANARY.oauthEnv } }, null);
      assert.equal(outcome.status, 'fail');
      assert.deepEqual(outcome.fixes, ['use-oauth-token', 'unset-conflicting-env']);
      assert.match(outcome.cause ?? '', /claude setup-token/);
    } finally {
      await server.close();
    }
  });

  test('ANTHROPIC_AUTH_TOKEN 404 (a gateway without the profile): unknown', async () => {
    const { server } = await api(404, 'not found');
    try {
      const outcome = await run({ env: { ANTHROPIC_BASE_URL: server.url, ANTHROPIC_AUTH_TOKEN: 'CANARY-gateway-token' } }, null);
      assert.equal(outcome.status, 'unknown');
      assert.match(outcome.cause ?? '', /ANTHROPIC_BASE_URL points at/);
    } finally {
      await server.close();
    }
  });

  test('a key with a trailing newline is not sent: unknown, pointing at the value', async () => {
    const { server, seen } = await api(200, { data: [] });
    try {
      const outcome = await run({ env: { ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: `${CANARY.apiKey}\n` } }, null);
      assert.equal(outcome.status, 'unknown');
      assert.match(outcome.cause ?? '', /line break/);
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
    assert.equal(outcome.evidence?.['apiKeyHelper'], '/usr/local/bin/get-key');
  });

  test('Bedrock: skip', async () => {
    const outcome = await run({ env: { CLAUDE_CODE_USE_BEDROCK: '1' } });
    assert.equal(outcome.status, 'skip');
    assert.match(outcome.summary, /Amazon Bedrock/);
  });
});
