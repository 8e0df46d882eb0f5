import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRc, setBlock } from '../../../src/core/fixes/rc-files/index.js';

const START = '# >>> claude-auth-doctor hook >>>';
const END = '# <<< claude-auth-doctor hook <<<';

test('the doctor’s block is appended, replaced in place and removed, touching no other line', () => {
  const text = 'export A=1\nalias ll="ls -l"';
  const added = setBlock(parseRc(text, 'bash'), 'hook', ['echo one']);
  assert.deepEqual(added, { kind: 'edited', text: `${text}\n${START}\necho one\n${END}\n`, notes: [] });
  if (added.kind !== 'edited') return;
  const around = `${added.text}export B=2\n`;
  const replaced = setBlock(parseRc(around, 'bash'), 'hook', ['echo two', 'echo three']);
  assert.equal(replaced.kind === 'edited' ? replaced.text : '', `${text}\n${START}\necho two\necho three\n${END}\nexport B=2\n`);
  assert.deepEqual(setBlock(parseRc(around, 'bash'), 'hook', ['echo one']), { kind: 'unchanged' });
  const removed = setBlock(parseRc(around, 'bash'), 'hook', null);
  assert.equal(removed.kind === 'edited' ? removed.text : '', `${text}\nexport B=2\n`);
  assert.deepEqual(setBlock(parseRc(text, 'bash'), 'hook', null), { kind: 'unchanged' });
});

test('CRLF files keep their line endings; unpaired or doubled markers are refused', () => {
  const crlf = setBlock(parseRc('set -x A 1\r\n', 'fish'), 'hook', ['echo hi']);
  assert.equal(crlf.kind === 'edited' ? crlf.text : '', `set -x A 1\r\n${START}\r\necho hi\r\n${END}\r\n`);
  for (const broken of [`${START}\necho\n`, `${END}\n${START}\n`, `${START}\n${END}\n${START}\n${END}\n`]) {
    const edit = setBlock(parseRc(broken, 'bash'), 'hook', ['echo hi']);
    assert.equal(edit.kind, 'refused', broken);
  }
});
