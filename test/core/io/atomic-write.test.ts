import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../../src/core/io/atomic-write.js';

describe('writeFileAtomic', () => {
  test('new files default to 0600', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cad-aw-'));
    const path = join(dir, 'secret.json');
    await writeFileAtomic(path, '{"a":1}');
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.equal(await readFile(path, 'utf8'), '{"a":1}');
  });

  test('keeps the mode of the file it replaces and leaves no temp files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cad-aw-'));
    const path = join(dir, 'settings.json');
    await writeFile(path, 'old');
    await chmod(path, 0o640);
    await writeFileAtomic(path, 'new');
    assert.equal((await stat(path)).mode & 0o777, 0o640);
    assert.equal(await readFile(path, 'utf8'), 'new');
    assert.deepEqual(await readdir(dir), ['settings.json']);
  });

  test('a failed rename leaves the old bytes and no temp file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cad-aw-'));
    const target = join(dir, 'a-directory');
    await import('node:fs/promises').then((f) => f.mkdir(target));
    await writeFile(join(target, 'keep'), 'x');
    await assert.rejects(writeFileAtomic(target, 'new'));
    assert.deepEqual((await readdir(dir)).sort(), ['a-directory']);
    assert.equal(await readFile(join(target, 'keep'), 'utf8'), 'x');
  });
});
