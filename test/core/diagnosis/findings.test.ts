import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findCauses, planFromFindings, shownFindings } from '../../../src/core/diagnosis/findings.js';
import type {
  CheckId,
  CheckResult,
  FixId,
  LoginFacts,
  MethodFacts,
  ReportFacts,
  Status,
  VariableFact,
} from '../../../src/shared/report.js';

const NOW = Date.parse('2026-11-26T12:00:00Z');

function check(id: CheckId, status: Status, fixes: FixId[] = [], summary: string = id): CheckResult {
  return { id, status, title: id, summary, cause: null, fixes, durationMs: 1, evidence: {}, facts: {} };
}

function login(over: Partial<LoginFacts>): LoginFacts {
  const base: LoginFacts = {
    store: 'file',
    keychainLocked: false,
    hasAccessToken: true,
    hasRefreshToken: true,
    problems: [],
    endsAt: null,
    ended: null,
    account: 'd***@example.com',
    subscription: 'pro',
  };
  return { ...base, ...over };
}

/** ANTHROPIC_API_KEY in effect, set where `variable` says. */
function apiKeyMethod(variable: VariableFact): MethodFacts {
  const sent = { kind: 'api-key', xApiKey: 'ANTHROPIC_API_KEY', authorization: null } as const;
  return {
    kind: 'api-key',
    source: 'ANTHROPIC_API_KEY',
    overridesLogin: true,
    provider: 'firstParty',
    interactive: sent,
    print: sent,
    variables: [variable],
  };
}

function causes(checks: CheckResult[], facts: ReportFacts) {
  const all = findCauses(checks, facts, NOW);
  return { all, shown: shownFindings(all), plan: planFromFindings(all) };
}

describe('findCauses: one cause counts once, in plain words', () => {
  test('not signed in and no stored login are one problem', () => {
    const facts: ReportFacts = {
      method: {
        kind: 'none',
        source: 'none',
        overridesLogin: false,
        provider: 'firstParty',
        interactive: { kind: 'none', xApiKey: null, authorization: null },
        print: { kind: 'none', xApiKey: null, authorization: null },
        variables: [],
      },
      login: login({ store: 'none', hasAccessToken: false, hasRefreshToken: false }),
    };
    const { shown, plan } = causes(
      [
        check('auth.method', 'fail', ['reauthenticate']),
        check('auth.credentials', 'fail', ['reauthenticate']),
        check('auth.token', 'unknown'),
      ],
      facts,
    );
    assert.equal(shown.length, 1);
    assert.equal(shown[0]?.code, 'not-signed-in');
    assert.deepEqual(shown[0]?.checks, ['auth.method', 'auth.credentials', 'auth.token']);
    assert.deepEqual(plan, ['reauthenticate']);
  });

  test('an outage says nothing is wrong here, and its one fix is to wait and be told', () => {
    const facts: ReportFacts = {
      status: {
        url: null,
        httpStatus: 200,
        etag: null,
        lastModified: null,
        retryAfter: null,
        incidents: [
          {
            name: 'Elevated errors on Claude API',
            status: 'investigating',
            impact: 'major',
            shortlink: 'https://stspg.io/x',
            components: ['Claude API'],
          },
        ],
      },
    };
    const { shown, plan } = causes(
      [check('service.status', 'fail', ['wait-for-service']), check('auth.token', 'unknown', ['reauthenticate'])],
      facts,
    );
    assert.equal(shown[0]?.code, 'service-outage');
    assert.match(shown[0]?.title ?? '', /nothing to fix on your side/);
    assert.equal(shown[0]?.detail, 'Elevated errors on Claude API');
    // The token that could not be confirmed during the outage is the outage's doing.
    assert.equal(shown.length, 1);
    assert.deepEqual(plan, ['wait-for-service']);
  });

  test('TLS interception names the issuer and plans only the certificate when no proxy is set', () => {
    const facts: ReportFacts = {
      tls: { issuer: 'Contoso TLS Inspection CA', failure: 'tls-untrusted', extraCaCerts: null, extraCaProblem: null },
    };
    const { all, shown, plan } = causes(
      [check('network.tls', 'fail', ['trust-corporate-ca']), check('auth.token', 'unknown', ['reauthenticate'])],
      facts,
    );
    assert.equal(shown.length, 1);
    assert.equal(shown[0]?.title, 'Your network intercepts Claude’s connection');
    assert.match(shown[0]?.detail ?? '', /Contoso TLS Inspection CA/);
    assert.equal(all.find((f) => f.checks.includes('auth.token'))?.suppressedBy, 'tls-intercepted');
    assert.ok((shown[0]?.timeToVisibleMs ?? 0) > 0, 'a portal or a reconnecting VPN must last before it shows');
    assert.deepEqual(plan, ['trust-corporate-ca']);
  });

  test('a damaged credentials file: move it aside first, then sign in', () => {
    const facts: ReportFacts = { login: login({ problems: ['corrupt-json'], hasAccessToken: false, hasRefreshToken: false }) };
    const { shown, plan } = causes(
      [
        check('auth.credentials', 'fail', ['reset-credentials', 'reauthenticate'], 'Credentials file is not valid JSON'),
        check('auth.method', 'fail', ['reset-credentials', 'reauthenticate']),
      ],
      facts,
    );
    assert.equal(shown.length, 1);
    assert.equal(shown[0]?.title, 'Your saved login file is damaged');
    assert.equal(plan[0], 'reset-credentials');
  });

  test('an expired login without a refresh token is one cause, reauthenticate first', () => {
    const facts: ReportFacts = {
      login: login({ hasRefreshToken: false }),
      token: { expiresAt: '2026-11-26T09:00:00.000Z' } as ReportFacts['token'],
    };
    const { shown, plan } = causes(
      [check('auth.token', 'fail', ['reauthenticate'], 'Access token expired 3 h ago; no refresh token')],
      facts,
    );
    assert.equal(shown[0]?.title, 'Your Claude login expired');
    assert.equal(shown[0]?.detail, 'Access token expired 3 h ago; no refresh token');
    assert.deepEqual(plan, ['reauthenticate']);
  });

  test('an API key over a Pro login is named with the plan and where it is set', () => {
    const facts: ReportFacts = {
      login: login({}),
      method: apiKeyMethod({ name: 'ANTHROPIC_API_KEY', setIn: 'shells', places: ['~/.zshrc:3'], terminal: 'same' }),
    } as ReportFacts;
    const { shown, plan } = causes([check('auth.method', 'warn', ['unset-conflicting-env'])], facts);
    assert.equal(shown[0]?.title, 'An API key overrides your Pro subscription');
    assert.equal(shown[0]?.detail, 'ANTHROPIC_API_KEY is set in ~/.zshrc:3');
    assert.deepEqual(plan, ['unset-conflicting-env']);
  });

  test('once removed from ~/.zshrc, a key only the old terminal holds is said as that, with no fix', () => {
    const facts = {
      login: login({}),
      method: apiKeyMethod({ name: 'ANTHROPIC_API_KEY', setIn: 'this-terminal', places: [], terminal: 'only-here' }),
    } as ReportFacts;
    const { shown, plan } = causes([check('auth.method', 'warn', ['unset-conflicting-env'])], facts);
    assert.equal(shown.length, 1);
    assert.equal(shown[0]?.code, 'stale-terminal');
    assert.match(shown[0]?.next ?? '', /Open a new terminal/);
    assert.deepEqual(plan, []);
  });

  test('a healthy machine has no findings and no plan', () => {
    const { all, plan } = causes([check('auth.token', 'ok'), check('network.tls', 'ok')], {});
    assert.deepEqual(all, []);
    assert.deepEqual(plan, []);
  });
});
