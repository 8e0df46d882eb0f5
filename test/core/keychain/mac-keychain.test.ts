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

test(
  'a login too long for `security -i` never goes to argv: the Security framework writes it, or it is refused',
  { skip: POSIX_ONLY },
  async () => {
    const world = await makeWorld();
    try {
      const fake = await makeFakeSecurity(world.root);
      const big = Buffer.from(`{"claudeAiOauth":{"accessToken":"${CANARY.access}","pad":"${'x'.repeat(SECURITY_STDIN_LINE_LIMIT)}"}}`);
      const refused = await createMacKeychain(createCommandRunner(), { securityPath: fake.path }).write(SERVICE, 'tester', big);
      assert.equal(refused.ok, false);
      assert.ok(!refused.ok && /does not pass a secret on a command line/.test(refused.reason));

      // The framework path (keytar in the app) stores the same bytes where `security` reads them.
      const native: string[] = [];
      const keychain = createMacKeychain(createCommandRunner(), {
        securityPath: fake.path,
        nativeWrite: async (service, account, bytes) => {
          native.push(service);
          await writeFile(join(fake.store, 'items', Buffer.from(`${account}\0${service}`).toString('hex')), bytes);
          return { ok: true, note: null };
        },
      });
      const written = await keychain.write(SERVICE, 'tester', big);
      assert.equal(written.ok, true);
      assert.ok(written.ok && written.note && /Security framework/.test(written.note));
      assert.deepEqual(native, [SERVICE]);
      const back = await keychain.read(SERVICE, 'tester');
      assert.ok(back.kind === 'found' && back.bytes.equals(big));
      // Bytes that are not text cannot go through the framework's string API: refused, not put on argv.
      const binary = Buffer.concat([Buffer.from([0xff, 0xfe]), big]);
      assert.equal((await keychain.write(SERVICE, 'tester', binary)).ok, false);
      const log = await readFile(fake.argvLog, 'utf8');
      assert.ok(!log.includes('CANARY') && !log.includes(big.toString('hex').slice(0, 64)), 'no secret (nor its hex) on any command line');
    } finally {
      await world.cleanup();
    }
  },
);

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
