import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCommandRunner } from '../../../src/core/io/runner.js';
import { createMacKeychain, SECURITY_STDIN_LINE_LIMIT } from '../../../src/core/keychain/mac-keychain.js';
import { makeFakeSecurity } from './fake-security.js';
import { CANARY, makeWorld, POSIX_ONLY } from '../fixes/helpers.js';

const SERVICE = 'Claude Code-credentials';

test('the macOS keychain store writes through `security -i` so the secret never reaches argv', { skip: POSIX_ONLY }, async () => {
  const world = await makeWorld();
  try {
    const fake = await makeFakeSecurity(world.root);
    const keychain = createMacKeychain(createCommandRunner(), { securityPath: fake.path });
    const secret = Buffer.from(JSON.stringify({ claudeAiOauth: { accessToken: CANARY.access, refreshToken: CANARY.refresh } }));

    assert.deepEqual(await keychain.read(SERVICE, 'tester'), { kind: 'not-found' });
    assert.deepEqual(await keychain.write(SERVICE, 'tester', secret), { ok: true, note: null });
    const back = await keychain.read(SERVICE, 'tester');
    assert.equal(back.kind, 'found');
    assert.ok(back.kind === 'found' && back.bytes.equals(secret));

    const log = await readFile(fake.argvLog, 'utf8');
    assert.match(log, /"argv":\["-i"\]/);
    assert.ok(!log.includes('CANARY') && !log.includes(secret.toString('hex')), 'no secret (nor its hex) on any command line');

    assert.deepEqual(await keychain.delete(SERVICE, 'tester'), { ok: true, existed: true });
    assert.deepEqual(await keychain.delete(SERVICE, 'tester'), { ok: true, existed: false });
  } finally {
    await world.cleanup();
  }
});

test('a login too long for `security -i` falls back to argv and says so', { skip: POSIX_ONLY }, async () => {
  const world = await makeWorld();
  try {
    const fake = await makeFakeSecurity(world.root);
    const keychain = createMacKeychain(createCommandRunner(), { securityPath: fake.path });
    const big = Buffer.from('x'.repeat(SECURITY_STDIN_LINE_LIMIT));
    const written = await keychain.write(SERVICE, 'tester', big);
    assert.equal(written.ok, true);
    assert.ok(written.ok && written.note && /process list/.test(written.note));
  } finally {
    await world.cleanup();
  }
});

test('a locked keychain reads as locked, with the unlock command', { skip: POSIX_ONLY }, async () => {
  const world = await makeWorld();
  try {
    const fake = await makeFakeSecurity(world.root);
    await writeFile(join(fake.store, 'locked'), '');
    const read = await createMacKeychain(createCommandRunner(), { securityPath: fake.path }).read(SERVICE, 'tester');
    assert.equal(read.kind, 'locked');
    assert.ok(read.kind === 'locked' && read.reason.includes('security unlock-keychain'));
  } finally {
    await world.cleanup();
  }
});
