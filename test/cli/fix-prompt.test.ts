import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createPrompter, PromptAborted, readAll } from '../../src/cli/prompt.js';

function streams() {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (d: Buffer) => (shown += d.toString()));
  return { input, output, shown: () => shown };
}

test('ask reads one line at a time, whether typed in pieces or all at once', async () => {
  const s = streams();
  const prompter = createPrompter(s.input, s.output);
  s.input.write('fir');
  const first = prompter.ask('1? ');
  s.input.write('st\r\nsecond\n');
  assert.equal(await first, 'first');
  assert.equal(await prompter.ask('2? '), 'second');
  assert.equal(s.shown(), '1? 2? ');
  prompter.close();
});

test('secret echoes nothing, honours backspace, and ends at Enter', async () => {
  const s = streams();
  const prompter = createPrompter(s.input, s.output);
  const secret = prompter.secret('Key: ');
  s.input.write('sk-ant-api03-CANARYx\u007f');
  s.input.write('-rest\r');
  assert.equal(await secret, 'sk-ant-api03-CANARY-rest');
  assert.equal(s.shown(), 'Key: \n');
  prompter.close();
});

test('Ctrl-C at a secret prompt aborts; end of input aborts a question', async () => {
  const s = streams();
  const prompter = createPrompter(s.input, s.output);
  const secret = prompter.secret('Key: ');
  s.input.write('abc\u0003');
  await assert.rejects(secret, (e: unknown) => e instanceof PromptAborted && e.reason === 'interrupt');
  const question = prompter.ask('? ');
  s.input.end();
  await assert.rejects(question, (e: unknown) => e instanceof PromptAborted && e.reason === 'end');
});

test('readAll takes stdin without its final line break', async () => {
  const input = new PassThrough();
  input.end('sk-ant-api03-key\n');
  assert.equal(await readAll(input), 'sk-ant-api03-key');
});
