import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCommandRunner } from '../../../src/core/io/runner.js';
import { mergeShellEnv, parseEnvOutput, readLoginShellEnv, userShell } from '../../../src/core/platform/login-shell-env.js';

const runner = createCommandRunner();
const CANARY = 'sk-ant-api03-CANARY-shellenv-0123456789abcdefghij';

function shellSkip(path: string): string | false {
  return existsSync(path) ? false : `${path} is not installed (CI installs bash, zsh and fish)`;
}

async function home(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cad-shellenv-'));
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(join(dir, rel, '..'), { recursive: true });
    await writeFile(join(dir, rel), text);
  }
  return dir;
}

/** What a desktop launcher gives an app: a bare PATH and none of the user's exports. */
function launcherEnv(dir: string, shell: string): Record<string, string> {
  return { HOME: dir, SHELL: shell, PATH: '/usr/bin:/bin', XDG_CONFIG_HOME: join(dir, '.config'), ZDOTDIR: dir };
}

describe('readLoginShellEnv with real shells', () => {
  test('bash: exports from the login profile, a multi-line value whole, noise dropped', { skip: shellSkip('/bin/bash') }, async () => {
    const dir = await home({
      '.bash_profile': `echo "welcome banner"\nexport PATH="$HOME/.local/bin:$PATH"\nexport ANTHROPIC_API_KEY=${CANARY}\nexport TWO_LINES="a\nb"\n[ -n "$CLAUDE_AUTH_DOCTOR_RESOLVING_ENV" ] && export SAW_MARK=1\n`,
    });
    const result = await readLoginShellEnv(runner, { env: launcherEnv(dir, '/bin/bash'), os: 'linux' });
    assert.equal(result.kind, 'resolved', JSON.stringify(result));
    if (result.kind !== 'resolved') return;
    assert.equal(result.env['ANTHROPIC_API_KEY'], CANARY);
    assert.match(result.env['PATH'] ?? '', new RegExp(`^${dir}/\\.local/bin:`));
    assert.equal(result.env['TWO_LINES'], 'a\nb');
    assert.equal(result.env['SAW_MARK'], '1', 'the rc file can tell the doctor is asking');
    assert.equal(result.env['SHLVL'], undefined);
    assert.equal(result.env['CLAUDE_AUTH_DOCTOR_RESOLVING_ENV'], undefined);
  });

  test('zsh: exports from .zshrc', { skip: shellSkip('/usr/bin/zsh') }, async () => {
    const dir = await home({ '.zshrc': 'export HTTPS_PROXY=http://proxy.example:3128\n' });
    const result = await readLoginShellEnv(runner, { env: launcherEnv(dir, '/usr/bin/zsh'), os: 'linux' });
    assert.equal(result.kind === 'resolved' ? result.env['HTTPS_PROXY'] : result, 'http://proxy.example:3128');
  });

  test('fish: set -gx in config.fish', { skip: shellSkip('/usr/bin/fish') }, async () => {
    const dir = await home({ '.config/fish/config.fish': 'set -gx NODE_EXTRA_CA_CERTS /etc/ssl/corp.pem\n' });
    const result = await readLoginShellEnv(runner, { env: launcherEnv(dir, '/usr/bin/fish'), os: 'linux' });
    assert.equal(result.kind === 'resolved' ? result.env['NODE_EXTRA_CA_CERTS'] : result, '/etc/ssl/corp.pem');
  });

  test('an rc file that hangs ends as failed within the timeout', { skip: shellSkip('/bin/bash') }, async () => {
    const dir = await home({ '.bash_profile': 'sleep 30\n' });
    const started = Date.now();
    const result = await readLoginShellEnv(runner, { env: launcherEnv(dir, '/bin/bash'), os: 'linux', timeoutMs: 500 });
    assert.equal(result.kind, 'failed');
    assert.match(result.kind === 'failed' ? result.reason : '', /did not finish starting within 500 ms/);
    assert.ok(Date.now() - started < 4000);
  });

  test('an rc file that exits early is a failure that says how', { skip: shellSkip('/bin/bash') }, async () => {
    const dir = await home({ '.bash_profile': 'echo "broken rc" >&2; exit 4\n' });
    const result = await readLoginShellEnv(runner, { env: launcherEnv(dir, '/bin/bash'), os: 'linux' });
    assert.deepEqual(result.kind === 'failed' ? /exited with code 4 .*broken rc/.test(result.reason) : result, true);
  });

  test('a missing shell, or one it cannot speak, is a failure; Windows does not apply', async () => {
    const missing = await readLoginShellEnv(runner, { env: { SHELL: '/nonexistent/zsh' }, os: 'linux' });
    assert.match(missing.kind === 'failed' ? missing.reason : '', /could not be started/);
    const odd = await readLoginShellEnv(runner, { env: { SHELL: '/usr/bin/python3' }, os: 'linux' });
    assert.match(odd.kind === 'failed' ? odd.reason : '', /not a shell the doctor knows/);
    assert.equal((await readLoginShellEnv(runner, { env: {}, os: 'win32' })).kind, 'not-applicable');
  });
});

describe('pure pieces', () => {
  test('userShell: $SHELL, then the account, then the OS default', () => {
    assert.equal(userShell({ SHELL: '/bin/fish' }, 'linux', '/bin/bash'), '/bin/fish');
    assert.equal(userShell({}, 'linux', '/bin/bash'), '/bin/bash');
    assert.equal(userShell({}, 'darwin', null), '/bin/zsh');
    assert.equal(userShell({ SHELL: ' ' }, 'linux', null), '/bin/sh');
  });

  test('parseEnvOutput reads NUL-separated and line output, keeps "=" inside values', () => {
    assert.deepEqual(parseEnvOutput('A=1\0B=x=y\0C=multi\nline\0_=/usr/bin/env\0'), { A: '1', B: 'x=y', C: 'multi\nline' });
    assert.deepEqual(parseEnvOutput('A=1\nB=2\nnot a variable\n'), { A: '1', B: '2' });
  });

  test('mergeShellEnv: the shell wins, the process keeps what only it has', () => {
    const merged = mergeShellEnv(
      { PATH: '/usr/bin', APP_ONLY: '1' },
      { kind: 'resolved', shell: '/bin/zsh', env: { PATH: '/home/u/.local/bin:/usr/bin' } },
    );
    assert.deepEqual(merged, { PATH: '/home/u/.local/bin:/usr/bin', APP_ONLY: '1' });
    assert.deepEqual(mergeShellEnv({ PATH: '/usr/bin' }, { kind: 'failed', shell: '/bin/zsh', reason: 'x' }), { PATH: '/usr/bin' });
  });
});
