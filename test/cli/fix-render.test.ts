/** How `fix` introduces a step in a terminal: the first sentence of what it does, then the command to copy or what the doctor does. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stepIntro } from '../../src/cli/fix-render.js';
import { makePaint } from '../../src/cli/style.js';
import type { StepView } from '../../src/core/fixes/types.js';

const paint = makePaint(false);

function step(kind: StepView['kind'], detail: string, command: string): StepView {
  return { index: 0, kind, title: 'A step', detail, command, url: null } as unknown as StepView;
}

test('a step the doctor runs shows what it does in plain words, without a prompt sign; a command to copy keeps its $', () => {
  const ran = stepIntro(step('run', 'Edits the file.', 'comment out ~/.zshrc line 2'), paint, 80);
  assert.match(ran, /^ {5}does: comment out ~\/\.zshrc line 2$/m);
  assert.doesNotMatch(ran, /\$ comment out/, 'what the doctor does is not a command to type');
  const yours = stepIntro(step('user-action', 'Run this in a terminal.', 'security unlock-keychain'), paint, 80);
  assert.match(yours, /^ {5}\$ security unlock-keychain$/m);
});

test('a detail that starts with a list of places ends its first sentence at the first place, not in the middle of the next sentence', () => {
  const detail = 'Found:\n~/.zshrc:2: export ANTHROPIC_API_KEY=[value fp:2c3c87d7]\nEvery line of this statement is kept as a comment.';
  const intro = stepIntro(step('run', detail, 'comment out ~/.zshrc line 2'), paint, 80);
  assert.match(intro, /Found: ~\/\.zshrc:2: export ANTHROPIC_API_KEY=\[value fp:2c3c87d7\]\.\n/);
  assert.doesNotMatch(intro, /Every line/, 'the rest is for --dry-run and More');
  assert.match(
    stepIntro(step('info', 'One sentence here, long enough. Another one.', ''), paint, 80),
    /One sentence here, long enough\.\n$/,
  );
});
