import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { candidateNames, installMethod, locateClaude, pathEntries } from '../../../src/core/claude-code/claude-bin.js';
import type { CheckOutcome } from '../../../src/core/probes/probe.js';
import { cliInstallProbe, versionAtLeast } from '../../../src/core/probes/cli-install.js';
import type { CommandResult, CommandRunner, FileSystem } from '../../../src/core/io/ports.js';
import { fakePlatform, makeProbeInput } from '../../helpers/probe-input.js';
import { makeStubClaude, STUB_CLAUDE_SKIP, type StubClaudeOptions } from '../../helpers/stub-claude.js';
import { oauthBlock, writeCredentials } from '../claude-code/fixtures.js';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function tmp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'doctor-cli-'));
  dirs.push(dir);
  return dir;
}

async function run(env: Record<string, string>, timeoutMs = 5000): Promise<CheckOutcome> {
  return cliInstallProbe.run(makeProbeInput({ env, options: { timeoutMs } }));
}

function evidence(outcome: CheckOutcome): Record<string, unknown> {
  return outcome.evidence as Record<string, unknown>;
}

async function stubOnPath(options: StubClaudeOptions = {}): Promise<{ dir: string; bin: string }> {
  const dir = await tmp();
  return { dir, bin: await makeStubClaude(dir, options) };
}

describe('cli.install with a real stub claude', { skip: STUB_CLAUDE_SKIP }, () => {
  test('found on PATH, current version → ok with version; `claude auth status` is never run', async () => {
    const { dir, bin } = await stubOnPath({ version: '2.1.14' });
    const outcome = await run({ PATH: dir });
    assert.equal(outcome.status, 'ok', outcome.cause ?? '');
    assert.match(outcome.summary, /^Claude Code 2\.1\.14 \(installed\)$/);
    assert.equal(evidence(outcome)['path'], bin);
    assert.equal(evidence(outcome)['version'], '2.1.14');
    assert.equal(evidence(outcome)['source'], 'path');
    assert.equal(evidence(outcome)['authStatus'], undefined);
  });

  test('CLAUDE_AUTH_DOCTOR_CLAUDE_BIN wins over PATH', async () => {
    const { bin } = await stubOnPath({ version: '2.0.5' });
    const other = await stubOnPath({ version: '9.9.9' });
    const outcome = await run({ PATH: other.dir, CLAUDE_AUTH_DOCTOR_CLAUDE_BIN: bin });
    assert.equal(outcome.status, 'ok');
    assert.equal(evidence(outcome)['version'], '2.0.5');
    assert.equal(evidence(outcome)['source'], 'override');
  });

  test('nothing on PATH → fail with how to install', async () => {
    const empty = await tmp();
    const outcome = await run({ PATH: `${empty}:${join(empty, 'nope')}` });
    assert.equal(outcome.status, 'fail');
    assert.equal(outcome.summary, 'Claude Code is not installed or not on PATH');
    assert.deepEqual(outcome.fixes, ['update-claude-code']);
    assert.match(outcome.cause ?? '', /npm install -g @anthropic-ai\/claude-code/);
    assert.match(outcome.cause ?? '', /install\.sh/);
    assert.deepEqual(evidence(outcome)['searched'], [empty, join(empty, 'nope')]);
  });

  test('override pointing at a missing file → fail naming the variable', async () => {
    const dir = await tmp();
    const outcome = await run({ PATH: dir, CLAUDE_AUTH_DOCTOR_CLAUDE_BIN: join(dir, 'claude-gone') });
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.summary, /CLAUDE_AUTH_DOCTOR_CLAUDE_BIN/);
    assert.match(outcome.cause ?? '', /claude-gone/);
  });

  test('two installs on PATH → warn, first wins, both versions in evidence', async () => {
    const first = await stubOnPath({ version: '2.1.14' });
    const second = await stubOnPath({ version: '1.0.3' });
    const outcome = await run({ PATH: `${first.dir}:${second.dir}` });
    assert.equal(outcome.status, 'warn');
    assert.equal(outcome.summary, `2 installs of Claude Code on PATH: ${first.bin}, ${second.bin}; the first wins`);
    assert.deepEqual(outcome.fixes, ['update-claude-code']);
    assert.deepEqual(
      (evidence(outcome)['paths'] as { path: string; version: string }[]).map((p) => [p.path, p.version]),
      [
        [first.bin, '2.1.14'],
        [second.bin, '1.0.3'],
      ],
    );
  });

  test('the same program reached twice (symlink, repeated PATH entry) is one install', async () => {
    const { dir, bin } = await stubOnPath();
    const linkDir = await tmp();
    await symlink(bin, join(linkDir, 'claude'));
    const outcome = await run({ PATH: `${dir}:${linkDir}:${dir}` });
    assert.equal(outcome.status, 'ok', outcome.summary);
    assert.equal((evidence(outcome)['paths'] as unknown[]).length, 1);
  });

  test('native layout (~/.local/bin → ~/.local/share/claude/versions) is recognised', async () => {
    const home = await tmp();
    const versions = join(home, '.local', 'share', 'claude', 'versions');
    const target = await makeStubClaude(versions, { name: '2.1.14' });
    await mkdir(join(home, '.local', 'bin'), { recursive: true });
    await symlink(target, join(home, '.local', 'bin', 'claude'));
    const outcome = await run({ PATH: join(home, '.local', 'bin') });
    assert.equal(outcome.status, 'ok');
    assert.equal(outcome.summary, 'Claude Code 2.1.14 (native install)');
    assert.equal(evidence(outcome)['realPath'], await realpath(target));
  });

  test('npm global layout is recognised', async () => {
    const prefix = await tmp();
    const target = await makeStubClaude(join(prefix, 'lib', 'node_modules', '@anthropic-ai', 'claude-code'), {
      name: 'cli.js',
      version: '2.0.1',
    });
    await mkdir(join(prefix, 'bin'));
    await symlink(target, join(prefix, 'bin', 'claude'));
    const outcome = await run({ PATH: join(prefix, 'bin') });
    assert.equal(outcome.summary, 'Claude Code 2.0.1 (npm install)');
    assert.equal(evidence(outcome)['method'], 'npm');
  });

  const broken: { name: string; options: StubClaudeOptions; status: string; summary: RegExp; cause: RegExp; timeoutMs?: number }[] = [
    {
      name: 'hangs',
      options: { hang: true },
      status: 'unknown',
      summary: /did not report its version/,
      cause: /did not answer within 0\.8 s/,
      timeoutMs: 1000,
    },
    {
      name: 'crashes',
      options: { crash: true },
      status: 'unknown',
      summary: /did not report its version/,
      cause: /exited with code 1: Error: Cannot find module/,
    },
    {
      name: 'dies of a signal',
      options: { crash: 'signal' },
      status: 'unknown',
      summary: /did not report its version/,
      cause: /killed by a signal/,
    },
    {
      name: 'prints no version',
      options: { versionOutput: 'hello from another claude' },
      status: 'unknown',
      summary: /did not report its version/,
      cause: /printed no version/,
    },
    {
      name: 'is very old',
      options: { version: '0.2.9' },
      status: 'warn',
      summary: /^Claude Code 0\.2\.9 is older than 1\.0\.0$/,
      cause: /update it/,
    },
  ];
  for (const c of broken) {
    test(`claude that ${c.name} → ${c.status}`, async () => {
      const { dir } = await stubOnPath(c.options);
      const started = Date.now();
      const outcome = await run({ PATH: dir }, c.timeoutMs);
      assert.equal(outcome.status, c.status, outcome.cause ?? '');
      assert.match(outcome.summary, c.summary);
      assert.match(outcome.cause ?? '', c.cause);
      assert.ok(Date.now() - started < (c.timeoutMs ?? 5000), 'stays inside the budget');
    });
  }

  test('a claude that cannot be executed → fail', async () => {
    const { dir, bin } = await stubOnPath();
    await chmod(bin, 0o644);
    const outcome = await run({ PATH: dir });
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.summary, /cannot be started/);
    assert.match(outcome.cause ?? '', /EACCES/);
    assert.deepEqual(outcome.fixes, ['update-claude-code']);
  });

  test('only `claude --version` runs: never `claude auth …` (it can refresh and rewrite the login)', async () => {
    const log = join(await tmp(), 'argv.log');
    const { dir } = await stubOnPath({ argvLog: log });
    const other = await stubOnPath({ argvLog: log });
    await run({ PATH: `${dir}:${other.dir}` });
    const lines = (await readFile(log, 'utf8')).trim().split('\n');
    assert.deepEqual(lines, ['--version', '--version']);
  });

  test('several claude processes on one refreshing login: a warning that recommends setup-token', async () => {
    const { dir } = await stubOnPath();
    const ctx = makeProbeInput({ env: { PATH: dir }, platform: fakePlatform({ claudeProcesses: async () => 4 }) });
    await writeCredentials(ctx.homeDir, oauthBlock());
    const outcome = await cliInstallProbe.run(ctx);
    assert.equal(outcome.status, 'warn');
    assert.match(outcome.summary, /4 claude processes share one login/);
    assert.match(outcome.cause ?? '', /claude setup-token/);
    assert.deepEqual(outcome.fixes, ['use-oauth-token']);
    assert.equal(outcome.facts?.claude?.processes, 4);
    const few = makeProbeInput({ env: { PATH: dir }, homeDir: ctx.homeDir, platform: fakePlatform({ claudeProcesses: async () => 2 }) });
    assert.equal((await cliInstallProbe.run(few)).status, 'ok');
  });
});

describe('locating claude without a shell', () => {
  function fakeFs(files: readonly string[]): FileSystem {
    const set = new Set(files.map((f) => f.toLowerCase()));
    return {
      readText: async (path) => ({ kind: 'missing', path }),
      exists: async (path) => set.has(path.toLowerCase()),
      list: async () => [],
      space: async () => null,
    };
  }
  const identity = async (path: string): Promise<string> => path;

  test('win32: PATHEXT order, case-insensitive Path, quoted entries', async () => {
    const env = { Path: 'C:\\Tools;"C:\\Program Files\\nodejs";C:\\Users\\me\\.local\\bin', PATHEXT: '.COM;.EXE;.BAT;.CMD;.PS1' };
    assert.deepEqual(pathEntries(env, 'win32'), ['C:\\Tools', 'C:\\Program Files\\nodejs', 'C:\\Users\\me\\.local\\bin']);
    assert.deepEqual(candidateNames(env, 'win32'), ['claude.com', 'claude.exe', 'claude.bat', 'claude.cmd']);
    const location = await locateClaude(
      env,
      fakeFs(['C:\\Program Files\\nodejs\\claude.cmd', 'C:\\Users\\me\\.local\\bin\\claude.exe']),
      'win32',
      identity,
    );
    assert.equal(location.kind, 'found');
    assert.deepEqual(location.kind === 'found' ? location.binaries.map((b) => [b.path, b.method]) : [], [
      ['C:\\Program Files\\nodejs\\claude.cmd', 'unknown'],
      ['C:\\Users\\me\\.local\\bin\\claude.exe', 'native'],
    ]);
  });

  test('posix: empty PATH entries are not the current directory', () => {
    assert.deepEqual(pathEntries({ PATH: ':/usr/bin::/bin:' }, 'linux'), ['/usr/bin', '/bin']);
    assert.deepEqual(candidateNames({ PATH: '/x' }, 'darwin'), ['claude']);
  });

  const methods: [string, string, string][] = [
    ['/home/u/.local/bin/claude', '/home/u/.local/share/claude/versions/2.1.14', 'native'],
    ['/home/u/.local/bin/claude', '/home/u/.local/bin/claude', 'native'],
    ['/usr/local/bin/claude', '/usr/local/lib/node_modules/@anthropic-ai/claude-code/cli.js', 'npm'],
    ['/home/u/.nvm/versions/node/v22.1.0/bin/claude', '/home/u/.nvm/versions/node/v22.1.0/bin/claude', 'npm'],
    ['/home/u/.claude/local/claude', '/home/u/.claude/local/node_modules/.bin/claude', 'npm-local'],
    ['/opt/homebrew/bin/claude', '/opt/homebrew/Caskroom/claude-code/2.1.14/claude', 'homebrew'],
    ['C:\\Users\\me\\AppData\\Roaming\\npm\\claude.cmd', 'C:\\Users\\me\\AppData\\Roaming\\npm\\claude.cmd', 'npm'],
    ['/usr/bin/claude', '/usr/bin/claude', 'unknown'],
  ];
  for (const [path, real, method] of methods)
    test(`install method of ${real} → ${method}`, () => assert.equal(installMethod(path, real), method));

  test('win32 .cmd shims run through cmd.exe (Node will not start them directly)', async () => {
    const calls: { file: string; args: readonly string[] }[] = [];
    const runner: CommandRunner = {
      run: async (file, args): Promise<CommandResult> => {
        calls.push({ file, args });
        const stdout = args.includes('--version') ? '2.1.14 (Claude Code)\n' : '{"loggedIn":true}';
        return { code: 0, stdout, stderr: '', timedOut: false, spawnError: null };
      },
    };
    const bin = 'C:\\Users\\me\\AppData\\Roaming\\npm\\claude.cmd';
    const ctx = makeProbeInput({
      env: { Path: 'C:\\Users\\me\\AppData\\Roaming\\npm', PATHEXT: '.EXE;.CMD', ComSpec: 'C:\\Windows\\system32\\cmd.exe' },
      platform: fakePlatform({ os: 'win32' }),
      fs: fakeFs([bin]),
      runner,
    });
    const outcome = await cliInstallProbe.run(ctx);
    assert.equal(outcome.status, 'ok', outcome.cause ?? '');
    assert.equal(outcome.summary, 'Claude Code 2.1.14 (npm install)');
    assert.deepEqual(calls[0], { file: 'C:\\Windows\\system32\\cmd.exe', args: ['/d', '/c', bin, '--version'] });
  });

  const versions: [string, string, boolean][] = [
    ['2.1.14', '1.0.0', true],
    ['1.0.0', '1.0.0', true],
    ['0.2.125', '1.0.0', false],
    ['1.0.0-beta.3', '1.0.0', true],
    ['10.0.0', '9.99.99', true],
  ];
  for (const [version, minimum, expected] of versions) {
    test(`versionAtLeast(${version}, ${minimum}) = ${expected}`, () => assert.equal(versionAtLeast(version, minimum), expected));
  }
});
