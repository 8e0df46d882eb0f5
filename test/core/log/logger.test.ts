import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import fc from 'fast-check';
import { fakeClock } from '../../../src/core/io/time.js';
import { createFileLogger, formatLogLine, logDir, LOG_DIR_VARIABLE } from '../../../src/core/log/logger.js';
import { fingerprint, Secret } from '../../../src/core/redact/redact.js';

describe('logDir', () => {
  const cases: [string, Parameters<typeof logDir>, string][] = [
    ['macOS', [{}, 'darwin', '/Users/ann'], '/Users/ann/Library/Logs/Claude Auth Doctor'],
    ['Linux, XDG_STATE_HOME set', [{ XDG_STATE_HOME: '/x/state' }, 'linux', '/home/ann'], '/x/state/claude-auth-doctor/logs'],
    ['Linux, no XDG_STATE_HOME', [{}, 'linux', '/home/ann'], '/home/ann/.local/state/claude-auth-doctor/logs'],
    [
      'Linux, relative XDG_STATE_HOME is ignored',
      [{ XDG_STATE_HOME: 'state' }, 'linux', '/home/ann'],
      '/home/ann/.local/state/claude-auth-doctor/logs',
    ],
    [
      'Windows, LOCALAPPDATA',
      [{ LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }, 'win32', 'C:\\Users\\ann'],
      'C:\\Users\\ann\\AppData\\Local\\Claude Auth Doctor\\logs',
    ],
    ['Windows, no LOCALAPPDATA', [{}, 'win32', 'C:\\Users\\ann'], 'C:\\Users\\ann\\AppData\\Local\\Claude Auth Doctor\\logs'],
    ['override wins', [{ [LOG_DIR_VARIABLE]: '/tmp/logs', XDG_STATE_HOME: '/x' }, 'linux', '/home/ann'], '/tmp/logs'],
  ];
  for (const [name, args, expected] of cases) test(name, () => assert.equal(logDir(...args), expected));
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cad-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const name of (await readdir(dir)).sort()) files.set(name, await readFile(join(dir, name), 'utf8'));
  return files;
}

function lines(text: string | undefined): Record<string, unknown>[] {
  return (text ?? '')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('rotation', () => {
  test('rotates before the size limit and keeps maxFiles files, newest lines last', async () => {
    const log = createFileLogger({ dir, name: 'app', maxBytes: 2048, maxFiles: 3, clock: fakeClock(Date.UTC(2025, 0, 1)) });
    for (let seq = 0; seq < 200; seq++) log.info('tick', { seq, pad: 'x'.repeat(40) });
    const files = await readAll();
    assert.deepEqual([...files.keys()], ['app.1.log', 'app.2.log', 'app.log']);
    for (const [name, text] of files) assert.ok(Buffer.byteLength(text) <= 2048, `${name}: ${Buffer.byteLength(text)} bytes`);

    const kept = [...lines(files.get('app.2.log')), ...lines(files.get('app.1.log')), ...lines(files.get('app.log'))].map(
      (l) => l['seq'] as number,
    );
    assert.equal(kept.at(-1), 199);
    assert.deepEqual(
      kept,
      Array.from({ length: kept.length }, (_, i) => 199 - kept.length + 1 + i),
      'contiguous, oldest first',
    );
    assert.ok(kept.length > 20 && kept.length < 200);
    assert.equal(log.path, join(dir, 'app.log'));
  });

  test('maxFiles 1 keeps a single file, restarted at the limit', async () => {
    const log = createFileLogger({ dir, name: 'one', maxBytes: 1024, maxFiles: 1 });
    for (let seq = 0; seq < 50; seq++) log.info('tick', { seq, pad: 'y'.repeat(40) });
    const files = await readAll();
    assert.deepEqual([...files.keys()], ['one.log']);
    assert.equal(lines(files.get('one.log')).at(-1)?.['seq'], 49);
    assert.ok(Buffer.byteLength(files.get('one.log') ?? '') <= 1024);
  });

  test('an existing file counts toward the limit (a restart does not grow it past maxBytes)', async () => {
    await writeFile(join(dir, 'app.log'), 'z'.repeat(1000) + '\n');
    const log = createFileLogger({ dir, name: 'app', maxBytes: 1024, maxFiles: 2 });
    log.info('after restart', { pad: 'p'.repeat(100) });
    const files = await readAll();
    assert.equal(files.get('app.1.log'), 'z'.repeat(1000) + '\n');
    assert.equal(lines(files.get('app.log'))[0]?.['msg'], 'after restart');
  });

  test('creates its directory; the file is private to the user', { skip: process.platform === 'win32' && 'POSIX modes' }, async () => {
    const nested = join(dir, 'a', 'b');
    const log = createFileLogger({ dir: nested });
    log.warn('hello');
    assert.equal((await stat(log.path)).mode & 0o777, 0o600);
    assert.equal((await stat(nested)).mode & 0o777, 0o700);
  });
});

describe('contents', () => {
  test('JSON lines with time, level and msg; below the level nothing is written', async () => {
    const log = createFileLogger({ dir, name: 'app', level: 'info', clock: fakeClock(Date.UTC(2025, 4, 6, 7, 8, 9)) });
    log.debug('hidden');
    log.info('shown', { check: 'keychain', n: 3, ok: true, missing: undefined, nan: Number.NaN });
    log.error('boom', { error: Object.assign(new Error('bad thing'), { code: 'EACCES' }) });
    const [first, second] = lines((await readAll()).get('app.log'));
    assert.deepEqual(first, {
      time: '2025-05-06T07:08:09.000Z',
      level: 'info',
      msg: 'shown',
      check: 'keychain',
      n: 3,
      ok: true,
      nan: 'NaN',
    });
    assert.equal(second?.['level'], 'error');
    const error = second?.['error'] as Record<string, unknown>;
    assert.equal(error['message'], 'bad thing');
    assert.equal(error['code'], 'EACCES');
    assert.match(String(error['stack']), /Error: bad thing/);
  });

  test('fields cannot overwrite time, level or msg', () => {
    const line = JSON.parse(formatLogLine(0, 'warn', 'real', { msg: 'fake', level: 'debug', time: 'never' })) as Record<string, unknown>;
    assert.deepEqual(line, { time: '1970-01-01T00:00:00.000Z', level: 'warn', msg: 'real' });
  });

  test('canary tokens never reach the files, wherever they are put', async () => {
    const oauth = 'sk-ant-oat01-CANARY-abcdefghijklmnop';
    const apiKey = 'sk-ant-api03-CANARY-qrstuvwxyz012345';
    const plain = 'FAKE-plain-value-CANARY-42';
    const log = createFileLogger({ dir, name: 'app', maxBytes: 4096, maxFiles: 3 });
    for (let i = 0; i < 20; i++) {
      log.info(`token check with ${oauth}`);
      log.warn('request failed', {
        headers: { authorization: `Bearer ${plain}`, 'x-api-key': apiKey },
        url: 'https://api.anthropic.com/v1/messages',
      });
      log.error('claude said', {
        stderr: `{"accessToken":"${plain}","refreshToken":"${plain}"}`,
        error: new Error(`refresh failed for ${oauth}`),
      });
      log.info('stored', { accessToken: plain, credentials: { value: plain }, apiKey: new Secret(apiKey), list: [oauth, apiKey] });
      log.info(`Authorization: Bearer ${plain}`, { [`key-${oauth}`]: 1 });
    }
    const files = await readAll();
    assert.ok(files.size >= 2, 'rotated at least once');
    for (const [name, text] of files) {
      assert.ok(!text.includes('CANARY'), `${name} leaks a canary:\n${text.split('\n').find((l) => l.includes('CANARY'))}`);
      for (const line of text.split('\n').filter(Boolean)) JSON.parse(line);
    }
    const all = [...files.values()].join('');
    assert.ok(all.includes(fingerprint(apiKey)), 'a Secret is logged as its fingerprint');
    assert.ok(all.includes('[redacted fp:'), 'redactions are visible');
    assert.ok(all.includes('https://api.anthropic.com/v1/messages'), 'harmless values are kept');
  });

  test('every formatted line is valid JSON and carries no token, whatever the text around it', () => {
    const canary = 'sk-ant-oat01-CANARY-zyxwvutsrqponmlk';
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.constantFrom('accessToken', 'note', 'authorization', 'data'), (before, after, key) => {
        const text = `${before}${canary}${after}`;
        const line = formatLogLine(0, 'info', text, { [key]: text, nested: { [key]: `"${key}":"${text}"` } });
        JSON.parse(line);
        assert.ok(!line.includes(canary), line);
      }),
      { numRuns: 500 },
    );
  });

  test('a write failure never throws; it is reported once', async () => {
    const blocker = join(dir, 'not-a-dir');
    await writeFile(blocker, '');
    const errors: Error[] = [];
    const log = createFileLogger({ dir: join(blocker, 'logs'), onError: (error) => errors.push(error) });
    log.info('one');
    log.error('two');
    assert.equal(errors.length, 1);
    assert.match(errors[0]?.message ?? '', /ENOTDIR|EEXIST/);
  });
});
