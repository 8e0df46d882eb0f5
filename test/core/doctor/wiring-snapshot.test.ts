import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSnapshot } from '../../../src/core/diagnosis/snapshot.js';
import { createDoctor } from '../../../src/core/doctor/wiring.js';
import { createProbeEnv } from '../../../src/core/probes/probe-env.js';

async function until<T>(read: () => Promise<T | null>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (value !== null) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('never happened');
}

test('the tray app and the web wizard save each full report for `status`, named as its writer', async () => {
  const home = await mkdtemp(join(tmpdir(), 'cad-wiring-'));
  try {
    const env = { HOME: home, PATH: '/usr/bin:/bin', USER: 'someone', CLAUDE_AUTH_DOCTOR_DATA_DIR: join(home, 'data') };
    const probeEnv = createProbeEnv(env, 'linux');
    const problems: string[] = [];
    const doctor = createDoctor({
      probeEnv,
      version: '0.0.0-test',
      offline: true,
      snapshotBy: 'tray',
      onSnapshotProblem: (m) => problems.push(m),
    });
    const report = await doctor['report:run-check']();
    const place = { env, os: 'linux' as const, homeDir: home, user: probeEnv.user };
    const saved = await until(async () => {
      const read = await readSnapshot(place, { now: Date.now(), maxAgeMs: 60_000 });
      return read.kind === 'fresh' ? read.snapshot : null;
    });
    assert.equal(saved.by, 'tray');
    assert.deepEqual(saved.report, report);
    assert.deepEqual(problems, []);
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});

test('a state dir planted as a symbolic link is reported once and not written through', async () => {
  const home = await mkdtemp(join(tmpdir(), 'cad-wiring-'));
  try {
    const elsewhere = join(home, 'elsewhere');
    await mkdir(elsewhere);
    await symlink(elsewhere, join(home, 'data'));
    const env = { HOME: home, PATH: '/usr/bin:/bin', USER: 'someone', CLAUDE_AUTH_DOCTOR_DATA_DIR: join(home, 'data') };
    const problems: string[] = [];
    const doctor = createDoctor({
      probeEnv: createProbeEnv(env, 'linux'),
      version: '0.0.0-test',
      offline: true,
      snapshotBy: 'wizard',
      onSnapshotProblem: (m) => problems.push(m),
    });
    await doctor['report:run-check']();
    await doctor['report:run-check']();
    await until(async () => (problems.length > 0 ? true : null));
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /the state dir .*data is a symbolic link/);
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});
