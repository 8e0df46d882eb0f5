import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createFileSystem } from '../../../src/core/io/fs.js';
import { commentOut, scanShellRc, scanText } from '../../../src/core/fixes/shell-rc.js';
import { CANARY, makeWorld } from './helpers.js';

const NAMES = ['ANTHROPIC_API_KEY', 'CLAUDE_CODE_OAUTH_TOKEN'];

describe('scanText', () => {
  const text = [
    '# export ANTHROPIC_API_KEY=commented',
    `export ANTHROPIC_API_KEY=${CANARY.apiKey}`,
    `  ANTHROPIC_API_KEY="${CANARY.apiKey}" # plain assignment`,
    `declare -x CLAUDE_CODE_OAUTH_TOKEN='${CANARY.envOauth}'`,
    'export ANTHROPIC_API_KEY',
    'export ANTHROPIC_API_KEY_BACKUP=x',
    'MY_ANTHROPIC_API_KEY=x',
    `set -gx ANTHROPIC_API_KEY ${CANARY.apiKey}`,
    'set -l ANTHROPIC_API_KEY local-only',
    'echo $ANTHROPIC_API_KEY',
  ].join('\n');
  const matches = scanText(text, '/h/.bashrc', NAMES);

  test('finds every form that exports the variable, with 1-based lines', () => {
    assert.deepEqual(
      matches.map((m) => [m.line, m.name]),
      [
        [2, 'ANTHROPIC_API_KEY'],
        [3, 'ANTHROPIC_API_KEY'],
        [4, 'CLAUDE_CODE_OAUTH_TOKEN'],
        [5, 'ANTHROPIC_API_KEY'],
        [8, 'ANTHROPIC_API_KEY'],
      ],
    );
  });

  test('shows the line with the value as a fingerprint, never the value', () => {
    assert.ok(!JSON.stringify(matches).includes('CANARY'));
    assert.match(matches[0]!.shown, /^export ANTHROPIC_API_KEY=\[value fp:[0-9a-f]{8}\]$/);
    assert.match(matches[4]!.shown, /^set -gx ANTHROPIC_API_KEY \[value fp:[0-9a-f]{8}\]$/);
    assert.equal(matches[3]!.shown, 'export ANTHROPIC_API_KEY');
  });

  test('the same value gives the same fingerprint, quoted or not', () => {
    const fp = (s: string) => /fp:[0-9a-f]{8}/.exec(s)?.[0];
    assert.equal(fp(matches[0]!.shown), fp(scanText(`X=1\nexport ANTHROPIC_API_KEY="${CANARY.apiKey}"`, 'f', NAMES)[0]!.shown));
  });

  test('commentOut keeps the original after a marker', () => {
    assert.equal(commentOut('export A=1', 'id-1'), '# [claude-auth-doctor id-1] export A=1');
  });
});

test('scanShellRc reads the rc files and fish conf.d in home, skipping missing ones', async () => {
  const world = await makeWorld();
  try {
    await writeFile(join(world.home, '.zshrc'), `alias x=y\nexport CLAUDE_CODE_OAUTH_TOKEN=${CANARY.envOauth}\n`);
    await mkdir(join(world.home, '.config', 'fish', 'conf.d'), { recursive: true });
    await writeFile(join(world.home, '.config', 'fish', 'conf.d', 'claude.fish'), `set --export ANTHROPIC_API_KEY ${CANARY.apiKey}\n`);
    const found = await scanShellRc(createFileSystem(), world.home, NAMES);
    assert.deepEqual(
      found.map((m) => [m.path.slice(world.home.length), m.line]),
      [
        ['/.zshrc', 2],
        ['/.config/fish/conf.d/claude.fish', 1],
      ],
    );
  } finally {
    await world.cleanup();
  }
});
