import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileSystem } from '../../../src/core/io/fs.js';
import { createCommandRunner } from '../../../src/core/io/runner.js';
import { locateVariables, logicalLines, setsVariable } from '../../../src/core/platform/variable-origins.js';
import { replayRunner } from './recorded.js';

describe('setsVariable: the forms that put a variable in the environment', () => {
  const yes = [
    'export ANTHROPIC_API_KEY=sk-ant-FAKE',
    '  export ANTHROPIC_API_KEY="sk-ant-FAKE"  # work key',
    'export A=1 ANTHROPIC_API_KEY=2 B=3',
    'export ANTHROPIC_API_KEY',
    'ANTHROPIC_API_KEY=FAKE',
    'declare -x ANTHROPIC_API_KEY=FAKE',
    'typeset -gx ANTHROPIC_API_KEY=FAKE',
    'cd ~ && export ANTHROPIC_API_KEY=FAKE',
    'true; export ANTHROPIC_API_KEY=FAKE',
    'set -gx ANTHROPIC_API_KEY FAKE',
    'set -Ux ANTHROPIC_API_KEY FAKE',
    'set --global --export ANTHROPIC_API_KEY FAKE',
    'setenv ANTHROPIC_API_KEY FAKE',
    'launchctl setenv ANTHROPIC_API_KEY FAKE',
    '/bin/launchctl setenv ANTHROPIC_API_KEY FAKE',
  ];
  const no = [
    '# export ANTHROPIC_API_KEY=FAKE',
    'export ANTHROPIC_API_KEY_OLD=FAKE',
    'export MY_ANTHROPIC_API_KEY=FAKE',
    'echo ANTHROPIC_API_KEY=FAKE',
    'export NOTE="ANTHROPIC_API_KEY=FAKE"',
    "export NOTE='x ANTHROPIC_API_KEY=FAKE'",
    'set -g ANTHROPIC_API_KEY FAKE',
    'unset ANTHROPIC_API_KEY',
    'set -e ANTHROPIC_API_KEY',
    '',
  ];
  for (const line of yes) test(`sets: ${line}`, () => assert.equal(setsVariable(line, 'ANTHROPIC_API_KEY'), true));
  for (const line of no) test(`does not set: ${JSON.stringify(line)}`, () => assert.equal(setsVariable(line, 'ANTHROPIC_API_KEY'), false));
});

describe('logicalLines', () => {
  test('a continued line keeps the number of its first line; CRLF is read', () => {
    assert.deepEqual(logicalLines('a=1\r\nexport \\\n  ANTHROPIC_API_KEY=x\nb=2'), [
      { text: 'a=1', line: 1 },
      { text: 'export   ANTHROPIC_API_KEY=x', line: 2 },
      { text: 'b=2', line: 4 },
    ]);
  });
  test('an escaped backslash at the end does not continue', () => {
    assert.deepEqual(logicalLines('x=a\\\\\ny=1').length, 2);
  });
});

async function home(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cad-origins-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

describe('locateVariables in a real home directory', () => {
  const names = ['ANTHROPIC_API_KEY', 'CLAUDE_CODE_OAUTH_TOKEN', 'ANTHROPIC_AUTH_TOKEN'];

  test('finds each file and line: zsh, bash, fish config, conf.d and universal variables', async () => {
    const dir = await home({
      '.zshrc': 'alias ll="ls -l"\n\nexport ANTHROPIC_API_KEY=sk-ant-FAKE\n',
      '.bashrc': '# export ANTHROPIC_API_KEY=old\nexport PATH=$PATH:~/bin \\\n  CLAUDE_CODE_OAUTH_TOKEN=FAKE\n',
      '.profile': 'ANTHROPIC_AUTH_TOKEN=FAKE; export ANTHROPIC_AUTH_TOKEN\n',
      '.config/fish/config.fish': 'set -gx ANTHROPIC_API_KEY FAKE\n',
      '.config/fish/conf.d/claude.fish': '\nset -x CLAUDE_CODE_OAUTH_TOKEN FAKE\n',
      '.config/fish/fish_variables':
        '# This file contains fish universal variable definitions.\nSETUVAR --export ANTHROPIC_AUTH_TOKEN:FAKE\nSETUVAR fish_greeting:hi\n',
    });
    try {
      const found = await locateVariables({ fs: createFileSystem(), runner: createCommandRunner(), homeDir: dir, os: 'linux' }, names);
      const mine = found.filter((f) => f.path.startsWith(dir)).map((f) => [f.name, f.path.slice(dir.length + 1), f.line, f.kind]);
      assert.deepEqual(mine, [
        ['ANTHROPIC_API_KEY', '.zshrc', 3, 'shell-rc'],
        ['ANTHROPIC_AUTH_TOKEN', '.profile', 1, 'shell-rc'],
        ['CLAUDE_CODE_OAUTH_TOKEN', '.bashrc', 2, 'shell-rc'],
        ['ANTHROPIC_API_KEY', '.config/fish/config.fish', 1, 'shell-rc'],
        ['CLAUDE_CODE_OAUTH_TOKEN', '.config/fish/conf.d/claude.fish', 2, 'shell-rc'],
        ['ANTHROPIC_AUTH_TOKEN', '.config/fish/fish_variables', 2, 'fish-universal'],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('zsh files come from ZDOTDIR when it is set', async () => {
    const dir = await home({ '.zshrc': 'export ANTHROPIC_API_KEY=home\n', 'zdot/.zshenv': 'export ANTHROPIC_API_KEY=zdot\n' });
    try {
      const found = await locateVariables(
        { fs: createFileSystem(), runner: createCommandRunner(), homeDir: dir, os: 'linux', zdotdir: join(dir, 'zdot') },
        ['ANTHROPIC_API_KEY'],
      );
      assert.deepEqual(
        found.filter((f) => f.path.startsWith(dir)).map((f) => f.path),
        [join(dir, 'zdot', '.zshenv')],
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('macOS: a LaunchAgent and a value only launchctl knows; no launchctl call for a name a file explains', async () => {
    const dir = await home({
      '.zshrc': 'export ANTHROPIC_API_KEY=FAKE\n',
      'Library/LaunchAgents/setenv.claude.plist':
        '<?xml version="1.0"?>\n<plist><dict>\n<key>ProgramArguments</key><array>\n<string>launchctl</string><string>setenv</string>\n<string>CLAUDE_CODE_OAUTH_TOKEN</string><string>FAKE</string>\n</array></dict></plist>\n',
    });
    try {
      const runner = replayRunner({ code: 0, stdout: 'FAKE-from-launchd\n', stderr: '' }, { code: 1, stdout: '', stderr: '' });
      const found = await locateVariables({ fs: createFileSystem(), runner, homeDir: dir, os: 'darwin' }, names);
      const mine = found.filter((f) => f.path.startsWith(dir) || f.path === 'launchctl').map((f) => [f.name, f.kind, f.line]);
      assert.deepEqual(mine, [
        ['ANTHROPIC_API_KEY', 'shell-rc', 1],
        ['CLAUDE_CODE_OAUTH_TOKEN', 'launch-agent', 5],
        ['ANTHROPIC_API_KEY', 'launchctl', 0],
      ]);
      // A shell file does not explain what GUI apps get, so ANTHROPIC_API_KEY is still asked; the
      // LaunchAgent explains CLAUDE_CODE_OAUTH_TOKEN, so it is not.
      assert.deepEqual(
        runner.calls.map((c) => [c.file, ...c.args]),
        [
          ['/bin/launchctl', 'getenv', 'ANTHROPIC_API_KEY'],
          ['/bin/launchctl', 'getenv', 'ANTHROPIC_AUTH_TOKEN'],
        ],
      );
      assert.ok(runner.calls.every((c) => c.options.timeoutMs > 0));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('Windows and an empty list read nothing', async () => {
    const runner = replayRunner();
    assert.deepEqual(await locateVariables({ fs: createFileSystem(), runner, homeDir: '/nonexistent', os: 'win32' }, names), []);
    assert.deepEqual(await locateVariables({ fs: createFileSystem(), runner, homeDir: '/nonexistent', os: 'darwin' }, []), []);
    assert.equal(runner.calls.length, 0);
  });
});
