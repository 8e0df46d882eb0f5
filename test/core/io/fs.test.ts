/**
 * The real, bounded file access the probes read through (src/core/io/fs.ts), on real files: every
 * kind of answer readText gives, links followed or named, and the cap.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileSystem } from '../../../src/core/io/fs.js';

const fs = createFileSystem();
const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
async function place(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cad-fs-'));
  dirs.push(dir);
  return dir;
}
const posixOnly = process.platform === 'win32' ? { skip: 'symbolic links and modes need a POSIX file system' } : {};

describe('createFileSystem().readText', () => {
  test('a file: its text, mode and size', posixOnly, async () => {
    const dir = await place();
    const file = join(dir, 'settings.json');
    await writeFile(file, '{"a":"é"}');
    await chmod(file, 0o640);
    assert.deepEqual(await fs.readText(file, 1024), { kind: 'ok', path: file, text: '{"a":"é"}', mode: 0o640, size: 10 });
  });

  test('nothing there is missing; a path through a file is unreadable (ENOTDIR)', async () => {
    const dir = await place();
    assert.deepEqual(await fs.readText(join(dir, 'absent.json'), 1024), { kind: 'missing', path: join(dir, 'absent.json') });
    await writeFile(join(dir, 'plain'), 'x');
    const through = join(dir, 'plain', 'inside.json');
    assert.deepEqual(await fs.readText(through, 1024), { kind: 'unreadable', path: through, code: 'ENOTDIR' });
  });

  test('a link is followed: the text and mode are its target’s', posixOnly, async () => {
    const dir = await place();
    await writeFile(join(dir, 'real.json'), 'linked', { mode: 0o600 });
    await symlink(join(dir, 'real.json'), join(dir, 'link.json'));
    const read = await fs.readText(join(dir, 'link.json'), 1024);
    assert.deepEqual(read, { kind: 'ok', path: join(dir, 'link.json'), text: 'linked', mode: 0o600, size: 6 });
  });

  test('a link to nowhere is named with its target, not taken for a missing file', posixOnly, async () => {
    const dir = await place();
    await symlink('/nonexistent/cad-target.json', join(dir, 'dangling.json'));
    assert.deepEqual(await fs.readText(join(dir, 'dangling.json'), 1024), {
      kind: 'dangling-link',
      path: join(dir, 'dangling.json'),
      target: '/nonexistent/cad-target.json',
    });
  });

  test('a folder, or a link to one, is not a file', posixOnly, async () => {
    const dir = await place();
    await mkdir(join(dir, 'folder'));
    await symlink(join(dir, 'folder'), join(dir, 'to-folder'));
    assert.deepEqual(await fs.readText(join(dir, 'folder'), 1024), { kind: 'not-a-file', path: join(dir, 'folder') });
    assert.deepEqual(await fs.readText(join(dir, 'to-folder'), 1024), { kind: 'not-a-file', path: join(dir, 'to-folder') });
  });

  test('a file over the cap is reported with its size and never read', async () => {
    const dir = await place();
    await writeFile(join(dir, 'big.json'), 'x'.repeat(2048));
    assert.deepEqual(await fs.readText(join(dir, 'big.json'), 1024), {
      kind: 'too-large',
      path: join(dir, 'big.json'),
      size: 2048,
      limit: 1024,
    });
  });
});
