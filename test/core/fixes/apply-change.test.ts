import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createFixEngine, type FixEngine } from '../../../src/core/fixes/fix-engine.js';
import type { RunStep, StepAction } from '../../../src/core/fixes/types.js';
import { makeWorld, offlineDiagnose, POSIX_ONLY, snapshot, worldProbeEnv, type TempWorld } from './helpers.js';

function step(title: string, action: StepAction): RunStep {
  return {
    kind: 'run',
    title,
    detail: '',
    display: title,
    automatable: true,
    changes: true,
    effects: [],
    undo: null,
    input: null,
    leaves: null,
    action,
  };
}

const writeUnit = (path: string, content: string): RunStep =>
  step(`Write ${path}`, { type: 'write-file', path, content, encoding: 'utf8', mode: 0o644, what: 'systemd user unit' });

let world: TempWorld;
let engine: FixEngine;
let unit: string;

beforeEach(async () => {
  world = await makeWorld();
  const probeEnv = worldProbeEnv(world);
  engine = createFixEngine({ probeEnv, dataDir: world.dataDir, diagnose: offlineDiagnose(probeEnv), lockWaitMs: 200 });
  unit = join(world.home, '.config', 'systemd', 'user', 'claude-auth-doctor.service');
});
afterEach(() => world.cleanup());

describe('apply: a change that is not a fix, with the fix engine’s backups and undo', { skip: POSIX_ONLY }, () => {
  test('a new file is written with its mode; undo moves it aside, leaving the home as it was', async () => {
    const before = await snapshot(world.home);
    const result = await engine.apply({ id: 'service-install', steps: [writeUnit(unit, '[Unit]\nDescription=x\n')] });
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(await readFile(unit, 'utf8'), '[Unit]\nDescription=x\n');
    assert.equal((await stat(unit)).mode & 0o777, 0o644);
    const backupId = result.steps[0]?.backupId;
    assert.match(backupId ?? '', /^\d{8}-\d{6}-service-install-[0-9a-f]{4}$/);
    assert.equal((await engine.findBackup(backupId ?? ''))?.fixId, 'service-install');

    const undone = await engine.undo(backupId ?? '');
    assert.equal(undone.ok, true, undone.message);
    const after = await snapshot(world.home);
    // The directories made for the file stay (never a recursive delete); the file is gone from its place.
    assert.equal(after['.config/systemd/user/claude-auth-doctor.service'], undefined);
    for (const [path, node] of Object.entries(before)) assert.deepEqual(after[path], node, path);
  });

  test('an existing file is backed up and restored byte for byte; the same bytes again change nothing', async () => {
    await mkdir(join(unit, '..'), { recursive: true });
    await writeFile(unit, 'mine, hand-written\n', { mode: 0o600 });
    const first = await engine.apply({ id: 'service-install', steps: [writeUnit(unit, 'ours\n')] });
    assert.equal(first.ok, true);
    const again = await engine.apply({ id: 'service-install', steps: [writeUnit(unit, 'ours\n')] });
    assert.deepEqual(
      again.steps.map((s) => [s.ok, s.backupId]),
      [[true, null]],
    );
    assert.match(again.steps[0]?.message ?? '', /already up to date/);
    const undone = await engine.undo(first.steps[0]?.backupId ?? '');
    assert.equal(undone.ok, true, undone.message);
    assert.equal(await readFile(unit, 'utf8'), 'mine, hand-written\n');
    assert.equal((await stat(unit)).mode & 0o777, 0o600);
  });

  test('Windows task XML is written as UTF-16 with a byte-order mark', async () => {
    const xml = join(world.dataDir, 'watch-task.xml');
    const result = await engine.apply({
      id: 'service-install',
      steps: [
        step('Write task', {
          type: 'write-file',
          path: xml,
          content: '<?xml version="1.0" encoding="UTF-16"?>\n<Task/>',
          encoding: 'utf16le-bom',
          mode: 0o644,
          what: 'task',
        }),
      ],
    });
    assert.equal(result.ok, true);
    const bytes = await readFile(xml);
    assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xfe]);
    assert.equal(bytes.subarray(2).toString('utf16le'), '<?xml version="1.0" encoding="UTF-16"?>\n<Task/>');
  });

  test('the steps stop at the first failure; what ran is kept and reported', async () => {
    const result = await engine.apply({
      id: 'service-install',
      steps: [
        writeUnit(unit, 'ours\n'),
        step('Enable', {
          type: 'command',
          file: join(world.bin, 'no-such-systemctl'),
          args: ['--user', 'enable'],
          timeoutMs: 2000,
          backup: [],
        }),
        writeUnit(join(world.home, 'never-written'), 'x'),
      ],
    });
    assert.equal(result.ok, false);
    assert.deepEqual(
      result.steps.map((s) => s.ok),
      [true, false],
    );
    assert.match(result.steps[1]?.message ?? '', /could not start/);
    assert.equal(await readFile(unit, 'utf8'), 'ours\n');
  });

  test('a directory where the file goes is refused, untouched', async () => {
    await mkdir(unit, { recursive: true });
    const result = await engine.apply({ id: 'service-install', steps: [writeUnit(unit, 'ours\n')] });
    assert.equal(result.ok, false);
    assert.match(result.steps[0]?.message ?? '', /is not a regular file/);
    assert.ok((await stat(unit)).isDirectory());
  });
});
