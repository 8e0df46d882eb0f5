import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assessStatus, claudeArea, parseStatusSummary, type StatusSummary } from '../../../src/core/network/status-page.js';

/** Fixtures live in the source tree; find it from here whether run from test/ or dist/test/. */
function fixtureText(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return readFileSync(join(dir, 'test', 'fixtures', 'statuspage', name), 'utf8');
}

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(fixtureText(name)) as Record<string, unknown>;
}

function summaryOf(text: string): StatusSummary {
  const parsed = parseStatusSummary(text);
  assert.equal(parsed.kind, 'ok', parsed.kind === 'invalid' ? parsed.problem : '');
  return (parsed as { summary: StatusSummary }).summary;
}

describe('claudeArea', () => {
  const cases: [string, string | null][] = [
    ['claude.ai', 'claude.ai'],
    ['Claude.ai', 'claude.ai'],
    ['Claude', 'claude.ai'],
    ['Claude API (api.anthropic.com)', 'Claude API'],
    ['Claude API', 'Claude API'],
    ['api.anthropic.com', 'Claude API'],
    ['API', 'Claude API'],
    ['Claude Code', 'Claude Code'],
    ['claude-code', 'Claude Code'],
    ['Claude Console', 'Claude Console'],
    ['console.anthropic.com', 'Claude Console'],
    ['platform.claude.com (formerly console.anthropic.com)', 'Claude Console'],
    ['Claude for Government', null],
    ['Amazon Bedrock API', null],
    ['Anthropic Academy', null],
    ['claude.fedstart.com', null],
  ];
  for (const [name, area] of cases) {
    test(`${JSON.stringify(name)} → ${String(area)}`, () => assert.equal(claudeArea(name), area));
  }
});

describe('assessStatus on fixtures', () => {
  const cases = [
    { file: 'operational.json', level: 'ok', summary: /^All Claude systems operational$/, affected: [] },
    { file: 'minor.json', level: 'warn', summary: /Elevated errors on Claude Code/, affected: ['Claude Code'] },
    {
      file: 'major-outage.json',
      level: 'fail',
      summary: /^Claude outage: Elevated errors on claude\.ai and the Claude API$/,
      affected: ['claude.ai', 'Claude Console', 'Claude API'],
    },
    {
      file: 'maintenance.json',
      level: 'warn',
      summary: /^Claude maintenance: Scheduled maintenance of platform\.claude\.com$/,
      affected: ['Claude Console'],
    },
    { file: 'unrelated-outage.json', level: 'ok', summary: /^All Claude systems operational$/, affected: [] },
  ] as const;
  for (const c of cases) {
    test(`${c.file} → ${c.level}`, () => {
      const verdict = assessStatus(summaryOf(fixtureText(c.file)));
      assert.equal(verdict.level, c.level);
      assert.match(verdict.summary, c.summary);
      assert.deepEqual(
        verdict.affected.map((a) => a.area),
        [...c.affected],
      );
      if (c.level === 'ok') assert.equal(verdict.cause, null);
      else assert.ok(verdict.cause && verdict.cause.length > 20);
    });
  }

  test('major outage names the incident, its link and the affected areas', () => {
    const verdict = assessStatus(summaryOf(fixtureText('major-outage.json')));
    assert.match(
      verdict.cause ?? '',
      /"Elevated errors on claude\.ai and the Claude API" \(impact critical, investigating; claude\.ai, Claude Console, Claude API\)/,
    );
    assert.match(verdict.cause ?? '', /https:\/\/stspg\.io\/q4n8r1tv/);
    assert.deepEqual(verdict.incidents[0], {
      name: 'Elevated errors on claude.ai and the Claude API',
      status: 'investigating',
      impact: 'critical',
      shortlink: 'https://stspg.io/q4n8r1tv',
      areas: ['claude.ai', 'Claude Console', 'Claude API'],
      level: 'fail',
    });
  });

  test('an unrelated outage is not mentioned at all', () => {
    const verdict = assessStatus(summaryOf(fixtureText('unrelated-outage.json')));
    assert.equal(verdict.incidents.length, 0);
    assert.doesNotMatch(JSON.stringify(verdict), /Government/);
  });
});

describe('assessStatus rules', () => {
  function withIncident(patch: Record<string, unknown>, components?: unknown): StatusSummary {
    const base = fixture('operational.json');
    const incident = {
      id: 'x1',
      name: 'Something is wrong',
      status: 'investigating',
      impact: 'major',
      shortlink: 'https://stspg.io/abc',
      incident_updates: [],
      components: components ?? [],
      ...patch,
    };
    return summaryOf(JSON.stringify({ ...base, incidents: [incident] }));
  }

  const claudeCode = [{ id: 'yyzkbfz2thpt', name: 'Claude Code', status: 'operational' }];
  const cases: { name: string; summary: () => StatusSummary; level: string }[] = [
    { name: 'major incident on Claude Code, components operational → fail', summary: () => withIncident({}, claudeCode), level: 'fail' },
    { name: 'critical incident on Claude Code → fail', summary: () => withIncident({ impact: 'critical' }, claudeCode), level: 'fail' },
    {
      name: 'major incident being monitored (recovering) → warn',
      summary: () => withIncident({ status: 'monitoring' }, claudeCode),
      level: 'warn',
    },
    { name: 'minor incident on Claude Code → warn', summary: () => withIncident({ impact: 'minor' }, claudeCode), level: 'warn' },
    { name: 'resolved major incident → ok', summary: () => withIncident({ status: 'resolved' }, claudeCode), level: 'ok' },
    { name: 'major incident naming no component → warn', summary: () => withIncident({}), level: 'warn' },
    { name: 'minor incident naming no component → ok', summary: () => withIncident({ impact: 'minor' }), level: 'ok' },
    {
      name: 'incident known only from an update’s affected_components → counted',
      summary: () =>
        withIncident({
          incident_updates: [
            {
              status: 'investigating',
              body: 'x',
              affected_components: [
                { code: 'k8', name: 'Claude API (api.anthropic.com)', old_status: 'operational', new_status: 'major_outage' },
              ],
            },
          ],
        }),
      level: 'fail',
    },
    {
      name: 'incident on an unrelated component only → ok',
      summary: () => withIncident({}, [{ id: '3f9r1lk0vq2m', name: 'Claude for Government', status: 'major_outage' }]),
      level: 'ok',
    },
  ];
  for (const c of cases) test(c.name, () => assert.equal(assessStatus(c.summary()).level, c.level));

  test('a child component inherits its group’s area', () => {
    const base = fixture('operational.json');
    const components = [
      { id: 'g1', name: 'Claude Code', status: 'partial_outage', group: true, group_id: null },
      { id: 'c1', name: 'Remote sessions', status: 'major_outage', group: false, group_id: 'g1' },
    ];
    const verdict = assessStatus(summaryOf(JSON.stringify({ ...base, components })));
    assert.equal(verdict.level, 'fail');
    assert.deepEqual(
      verdict.affected.map((a) => [a.name, a.area]),
      [
        ['Claude Code', 'Claude Code'],
        ['Remote sessions', 'Claude Code'],
      ],
    );
    assert.match(verdict.summary, /Remote sessions: major outage/);
  });

  test('an unfamiliar component status is tolerated as operational', () => {
    const base = fixture('operational.json');
    const components = [{ id: 'a', name: 'Claude Code', status: 'partially_sunny' }];
    assert.equal(assessStatus(summaryOf(JSON.stringify({ ...base, components }))).level, 'ok');
  });
});

describe('parseStatusSummary rejects what is not a summary', () => {
  const base = fixture('operational.json');
  const cases: [string, string, RegExp][] = [
    ['empty body', '', /not JSON/],
    ['HTML error page', '<html><body>502 Bad Gateway</body></html>', /not JSON/],
    ['truncated JSON', fixtureText('operational.json').slice(0, 300), /not JSON/],
    ['a JSON list', '[]', /not an object/],
    ['no status', JSON.stringify({ ...base, status: undefined }), /"status" is missing/],
    ['indicator not a string', JSON.stringify({ ...base, status: { indicator: 3 } }), /status\.indicator is not a string/],
    ['components missing', JSON.stringify({ ...base, components: undefined }), /"components" is missing/],
    ['components not a list', JSON.stringify({ ...base, components: {} }), /"components" is not a list/],
    [
      'component without name',
      JSON.stringify({ ...base, components: [{ id: 'a', status: 'operational' }] }),
      /components\[0\]\.name is missing/,
    ],
    ['incidents missing', JSON.stringify({ ...base, incidents: undefined }), /"incidents" is missing/],
    ['incident not an object', JSON.stringify({ ...base, incidents: ['down'] }), /incidents\[0\] is not an object/],
  ];
  for (const [name, text, problem] of cases) {
    test(name, () => {
      const parsed = parseStatusSummary(text);
      assert.equal(parsed.kind, 'invalid');
      assert.match((parsed as { problem: string }).problem, problem);
    });
  }

  test('never throws on arbitrary input', () => {
    for (const text of [
      'null',
      'true',
      '1',
      '"x"',
      '{"status":null}',
      '{"status":{"indicator":"none"},"components":[null],"incidents":[]}',
      '\u0000',
    ]) {
      assert.equal(parseStatusSummary(text).kind, 'invalid', text);
    }
  });

  test('scheduled_maintenances is optional', () => {
    assert.equal(parseStatusSummary(JSON.stringify({ ...base, scheduled_maintenances: undefined })).kind, 'ok');
  });
});
