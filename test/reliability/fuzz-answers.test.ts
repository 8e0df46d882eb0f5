/**
 * Fuzzing of what comes back over the network: the Statuspage summary parser and verdict, and
 * the two probes that read HTTP answers (service.status, auth.token online) fed arbitrary
 * statuses, headers and bodies through a fake HttpClient port. Every answer gets a status from
 * the contract; a network or server problem is never "fail" for the token; a server that echoes
 * the token back in its error text does not get it into the report.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runChecks } from '../../src/core/probes/run-probes.js';
import { NET_FAILURES, type FileReadResult, type FileSystem, type HttpClient, type HttpResult } from '../../src/core/io/ports.js';
import { authTokenProbe } from '../../src/core/probes/auth-token.js';
import { serviceStatusProbe } from '../../src/core/probes/service-status.js';
import { assessStatus } from '../../src/core/network/status-page-assess.js';
import { parseStatusSummary } from '../../src/core/network/status-page-parse.js';
import { STATUSES } from '../../src/shared/report.js';
import { makeProbeInput } from '../helpers/probe-input.js';
import { anyText, assertNoCanary, canaryToken, fc, fuzzParams, wrongValue } from './arbitraries.js';

const CLAUDE_NAMES = [
  'claude.ai',
  'Claude API (api.anthropic.com)',
  'Claude Code',
  'platform.claude.com (formerly console.anthropic.com)',
  'Claude Console',
  'API',
];
const OTHER_NAMES = ['Google Cloud Vertex AI', 'Amazon Bedrock', 'Status widget', 'Stripe billing', ''];
const COMPONENT_STATUSES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
  'weird_new_state',
];
const INCIDENT_STATUSES = [
  'investigating',
  'identified',
  'monitoring',
  'resolved',
  'postmortem',
  'scheduled',
  'in_progress',
  'verifying',
  'completed',
];
const IMPACTS = ['none', 'minor', 'major', 'critical', 'maintenance'];

/** Right-typed most of the time, a wrong value or missing sometimes. */
function mostly<T>(right: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 8, arbitrary: right },
    { weight: 1, arbitrary: wrongValue(fc.string({ maxLength: 8 })) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

const component = fc.record({
  id: mostly(fc.constantFrom('c1', 'c2', 'c3', 'c4', 'g1')),
  name: mostly(fc.constantFrom(...CLAUDE_NAMES, ...OTHER_NAMES)),
  status: mostly(fc.constantFrom(...COMPONENT_STATUSES)),
  group_id: mostly(fc.option(fc.constantFrom('g1', 'c1', 'nope'))),
  group: mostly(fc.boolean()),
});

const incident = fc.record({
  id: mostly(fc.string({ maxLength: 6 })),
  name: mostly(fc.string({ maxLength: 30 })),
  status: mostly(fc.constantFrom(...INCIDENT_STATUSES)),
  impact: mostly(fc.constantFrom(...IMPACTS)),
  shortlink: mostly(fc.option(fc.constant('https://stspg.io/x'))),
  components: mostly(fc.array(fc.oneof(component, wrongValue()), { maxLength: 3 })),
  incident_updates: mostly(
    fc.array(
      fc.record({
        affected_components: mostly(
          fc.array(fc.oneof(fc.record({ name: mostly(fc.constantFrom(...CLAUDE_NAMES)) }), wrongValue()), { maxLength: 2 }),
        ),
      }),
      {
        maxLength: 2,
      },
    ),
  ),
});

const summaryObject = fc.record({
  page: mostly(fc.record({ id: fc.constant('tymt9n04zgry'), updated_at: mostly(fc.constant('2025-11-20T14:05:12.331Z')) })),
  status: mostly(fc.record({ indicator: mostly(fc.constantFrom(...IMPACTS)), description: mostly(fc.string({ maxLength: 20 })) })),
  components: mostly(fc.array(fc.oneof({ weight: 6, arbitrary: component }, wrongValue()), { maxLength: 8 })),
  incidents: mostly(fc.array(fc.oneof({ weight: 6, arbitrary: incident }, wrongValue()), { maxLength: 4 })),
  scheduled_maintenances: mostly(fc.array(incident, { maxLength: 2 })),
});

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasStrings = (v: unknown, ...keys: string[]): boolean => isObject(v) && keys.every((k) => typeof v[k] === 'string');

/** The oracle for validity: what summary.json must hold to be read (DESIGN: components, incidents, status.indicator). */
function shouldParse(value: Json): boolean {
  const maintenances = value['scheduled_maintenances'];
  return (
    hasStrings(value['status'], 'indicator') &&
    Array.isArray(value['components']) &&
    value['components'].every((c) => hasStrings(c, 'name', 'status')) &&
    Array.isArray(value['incidents']) &&
    value['incidents'].every((i) => hasStrings(i, 'name', 'status')) &&
    (maintenances === undefined || (Array.isArray(maintenances) && maintenances.every((i) => hasStrings(i, 'name', 'status'))))
  );
}

function checkText(text: string): ReturnType<typeof parseStatusSummary> {
  const parsed = parseStatusSummary(text);
  assert.ok(parsed.kind === 'ok' || parsed.kind === 'invalid');
  if (parsed.kind === 'invalid') {
    assert.ok(parsed.problem.length > 0 && parsed.problem.length < 400, parsed.problem);
    return parsed;
  }
  const verdict = assessStatus(parsed.summary);
  assert.ok(['ok', 'warn', 'fail'].includes(verdict.level));
  assert.ok(verdict.summary.length > 0);
  assert.equal(verdict.cause === null, verdict.level === 'ok', 'a cause exactly when something is wrong');
  const rank = { ok: 0, warn: 1, fail: 2 } as const;
  for (let i = 1; i < verdict.incidents.length; i += 1) {
    assert.ok(rank[verdict.incidents[i - 1]!.level] >= rank[verdict.incidents[i]!.level], 'incidents worst first');
  }
  for (const affected of verdict.affected)
    assert.ok(['degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'].includes(affected.status));
  return parsed;
}

describe('parseStatusSummary and assessStatus under fuzzing', () => {
  test('any text and any JSON value: no throw, "ok" or "invalid" with a short problem', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText,
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => void checkText(text),
      ),
      fuzzParams(400),
    );
  });

  test('the right shape with wrong types: read exactly when the required fields are right, and always a verdict', () => {
    fc.assert(
      fc.property(summaryObject, (value) => {
        const parsed = checkText(JSON.stringify(value));
        assert.equal(parsed.kind === 'ok', shouldParse(JSON.parse(JSON.stringify(value)) as Json), JSON.stringify(value).slice(0, 300));
      }),
      fuzzParams(500),
    );
  });

  test('a Claude component in major outage always fails; unrelated ones alone never do', () => {
    const named = (names: readonly string[]) =>
      fc.array(
        fc.record({ id: fc.string({ maxLength: 4 }), name: fc.constantFrom(...names), status: fc.constantFrom(...COMPONENT_STATUSES) }),
        {
          minLength: 1,
          maxLength: 6,
        },
      );
    fc.assert(
      fc.property(named(CLAUDE_NAMES.slice(0, 5)), named(OTHER_NAMES), (claude, other) => {
        const base = { status: { indicator: 'major' }, incidents: [] };
        const both = checkText(JSON.stringify({ ...base, components: [...claude, ...other] }));
        assert.equal(both.kind, 'ok');
        if (both.kind !== 'ok') return;
        const level = assessStatus(both.summary).level;
        if (claude.some((c) => c.status === 'major_outage')) assert.equal(level, 'fail');
        const alone = checkText(JSON.stringify({ ...base, components: other.map((c) => ({ ...c, group_id: null })) }));
        if (alone.kind === 'ok') assert.equal(assessStatus(alone.summary).level, 'ok');
      }),
      fuzzParams(300),
    );
  });

  test('the real fixtures mutated at random (a key dropped or retyped) never throw', () => {
    const dir = new URL('../../../test/fixtures/statuspage/', import.meta.url);
    const local = new URL('../fixtures/statuspage/', import.meta.url);
    const read = (name: string): string => {
      for (const base of [local, dir]) {
        try {
          return readFileSync(new URL(name, base), 'utf8');
        } catch {
          // the other layout (tsx runs test/, the build dist/test/)
        }
      }
      throw new Error(`fixture ${name} not found`);
    };
    const fixtures = ['operational', 'major-outage', 'minor', 'maintenance', 'unrelated-outage'].map(
      (n) => JSON.parse(read(`${n}.json`)) as Json,
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...fixtures),
        fc.array(fc.tuple(fc.nat(), fc.nat(), wrongValue()), { maxLength: 4 }),
        (fixture, edits) => {
          const copy = structuredClone(fixture);
          for (const [a, b, value] of edits) {
            // Walk to an object at depth ≤ 3 picked by the numbers, then overwrite or drop one of its keys.
            let node: unknown = copy;
            for (let depth = 0; depth < a % 4; depth += 1) {
              const keys = isObject(node) ? Object.keys(node) : Array.isArray(node) ? node.map((_, i) => String(i)) : [];
              if (keys.length === 0) break;
              const next = (node as Json)[keys[(b + depth) % keys.length]!];
              if (typeof next !== 'object' || next === null) break;
              node = next;
            }
            const keys = isObject(node) ? Object.keys(node) : [];
            const key = keys[b % Math.max(1, keys.length)];
            if (key !== undefined && isObject(node)) {
              if (value === undefined || b % 5 === 0) delete node[key];
              else node[key] = value;
            }
          }
          checkText(JSON.stringify(copy));
        },
      ),
      fuzzParams(300),
    );
  });

  test('a 1 MiB summary (≈ 9 000 components, 2 000 incidents) is judged in well under a second', () => {
    const components = Array.from({ length: 9000 }, (_, i) => ({
      id: `c${i}`,
      name: i % 7 === 0 ? 'Claude Code' : `Widget ${i}`,
      status: 'partial_outage',
      group_id: `c${i - 1}`,
    }));
    const incidents = Array.from({ length: 2000 }, (_, i) => ({
      id: `i${i}`,
      name: `Incident ${i}`,
      status: 'investigating',
      impact: 'minor',
      components: [{ id: `c${i}`, name: `Widget ${i}` }],
    }));
    const text = JSON.stringify({ status: { indicator: 'minor' }, components, incidents });
    const started = performance.now();
    const parsed = checkText(text);
    assert.equal(parsed.kind, 'ok');
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 1000, `took ${Math.round(elapsed)} ms for ${text.length} bytes`);
  });
});

/** What a server (or the network) can answer: any status, odd headers, any body, or a failure. */
const answer = (body: fc.Arbitrary<string>): fc.Arbitrary<HttpResult> =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('response' as const),
        status: fc.oneof(fc.constantFrom(200, 304, 401, 403, 404, 429, 500, 502, 503, 529), fc.integer({ min: 100, max: 599 })),
        headers: fc.record(
          { 'retry-after': anyText, etag: anyText, 'content-type': fc.constantFrom('application/json', 'text/html') },
          { requiredKeys: [] },
        ),
        body,
        elapsedMs: fc.nat(5000),
      }),
    },
    fc.record({
      kind: fc.constant('failure' as const),
      failure: fc.constantFrom(...NET_FAILURES),
      code: fc.oneof(fc.constantFrom('ECONNRESET', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'E_TOO_LARGE'), anyText),
      message: anyText,
      elapsedMs: fc.nat(5000),
    }),
  );

const fixedHttp = (result: HttpResult): HttpClient => ({ request: async () => result });

function credentialsFs(path: string, text: string): FileSystem {
  return {
    async readText(p): Promise<FileReadResult> {
      return p === path ? { kind: 'ok', text, mode: 0o600, size: text.length, path } : { kind: 'missing', path: p };
    },
    exists: async (p) => p === path,
    list: async () => [],
    space: async () => null,
  };
}

describe('the probes that read HTTP answers, over arbitrary answers', () => {
  const statusBody = fc.oneof(
    anyText,
    summaryObject.map((v) => JSON.stringify(v)),
    fc.jsonValue().map((v) => JSON.stringify(v)),
  );

  test('service.status: always a status; unknown for every failure and every non-200 but 304', async () => {
    await fc.assert(
      fc.asyncProperty(answer(statusBody), async (result) => {
        const env = { CLAUDE_AUTH_DOCTOR_STATUS_URL: 'https://127.0.0.1:9' };
        const ctx = makeProbeInput({ env, http: fixedHttp(result) });
        const [check] = await runChecks([serviceStatusProbe], ctx, { offline: false, timeoutMs: 2000 });
        assert.ok(check && STATUSES.includes(check.status));
        assert.notEqual(check.evidence['internalError'], true, check.cause ?? '');
        if (result.kind === 'failure' || (result.status !== 200 && result.status !== 304))
          assert.equal(check.status, 'unknown', JSON.stringify(check));
        if (check.status === 'unknown') assert.ok((check.cause ?? '').length > 0, 'unknown always says why');
      }),
      fuzzParams(300),
    );
  });

  test('auth.token online: fail only on 401/403, unknown on every failure and server trouble, and an echoed token never reaches the report', async () => {
    const HOME = '/answers-home';
    const access = 'sk-ant-oat01-CANARY-answers-access-0123456789abcdef';
    const credentials = JSON.stringify({
      claudeAiOauth: {
        accessToken: access,
        refreshToken: 'sk-ant-ort01-CANARY-answers-refresh-0123456789',
        expiresAt: Date.now() + 5 * 3600_000,
        scopes: ['user:inference', 'user:profile'],
      },
    });
    // A server that quotes the credential back (or another token) in its error message.
    const errorBody = fc
      .tuple(
        fc.constantFrom('authentication_error', 'permission_error', 'rate_limit_error', 'overloaded_error', ''),
        fc.oneof(canaryToken, fc.constant(access)),
        anyText,
      )
      .map(([type, token, text]) =>
        JSON.stringify({ type: 'error', error: { type, message: `${text} token ${token} Bearer ${token} x-api-key: ${token}` } }),
      );
    await fc.assert(
      fc.asyncProperty(answer(fc.oneof(errorBody, anyText)), async (result) => {
        const ctx = makeProbeInput({
          env: { HOME, CLAUDE_CONFIG_DIR: `${HOME}/.claude`, CLAUDE_AUTH_DOCTOR_API_URL: 'https://127.0.0.1:9' },
          homeDir: HOME,
          fs: credentialsFs(`${HOME}/.claude/.credentials.json`, credentials),
          http: fixedHttp(result),
        });
        const [check] = await runChecks([authTokenProbe], ctx, { offline: false, timeoutMs: 2000 });
        assert.ok(check && STATUSES.includes(check.status));
        assert.notEqual(check.evidence['internalError'], true, check.cause ?? '');
        const rejected = result.kind === 'response' && (result.status === 401 || result.status === 403);
        if (check.status === 'fail')
          assert.ok(rejected, `fail only when Anthropic rejects the token: ${JSON.stringify(result).slice(0, 200)}`);
        if (result.kind === 'failure' || (result.kind === 'response' && result.status >= 429)) assert.equal(check.status, 'unknown');
        // (A certificate may have expired; the token never is, when the network says so.)
        assert.doesNotMatch(
          `${check.summary} ${check.cause ?? ''}`,
          /token[^.]*expired|expired[^.]*token/i,
          'a network or server problem is never "expired"',
        );
        assertNoCanary('the auth.token result', JSON.stringify(check));
      }),
      fuzzParams(300),
    );
  });
});
