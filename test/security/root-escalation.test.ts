/**
 * The High finding, replayed: `fix`/`undo` run as root (sudo keeping HOME) on a home another user
 * controls. That user (a throwaway account) plants a manifest asking for a setuid-root file, puts
 * a link at the credentials path pointing at a root-only file, and swaps ~/.claude for a link
 * between fix and undo. Each attack must fail: root refuses the home unless asked (--as-owner),
 * and then works as that user, who gains nothing they did not have.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { signManifest } from '../../src/core/fixes/backup/manifest-key.js';
import { runCli } from '../helpers/cli.js';
import { oauthCredentials } from '../helpers/world.js';
import { makeLogoutStub } from '../core/fixes/helpers.js';
import { makeUser, SECOND_USER_SKIP, type ThrowawayUser } from './second-user.js';

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

describe('root on a home another user controls', { skip: SECOND_USER_SKIP }, () => {
  let mallory: ThrowawayUser;
  let rootDir: string;
  let bin: string;
  let env: NodeJS.ProcessEnv;
  const dataDir = (): string => join(mallory.home, '.local', 'share', 'claude-auth-doctor');

  /** The CLI as root, with mallory's HOME kept (`sudo -E`). */
  async function asRoot(args: readonly string[]): Promise<Run> {
    const run = await runCli(args, { env, timeoutMs: 60_000 });
    if (process.env['SECURITY_VERBOSE'])
      process.stdout.write(`# root: ${args.join(' ')} → ${run.code}\n# ${(run.stdout + run.stderr).replace(/\n/g, '\n# ')}\n`);
    return run;
  }

  /** A shell command run by mallory in her home. */
  async function asMallory(script: string): Promise<void> {
    const done = await mallory.run('/bin/sh', ['-c', script], { HOME: mallory.home, PATH: '/usr/bin:/bin' });
    assert.equal(done.code, 0, `mallory's script failed: ${done.stderr}`);
  }

  async function rootOwnedSecret(name: string): Promise<{ path: string; bytes: Buffer }> {
    const path = join(rootDir, name);
    const bytes = Buffer.from(`root-only ${name}\n`);
    await writeFile(path, bytes, { mode: 0o600 });
    return { path, bytes };
  }

  async function assertUntouched(file: { path: string; bytes: Buffer }): Promise<void> {
    const stat = await lstat(file.path);
    assert.equal(stat.uid, 0, `${file.path} still belongs to root`);
    assert.equal(stat.mode & 0o7777, 0o600, `${file.path} keeps mode 0600`);
    assert.equal(sha(await readFile(file.path)), sha(file.bytes), `${file.path} keeps its bytes`);
  }

  before(async () => {
    mallory = await makeUser();
    rootDir = await mkdtemp(join(tmpdir(), 'cad-root-only-'));
    await chmod(rootDir, 0o755); // she may run the stub claude in it; what is root's inside stays 0600/0700
    bin = join(rootDir, 'bin');
    await mkdir(bin, { mode: 0o755 });
    await makeLogoutStub(bin);
    env = { HOME: mallory.home, PATH: `${bin}:/usr/bin:/bin`, CLAUDE_AUTH_DOCTOR_CLAUDE_BIN: join(bin, 'claude'), NO_COLOR: '1' };
    const login = JSON.stringify(oauthCredentials()).replace(/'/g, '');
    await asMallory(`umask 077; mkdir -p ~/.claude && printf '%s' '${login}' > ~/.claude/.credentials.json`);
  });
  after(async () => {
    await mallory.remove();
    await rm(rootDir, { recursive: true, force: true });
  });

  test('without --as-owner, fix and undo refuse to work as root on her home, naming her and what to do', async () => {
    for (const args of [
      ['fix', 'reset-credentials', '--yes', '--offline'],
      ['undo', '--yes'],
    ]) {
      const run = await asRoot(args);
      assert.equal(run.code, 3, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
      assert.match(run.stderr, new RegExp(`belongs to ${mallory.name}.*--as-owner`, 's'));
      assert.doesNotMatch(run.stderr, /internal error/);
    }
    await assert.rejects(lstat(dataDir()), 'root created nothing in her home');
  });

  test('a planted manifest asking for a setuid-root file: refused as root; as her, no setuid and nothing of root', async () => {
    // She plants a backup: "restore /usr/local/bin/cad-evil and ~/cad-evil from a copy of sh, mode 4755, owner root".
    const id = '20260101-000000-reset-credentials-abcd';
    const dir = join(dataDir(), 'backups', id);
    const key = 'a'.repeat(64);
    const shSha = sha(await readFile('/bin/sh'));
    const entry = (path: string, n: number) => ({
      kind: 'file',
      what: 'evil',
      path,
      parentReal: join(path, '..'),
      keychain: null,
      method: 'copy',
      storedAt: join(dir, 'items', `${n}-sh`),
      sha256: shSha,
      size: null,
      mode: 0o4755,
      uid: 0,
      gid: 0,
      savedAt: '2026-01-01T00:00:00.000Z',
    });
    const manifest = {
      schemaVersion: 2,
      id,
      fixId: 'reset-credentials',
      step: 'x',
      createdAt: '2026-01-01T00:00:00.000Z',
      state: 'complete',
      restoredAt: null,
      entries: [entry('/usr/local/bin/cad-evil', 0), entry(join(mallory.home, 'cad-evil'), 1)],
      notes: [],
    };
    const signed = JSON.stringify({ ...manifest, mac: signManifest(Buffer.from(key, 'hex'), JSON.stringify(manifest)) });
    await asMallory(
      `umask 077; mkdir -p '${dir}/items' && cp /bin/sh '${dir}/items/0-sh' && cp /bin/sh '${dir}/items/1-sh' && printf '%s\\n' '${key}' > '${dataDir()}/manifest.key' && printf '%s' '${signed}' > '${dir}/manifest.json'`,
    );

    const refused = await asRoot(['undo', id, '--yes']);
    assert.equal(refused.code, 3, refused.stderr);
    // As her, with a key that is not hers (root planted it? no: one she cannot have made private) it is refused too.
    await assert.rejects(lstat('/usr/local/bin/cad-evil'));
    await assert.rejects(lstat(join(mallory.home, 'cad-evil')));

    // With --as-owner the undo runs as her: her own key signs her own manifest, so it is hers to act
    // on, with her rights only. Nothing lands outside her reach, nothing is root's or setuid.
    const asHer = await asRoot(['undo', id, '--yes', '--as-owner']);
    assert.match(asHer.stderr, new RegExp(`Running as ${mallory.name}`));
    await assert.rejects(lstat('/usr/local/bin/cad-evil'), 'root never wrote into /usr/local/bin for her');
    const inHome = await lstat(join(mallory.home, 'cad-evil')).catch(() => null);
    if (inHome) {
      assert.equal(inHome.uid, mallory.uid, 'a file restored in her home is hers');
      assert.equal(inHome.mode & 0o7000, 0, 'no setuid, setgid or sticky bit');
    }
  });

  test('a link at the credentials path to a root-only file: root refuses; as her, the link moves, the file keeps owner, mode and bytes', async () => {
    const secret = await rootOwnedSecret('credentials-target');
    await asMallory(`mv ~/.claude/.credentials.json ~/.claude/real.json && ln -s '${secret.path}' ~/.claude/.credentials.json`);
    try {
      assert.equal((await asRoot(['fix', 'reset-credentials', '--yes', '--offline'])).code, 3);
      await assertUntouched(secret);
      const fixed = await asRoot(['fix', 'reset-credentials', '--yes', '--offline', '--as-owner']);
      assert.match(fixed.stdout, /done: Moved|nothing to move|does not exist/, fixed.stdout + fixed.stderr);
      const undone = await asRoot(['undo', '--yes', '--as-owner']);
      assert.ok(undone.code === 0 || undone.code === 1, undone.stdout + undone.stderr);
      await assertUntouched(secret);
      const link = await lstat(join(mallory.home, '.claude', '.credentials.json'));
      assert.ok(link.isSymbolicLink(), 'the link itself came back, unfollowed');
    } finally {
      await asMallory('rm -f ~/.claude/.credentials.json && mv ~/.claude/real.json ~/.claude/.credentials.json');
    }
  });

  test('~/.claude swapped for a link to a root-only folder between fix and undo: nothing is written there', async () => {
    const rootOnly = join(rootDir, 'root-only');
    await mkdir(rootOnly, { mode: 0o700 });
    const fixed = await asRoot(['fix', 'reset-credentials', '--yes', '--offline', '--as-owner']);
    assert.match(fixed.stdout, /done: Moved/, fixed.stdout + fixed.stderr);
    await asMallory(`mv ~/.claude ~/.claude-real && ln -s '${rootOnly}' ~/.claude`);
    try {
      assert.equal((await asRoot(['undo', '--yes'])).code, 3, 'as root: refused');
      const undone = await asRoot(['undo', '--yes', '--as-owner']);
      assert.notEqual(undone.code, 0, undone.stdout);
      assert.match(undone.stdout + undone.stderr, /now leads to|not restored|permission denied/i);
      assert.deepEqual(await readdir(rootOnly), [], 'the root-only folder is still empty');
    } finally {
      await asMallory('rm ~/.claude && mv ~/.claude-real ~/.claude');
    }
  });

  test('with --as-owner, everything the run creates in her home is hers; root owns nothing there', async () => {
    const fixed = await asRoot(['fix', 'reset-credentials', '--yes', '--offline', '--as-owner']);
    assert.equal(fixed.code !== 3, true, fixed.stderr);
    await asRoot(['undo', '--yes', '--as-owner']);
    const rootOwned: string[] = [];
    async function walk(dir: string): Promise<void> {
      for (const name of await readdir(dir)) {
        const path = join(dir, name);
        const stat = await lstat(path);
        if (stat.uid !== mallory.uid) rootOwned.push(relative(mallory.home, path));
        if (stat.isDirectory()) await walk(path);
      }
    }
    await walk(mallory.home);
    assert.deepEqual(rootOwned, []);
    const key = await lstat(join(dataDir(), 'manifest.key'));
    assert.equal(key.mode & 0o777, 0o600);
  });
});
