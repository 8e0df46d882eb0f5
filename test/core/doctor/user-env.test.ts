import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUserEnvironment } from '../../../src/core/doctor/user-env.js';
import { createCommandRunner } from '../../../src/core/io/runner.js';
import { createProbeEnv } from '../../../src/core/probes/probe-env.js';
import { shellStartupFiles } from '../../../src/core/platform/shell-startup-files.js';

const BASH = '/bin/bash';
const skip = existsSync(BASH) ? false : `${BASH} is not installed`;
const KEY = 'sk-ant-api03-FAKE-userenv-0123456789abcdefghij';

async function home(profile: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cad-userenv-'));
  await writeFile(join(dir, '.bash_profile'), profile);
  return dir;
}

function environment(dir: string, shell = BASH) {
  return createUserEnvironment({
    processEnv: { HOME: dir, SHELL: shell, PATH: '/usr/bin:/bin', CLAUDE_AUTH_DOCTOR_DATA_DIR: join(dir, 'data') },
    os: 'linux',
    runner: createCommandRunner(),
    accountShell: null,
    timeoutMs: 5000,
    build: (env) => createProbeEnv(env, 'linux'),
  });
}

describe('the user environment of an app started from a launcher', () => {
  test('the launcher env until the login shell answers, then the shell on top, through the same live world', { skip }, async () => {
    const dir = await home(`export PATH="$HOME/.local/bin:$PATH"\nexport ANTHROPIC_API_KEY=${KEY}\n`);
    const user = environment(dir);
    const world = user.probeEnv;
    assert.equal(user.state().kind, 'resolving');
    assert.equal(world.env['PATH'], '/usr/bin:/bin');
    assert.equal(world.env['ANTHROPIC_API_KEY'], undefined);
    void user.resolve();
    await user.ready();
    assert.equal(user.state().kind, 'resolved');
    assert.equal(world.env['ANTHROPIC_API_KEY'], KEY, 'a world handed out before the answer sees it');
    assert.match(world.env['PATH'] ?? '', new RegExp(`^${dir}/\\.local/bin:`));
    assert.equal(world.env['CLAUDE_AUTH_DOCTOR_DATA_DIR'], join(dir, 'data'), "the process's own variables stay");
    assert.equal(world.platform.os, 'linux');
    assert.deepEqual(user.startupFiles(), shellStartupFiles(BASH, world.env, dir));
  });

  test('calls while a resolution runs share one more run after it (an rc edit meanwhile is read)', { skip }, async () => {
    const dir = await home('echo run >> "$HOME/runs"\nsleep 0.3\n. "$HOME/vars"\n');
    await writeFile(join(dir, 'vars'), 'export STAGE=first\n');
    const user = environment(dir);
    const first = user.resolve();
    const second = user.resolve();
    const third = user.resolve();
    assert.equal(second, third);
    await writeFile(join(dir, 'vars'), 'export STAGE=second\n');
    await first;
    const last = await third;
    assert.equal(last.kind === 'resolved' ? last.env['STAGE'] : last, 'second');
    assert.equal(user.probeEnv.env['STAGE'], 'second');
    assert.deepEqual((await readFile(join(dir, 'runs'), 'utf8')).trim().split('\n'), ['run', 'run']);
  });

  test('a shell that cannot start: failed, and the engine keeps the launcher env', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cad-userenv-'));
    const user = environment(dir, join(dir, 'no-such-shell', 'bash'));
    const result = await user.resolve();
    assert.equal(result.kind, 'failed');
    assert.match(result.kind === 'failed' ? result.reason : '', /could not be started/);
    assert.equal(user.probeEnv.env['PATH'], '/usr/bin:/bin');
  });

  test('Windows: nothing to ask, no files to watch', async () => {
    const user = createUserEnvironment({
      processEnv: { PATH: 'C:\\Windows' },
      os: 'win32',
      runner: createCommandRunner(),
      accountShell: null,
      build: (env) => createProbeEnv(env, 'win32'),
    });
    assert.equal((await user.resolve()).kind, 'not-applicable');
    assert.deepEqual(user.startupFiles(), []);
  });
});

describe('shellStartupFiles', () => {
  const cases: [string, Record<string, string>, string[]][] = [
    ['/bin/bash', {}, ['/h/.bash_profile', '/h/.bash_login', '/h/.profile', '/h/.bashrc']],
    ['/bin/zsh', { ZDOTDIR: '/h/.config/zsh' }, ['.zshenv', '.zprofile', '.zshrc', '.zlogin'].map((f) => `/h/.config/zsh/${f}`)],
    ['/usr/bin/fish', {}, ['/h/.config/fish/config.fish', '/h/.config/fish/fish_variables']],
    ['/usr/bin/fish', { XDG_CONFIG_HOME: 'relative' }, ['/h/.config/fish/config.fish', '/h/.config/fish/fish_variables']],
    ['/bin/tcsh', {}, ['/h/.tcshrc', '/h/.cshrc', '/h/.login']],
    ['/bin/dash', { ENV: '/h/.shinit' }, ['/h/.profile', '/h/.shinit']],
  ];
  for (const [shell, env, files] of cases)
    test(`${shell} ${JSON.stringify(env)}`, () => assert.deepEqual(shellStartupFiles(shell, env, '/h'), files));
});
