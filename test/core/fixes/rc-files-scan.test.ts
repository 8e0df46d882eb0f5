import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createFileSystem } from '../../../src/core/io/fs.js';
import { commentOut, scanShellRc, scanText } from '../../../src/core/fixes/rc-files/index.js';
import { CANARY, makeWorld } from './helpers.js';

const NAMES = ['ANTHROPIC_API_KEY', 'CLAUDE_CODE_OAUTH_TOKEN'];

describe('scanText (bash)', () => {
  const text = [
    '# export ANTHROPIC_API_KEY=commented',
    `export ANTHROPIC_API_KEY=${CANARY.apiKey}`,
    `  ANTHROPIC_API_KEY="${CANARY.apiKey}" # plain assignment`,
    `declare -x CLAUDE_CODE_OAUTH_TOKEN='${CANARY.envOauth}'`,
    'export ANTHROPIC_API_KEY',
    'export ANTHROPIC_API_KEY_BACKUP=x',
    'MY_ANTHROPIC_API_KEY=x',
    'ANTHROPIC_API_KEY=only-for-this-command some-command',
    'echo $ANTHROPIC_API_KEY',
  ].join('\n');
  const matches = scanText(text, '/h/.bashrc', NAMES);

  test('finds every statement that sets the variable, with 1-based lines; a command prefix sets nothing', () => {
    assert.deepEqual(
      matches.map((m) => [m.line, m.names.join()]),
      [
        [2, 'ANTHROPIC_API_KEY'],
        [3, 'ANTHROPIC_API_KEY'],
        [4, 'CLAUDE_CODE_OAUTH_TOKEN'],
        [5, 'ANTHROPIC_API_KEY'],
      ],
    );
  });

  test('shows the statement with the value as a fingerprint, never the value', () => {
    assert.ok(!JSON.stringify(matches).includes('CANARY'));
    assert.match(matches[0]!.shown, /^export ANTHROPIC_API_KEY=\[value fp:[0-9a-f]{8}\]$/);
    assert.equal(matches[3]!.shown, 'export ANTHROPIC_API_KEY');
  });

  test('the same value gives the same fingerprint, quoted or not', () => {
    const fp = (s: string) => /fp:[0-9a-f]{8}/.exec(s)?.[0];
    assert.equal(fp(matches[0]!.shown), fp(scanText(`X=1\nexport ANTHROPIC_API_KEY="${CANARY.apiKey}"`, '/h/.bashrc', NAMES)[0]!.shown));
  });

  test('commentOut keeps the original after a marker', () => {
    assert.equal(commentOut('export A=1', 'id-1'), '# [claude-auth-doctor id-1] export A=1');
  });
});

describe('scanText (fish)', () => {
  test('set -gx / --export / -Ux set it; set -l, -e and -q do not', () => {
    const text = [
      `set -gx ANTHROPIC_API_KEY ${CANARY.apiKey}`,
      'set -l ANTHROPIC_API_KEY local-only',
      'set -e CLAUDE_CODE_OAUTH_TOKEN',
      'set -q ANTHROPIC_API_KEY; and echo set',
      `set --export CLAUDE_CODE_OAUTH_TOKEN '${CANARY.envOauth}'`,
      `set -Ux ANTHROPIC_API_KEY ${CANARY.apiKey}`,
    ].join('\n');
    const found = scanText(text, '/h/.config/fish/config.fish', NAMES);
    assert.deepEqual(
      found.map((m) => [m.line, m.names.join()]),
      [
        [1, 'ANTHROPIC_API_KEY'],
        [5, 'CLAUDE_CODE_OAUTH_TOKEN'],
        [6, 'ANTHROPIC_API_KEY'],
      ],
    );
    assert.match(found[0]!.shown, /^set -gx ANTHROPIC_API_KEY \[value fp:[0-9a-f]{8}\]$/);
    assert.ok(!JSON.stringify(found).includes('CANARY'));
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
      found.map((m) => [m.path.slice(world.home.length), m.line, m.dialect]),
      [
        ['/.zshrc', 2, 'zsh'],
        ['/.config/fish/conf.d/claude.fish', 1, 'fish'],
      ],
    );
  } finally {
    await world.cleanup();
  }
});
