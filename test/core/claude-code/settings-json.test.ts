import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { effectiveApiKeyHelper, loadSettingsLayers, parseSettings } from '../../../src/core/claude-code/settings-json.js';
import { makeProbeInput } from '../../helpers/probe-input.js';
import { CANARY, assertNoSecrets, writeSettings } from './fixtures.js';

const SHOWN = '~/.claude/settings.json';
const parse = (text: string) => parseSettings(text, '/h/.claude/settings.json', SHOWN);

describe('parseSettings', () => {
  test('apiKeyHelper and the env block', () => {
    const settings = parse(JSON.stringify({ apiKeyHelper: '~/bin/key.sh', env: { ANTHROPIC_API_KEY: 'k', MAX: 3, FLAG: true } }));
    assert.equal(settings.apiKeyHelper, '~/bin/key.sh');
    assert.deepEqual(settings.env, { ANTHROPIC_API_KEY: 'k', MAX: '3', FLAG: 'true' });
    assert.deepEqual(settings.problems, []);
  });

  test('bad JSON: a problem naming the file, nothing applied', () => {
    const settings = parse(`{"env":{"ANTHROPIC_API_KEY":"${CANARY.apiKey}"`);
    assert.deepEqual(
      settings.problems.map((p) => p.code),
      ['settings-corrupt'],
    );
    assert.match(settings.problems[0]!.message, /~\/\.claude\/settings\.json looks truncated/);
    assert.deepEqual(settings.env, {});
    assertNoSecrets(settings);
  });

  test('wrong types are problems; good entries still apply', () => {
    const settings = parse(JSON.stringify({ apiKeyHelper: 7, env: { A: 'x', B: { nested: 1 } } }));
    assert.deepEqual(
      settings.problems.map((p) => p.code),
      ['settings-wrong-type', 'settings-wrong-type'],
    );
    assert.equal(settings.apiKeyHelper, null);
    assert.deepEqual(settings.env, { A: 'x' });
  });

  test('a non-object root', () => {
    assert.deepEqual(
      parse('[1]').problems.map((p) => p.code),
      ['settings-corrupt'],
    );
    assert.deepEqual(
      parse('"env"').problems.map((p) => p.code),
      ['settings-corrupt'],
    );
  });

  test('an empty apiKeyHelper counts as unset', () => {
    assert.equal(parse('{"apiKeyHelper":"  "}').apiKeyHelper, null);
  });
});

describe('loadSettingsLayers', () => {
  test('reads ~/.claude/settings.json from disk as the user layer', async () => {
    const ctx = makeProbeInput();
    await writeSettings(ctx.homeDir, { env: { CLAUDE_CODE_USE_BEDROCK: '1' } });
    const { layers } = await loadSettingsLayers(ctx);
    const user = layers.find((l) => l.scope === 'user');
    assert.equal(user?.shown, SHOWN);
    assert.deepEqual(user?.env, { CLAUDE_CODE_USE_BEDROCK: '1' });
  });

  test('missing files: empty layers, no problem', async () => {
    const { layers, problems } = await loadSettingsLayers(
      makeProbeInput({ env: { CLAUDE_AUTH_DOCTOR_MANAGED_SETTINGS_DIR: '/nonexistent-managed' } }),
    );
    assert.ok(layers.every((l) => Object.keys(l.env).length === 0 && l.apiKeyHelper === null));
    assert.deepEqual(problems, []);
  });

  test("user, project, local and managed (with drop-ins, sorted) in Claude Code's order; the last apiKeyHelper wins", async () => {
    const probe = makeProbeInput();
    const home = probe.homeDir;
    const project = join(home, 'project');
    const managed = join(home, 'managed');
    await writeSettings(home, { apiKeyHelper: 'user-helper' });
    await mkdir(join(project, '.claude'), { recursive: true });
    await writeFile(join(project, '.claude', 'settings.json'), JSON.stringify({ env: { A: 'project' } }));
    await writeFile(join(project, '.claude', 'settings.local.json'), JSON.stringify({ env: { A: 'local' }, apiKeyHelper: 'local-helper' }));
    await mkdir(join(managed, 'managed-settings.d'), { recursive: true });
    await writeFile(join(managed, 'managed-settings.json'), JSON.stringify({ env: { B: 'managed' } }));
    await writeFile(join(managed, 'managed-settings.d', '20-b.json'), JSON.stringify({ env: { B: 'drop-in-20' } }));
    await writeFile(join(managed, 'managed-settings.d', '10-a.json'), JSON.stringify({ env: { B: 'drop-in-10' } }));
    const ctx = makeProbeInput({ homeDir: home, cwd: project, env: { CLAUDE_AUTH_DOCTOR_MANAGED_SETTINGS_DIR: managed } });
    const layers = await loadSettingsLayers(ctx);
    assert.deepEqual(
      layers.layers.map((l) => [l.scope, l.path.replace(home, '~')]),
      [
        ['user', '~/.claude/settings.json'],
        ['project', '~/project/.claude/settings.json'],
        ['local', '~/project/.claude/settings.local.json'],
        ['managed', '~/managed/managed-settings.json'],
        ['managed', '~/managed/managed-settings.d/10-a.json'],
        ['managed', '~/managed/managed-settings.d/20-b.json'],
      ],
    );
    assert.equal(effectiveApiKeyHelper(layers)?.command, 'local-helper');
  });

  test('a project in the home dir is the user file, read once', async () => {
    const ctx = makeProbeInput();
    await writeSettings(ctx.homeDir, { env: { X: '1' } });
    const layers = await loadSettingsLayers(makeProbeInput({ homeDir: ctx.homeDir, cwd: join(ctx.homeDir) }));
    assert.equal(layers.layers.filter((l) => l.path.endsWith('/.claude/settings.json')).length, 1);
  });
});
