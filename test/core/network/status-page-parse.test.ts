import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { claudeArea, parseStatusSummary } from '../../../src/core/network/status-page-parse.js';
import { fixture, fixtureText } from './status-fixtures.js';

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
