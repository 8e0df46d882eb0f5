import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeClaudeCodeSettings } from '../../../src/core/fixes/claude-settings-merge.js';
import { encodeChain } from '../../../src/core/fixes/status-line-chain.js';

const helper = { op: 'set-api-key-helper', command: "'/usr/bin/node' '/opt/cad/main.js' api-key" } as const;

test('sets only apiKeyHelper and keeps every other key, in order', () => {
  const text = '{\n    "model": "opus",\n    "env": { "FOO": "1" },\n    "permissions": { "allow": ["Bash(ls)"] }\n}\n';
  const merged = mergeClaudeCodeSettings(text, helper);
  assert.equal(merged.kind, 'changed');
  if (merged.kind !== 'changed') return;
  const parsed = JSON.parse(merged.text) as Record<string, unknown>;
  assert.deepEqual(Object.keys(parsed), ['model', 'env', 'permissions', 'apiKeyHelper']);
  assert.deepEqual(parsed['permissions'], { allow: ['Bash(ls)'] });
  assert.equal(parsed['apiKeyHelper'], helper.command);
  assert.ok(merged.text.startsWith('{\n    "model"'), "keeps the file's 4-space indentation");
  assert.ok(merged.text.endsWith('}\n'));
});

test('replaces an existing helper in place; unchanged when already set', () => {
  const merged = mergeClaudeCodeSettings('{"apiKeyHelper":"old","a":1}', helper);
  assert.equal(merged.kind, 'changed');
  if (merged.kind === 'changed') assert.deepEqual(Object.keys(JSON.parse(merged.text)), ['apiKeyHelper', 'a']);
  assert.deepEqual(mergeClaudeCodeSettings(JSON.stringify({ apiKeyHelper: helper.command }), helper), { kind: 'unchanged' });
});

test('a missing or empty file becomes a new object', () => {
  for (const text of [null, '', '\n']) {
    const merged = mergeClaudeCodeSettings(text, helper);
    assert.equal(merged.kind, 'changed');
    if (merged.kind === 'changed') assert.deepEqual(JSON.parse(merged.text), { apiKeyHelper: helper.command });
  }
});

test('refuses to overwrite a file that is not a JSON object', () => {
  for (const text of ['{"model": "opus",', '[1,2]', '"x"']) {
    const merged = mergeClaudeCodeSettings(text, helper);
    assert.equal(merged.kind, 'refused', text);
    if (merged.kind === 'refused') assert.match(merged.reason, /repair it first/);
  }
});

test('delete-env removes one variable and nothing else', () => {
  const merged = mergeClaudeCodeSettings('{"env":{"ANTHROPIC_API_KEY":"x","OTHER":"y"},"model":"m"}', {
    op: 'delete-env',
    name: 'ANTHROPIC_API_KEY',
  });
  assert.equal(merged.kind, 'changed');
  if (merged.kind === 'changed') assert.deepEqual(JSON.parse(merged.text), { env: { OTHER: 'y' }, model: 'm' });
  assert.deepEqual(mergeClaudeCodeSettings('{"env":{"OTHER":"y"}}', { op: 'delete-env', name: 'ANTHROPIC_API_KEY' }), {
    kind: 'unchanged',
  });
});

const DOCTOR = "'/usr/bin/node' '/opt/cad/dist/cli/main.js'";
const chain = { op: 'chain-status-line', doctor: DOCTOR, posix: true } as const;
const unchain = { op: 'unchain-status-line', doctor: DOCTOR } as const;

test('the status line: chains what was there, keeps its other keys, and puts it back exactly', () => {
  const mine = `printf '%s' "$(jq -r .model.display_name)" | sed 's/ /_/g'`;
  const text = JSON.stringify({ statusLine: { type: 'command', command: mine, padding: 2 }, model: 'opus' });
  const chained = mergeClaudeCodeSettings(text, chain);
  assert.equal(chained.kind, 'changed');
  if (chained.kind !== 'changed') return;
  const line = (JSON.parse(chained.text) as { statusLine: { command: string; padding: number } }).statusLine;
  // Node would read NODE_EXTRA_CA_CERTS as it starts: emptied for the doctor, handed on to what it chains.
  assert.match(
    line.command,
    /^CLAUDE_AUTH_DOCTOR_EXTRA_CA_CERTS="\$NODE_EXTRA_CA_CERTS" NODE_EXTRA_CA_CERTS= '\/usr\/bin\/node' '\/opt\/cad\/dist\/cli\/main\.js' statusline --chain b64:[A-Za-z0-9_-]+$/,
  );
  assert.equal(line.padding, 2);
  assert.deepEqual(mergeClaudeCodeSettings(chained.text, chain), { kind: 'unchanged' });
  const back = mergeClaudeCodeSettings(chained.text, unchain);
  assert.equal(back.kind, 'changed');
  if (back.kind === 'changed') assert.deepEqual(JSON.parse(back.text), JSON.parse(text));
});

test('the status line: added when there was none and removed again; someone else’s left alone; a malformed one refused', () => {
  const added = mergeClaudeCodeSettings('{"model":"opus"}', chain);
  assert.equal(added.kind, 'changed');
  if (added.kind !== 'changed') return;
  assert.deepEqual(JSON.parse(added.text), {
    model: 'opus',
    statusLine: { type: 'command', command: `NODE_EXTRA_CA_CERTS= ${DOCTOR} statusline` },
  });
  const removed = mergeClaudeCodeSettings(added.text, unchain);
  assert.equal(removed.kind, 'changed');
  if (removed.kind === 'changed') assert.deepEqual(JSON.parse(removed.text), { model: 'opus' });
  assert.deepEqual(mergeClaudeCodeSettings('{"statusLine":{"type":"command","command":"starship statusline"}}', unchain), {
    kind: 'unchanged',
  });
  assert.equal(mergeClaudeCodeSettings('{"statusLine":"echo hi"}', chain).kind, 'refused');
  assert.equal(mergeClaudeCodeSettings('{"statusLine":{"type":"static"}}', chain).kind, 'refused');
});

test('the status line: one installed by another copy of the doctor (its hot entry, from a path without the tool name) is still recognised as ours', () => {
  const other = "'/usr/bin/node' '/home/u/src/app/dist/cli/hot.cjs' statusline";
  const text = JSON.stringify({ statusLine: { type: 'command', command: other } });
  const removed = mergeClaudeCodeSettings(text, unchain);
  assert.equal(removed.kind, 'changed', 'a hot.cjs statusline counts as the doctor’s');
  if (removed.kind === 'changed') assert.deepEqual(JSON.parse(removed.text), {});
  const foreign = JSON.stringify({ statusLine: { type: 'command', command: "'/usr/bin/node' '/opt/x/hot.cjs' statusline" } });
  assert.deepEqual(mergeClaudeCodeSettings(foreign, unchain), { kind: 'unchanged' }, 'a hot.cjs outside a cli folder is someone else’s');
});

test('the status line: where Claude Code runs it through cmd.exe (Windows), the doctor alone, without the variable prefix', () => {
  const added = mergeClaudeCodeSettings('{}', { ...chain, posix: false });
  assert.equal(added.kind, 'changed');
  if (added.kind === 'changed')
    assert.deepEqual(JSON.parse(added.text), { statusLine: { type: 'command', command: `${DOCTOR} statusline` } });
});

test('the status line: one written before the variable prefix is still the doctor’s, updated in place and removable', () => {
  const mine = 'starship prompt --status-line';
  const old = JSON.stringify({ statusLine: { type: 'command', command: `${DOCTOR} statusline --chain ${encodeChain(mine)}` } });
  const updated = mergeClaudeCodeSettings(old, chain);
  assert.equal(updated.kind, 'changed');
  if (updated.kind !== 'changed') return;
  const command = (JSON.parse(updated.text) as { statusLine: { command: string } }).statusLine.command;
  assert.ok(command.startsWith('CLAUDE_AUTH_DOCTOR_EXTRA_CA_CERTS="$NODE_EXTRA_CA_CERTS" NODE_EXTRA_CA_CERTS= '), command);
  assert.ok(command.endsWith(`statusline --chain ${encodeChain(mine)}`), command);
  for (const text of [old, updated.text]) {
    const back = mergeClaudeCodeSettings(text, unchain);
    assert.equal(back.kind, 'changed');
    if (back.kind === 'changed') assert.deepEqual(JSON.parse(back.text), { statusLine: { type: 'command', command: mine } });
  }
});
