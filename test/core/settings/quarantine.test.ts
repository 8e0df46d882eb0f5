import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quarantineInvalidSettings, settingsProblem } from '../../../src/core/settings/quarantine.js';
import { defaultSettings } from '../../../src/core/settings/schema.js';

describe('settingsProblem', () => {
  test('the defaults, with conf’s internal key, are fine', () => {
    assert.equal(settingsProblem(JSON.stringify({ ...defaultSettings(), __internal__: { migrations: { version: '0.2.0' } } })), null);
  });
  test('a partial file is fine (defaults fill the rest)', () => {
    assert.equal(settingsProblem(JSON.stringify({ theme: 'dark' })), null);
  });
  const bad: [string, string, RegExp][] = [
    ['truncated JSON', '{"theme": "da', /not valid JSON/],
    ['an array', '[]', /not a JSON object/],
    ['a wrong type', JSON.stringify({ checkIntervalMinutes: 'often' }), /checkIntervalMinutes/],
    ['out of range', JSON.stringify({ checkIntervalMinutes: 0 }), /checkIntervalMinutes/],
  ];
  for (const [name, text, reason] of bad) {
    test(`names ${name}`, () => assert.match(settingsProblem(text) ?? '', reason));
  }
});

describe('quarantineInvalidSettings', () => {
  test('moves an unusable file aside, byte for byte, and leaves a usable one alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cad-settings-'));
    const path = join(dir, 'settings.json');
    const broken = '{"theme": "dark", "checkIntervalMinutes": ';
    await writeFile(path, broken);
    const result = await quarantineInvalidSettings(path, Date.UTC(2026, 10, 23, 12, 0, 0));
    assert.equal(result.kind, 'moved');
    assert.deepEqual(await readdir(dir), ['settings.json.invalid-20261123T120000Z']);
    assert.equal(await readFile(join(dir, 'settings.json.invalid-20261123T120000Z'), 'utf8'), broken);

    await writeFile(path, JSON.stringify({ theme: 'light' }));
    assert.deepEqual(await quarantineInvalidSettings(path, 0), { kind: 'fine' });
    assert.equal(await readFile(path, 'utf8'), '{"theme":"light"}');
  });

  test('no file is fine', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cad-settings-'));
    assert.deepEqual(await quarantineInvalidSettings(join(dir, 'settings.json'), 0), { kind: 'fine' });
  });
});
