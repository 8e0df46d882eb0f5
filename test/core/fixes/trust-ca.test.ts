/**
 * The TLS fix's "Point NODE_EXTRA_CA_CERTS at it" step: before it writes the variable into the
 * user's rc file it checks the file exists and holds a CA that verifies the chain the API host
 * presents (a loopback HTTPS server with the test PKI's "Contoso TLS Inspection CA"). The right
 * CA is written (backed up, undoable); the wrong CA, a leaf certificate, text that is not a
 * certificate, or no file at all leave the rc file untouched and say what to do.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createFixEngine, type FixEngine } from '../../../src/core/fixes/fix-engine.js';
import { caCertificates } from '../../../src/core/fixes/actions/trust-ca.js';
import type { StepResult } from '../../../src/core/fixes/types.js';
import { makePki, type Pki } from '../../helpers/pki.js';
import { startHttpsServer, type RunningServer } from '../../helpers/servers.js';
import { makeWorld, offlineDiagnose, POSIX_ONLY, worldProbeEnv, type TempWorld } from './helpers.js';

const RC_BEFORE = '# mine\nexport EDITOR=vim\n';

describe('trust-corporate-ca: the CA file is checked against the intercepted chain first', { skip: POSIX_ONLY }, () => {
  let pki: Pki;
  let api: RunningServer;
  before(async () => {
    pki = makePki();
    api = await startHttpsServer({ pki, cert: 'rogue', handler: (_req, res) => res.end('{}') });
  });
  after(() => api.close());

  async function attempt(caText: string | null): Promise<{ result: StepResult; rc: string; world: TempWorld; fixes: FixEngine }> {
    const world = await makeWorld({ SHELL: '/bin/bash', CLAUDE_AUTH_DOCTOR_API_URL: `https://127.0.0.1:${api.port}` });
    await writeFile(join(world.home, '.bashrc'), RC_BEFORE);
    if (caText !== null) await writeFile(join(world.configDir, 'corporate-ca.pem'), caText);
    const probeEnv = worldProbeEnv(world);
    const diagnose = offlineDiagnose(probeEnv);
    const fixes = createFixEngine({ probeEnv, dataDir: world.dataDir, diagnose, lockWaitMs: 200 });
    const run = await fixes.start('trust-corporate-ca', await diagnose());
    const step = run.steps.find((s) => s.title === 'Point NODE_EXTRA_CA_CERTS at it');
    assert.equal(step?.kind, 'run', 'the doctor writes the variable itself, after checking');
    const result = await fixes.runStep(run.runId, step.index);
    return { result, rc: await readFile(join(world.home, '.bashrc'), 'utf8'), world, fixes };
  }

  test('the right CA: the variable goes into ~/.bashrc in a marked block, backed up, and undo puts the file back', async () => {
    const { result, rc, world, fixes } = await attempt(pki.rogueCaPem);
    try {
      assert.equal(result.ok, true, result.message);
      assert.match(rc, /^export NODE_EXTRA_CA_CERTS="\$HOME\/\.claude\/corporate-ca\.pem"$/m);
      assert.ok(rc.startsWith(RC_BEFORE), 'the user’s lines stay as they were');
      assert.ok(result.backupId);
      await fixes.undo(result.backupId);
      assert.equal(await readFile(join(world.home, '.bashrc'), 'utf8'), RC_BEFORE);
    } finally {
      await world.cleanup();
    }
  });

  const refused: [string, () => string | null, RegExp][] = [
    ['no file yet', () => null, /^~\/\.claude\/corporate-ca\.pem does not exist yet: save the company certificate there first/],
    [
      'the wrong CA',
      () => pki.caPem,
      /^~\/\.claude\/corporate-ca\.pem does not hold the certificate your network re-signs with: the connection to 127\.0\.0\.1 is signed by "Contoso TLS Inspection CA/,
    ],
    ['a leaf, not a CA', () => readFileSync(pki.rogueCert, 'utf8'), /holds a certificate, but not a certificate authority’s/],
    [
      'not a certificate',
      () => 'this is not a certificate\n',
      /^~\/\.claude\/corporate-ca\.pem holds no certificate .*ask IT for it as a \.pem file/,
    ],
  ];
  for (const [name, text, message] of refused) {
    test(`${name}: nothing written, and the message names the file and what to do`, async () => {
      const { result, rc, world } = await attempt(text());
      try {
        assert.equal(result.ok, false);
        assert.match(result.message, message);
        assert.equal(rc, RC_BEFORE, 'the rc file is untouched');
        assert.equal(result.backupId, null);
      } finally {
        await world.cleanup();
      }
    });
  }

  test('caCertificates reads PEM bundles: CAs kept, a cut-off block named', () => {
    assert.equal(caCertificates(pki.caPem + pki.rogueCaPem).pems.length, 2);
    const cut = pki.rogueCaPem.replace(/[A-Za-z0-9+/]{40}\n/, '\n');
    assert.match(caCertificates(cut).problem ?? '', /looks like a certificate but is not one/);
  });
});
