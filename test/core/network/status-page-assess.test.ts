import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assessStatus } from '../../../src/core/network/status-page-assess.js';
import type { StatusSummary } from '../../../src/core/network/status-page-parse.js';
import { fixture, fixtureText, summaryOf } from './status-fixtures.js';

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
