import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { hookSnippet } from '../../src/cli/shell-hook/snippet.js';
import { runCli } from '../helpers/cli.js';
import { loginHome, type LoginHome } from '../helpers/login-home.js';

const run = promisify(execFile);
const DAY = 86_400_000;
const FROM_SOURCE = fileURLToPath(import.meta.url).endsWith('.ts');
const has = (bin: string): boolean => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;
const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];
const needs = (...bins: string[]) => {
  const missing = bins.filter((b) => !has(b));
  if (missing.length > 0) return { skip: `${missing.join(', ')} not installed` };
  // Run from source, every shell start would load TypeScript through tsx and pass the hook's 500 ms deadline.
  if (FROM_SOURCE)
    return { skip: 'the hook runs the compiled CLI within its deadline: npm run build, then node --test dist/test/cli/hook.test.js' };
  return {};
};

type Home = LoginHome;

const rcOf = (h: Home, shell: Shell): string =>
  shell === 'bash' ? join(h.home, '.bashrc') : shell === 'zsh' ? join(h.home, '.zshrc') : join(h.home, '.config', 'fish', 'config.fish');

async function install(h: Home, shell: Shell): Promise<void> {
  const done = await runCli(['hook', 'install', '--shell', shell], { env: h.env });
  assert.equal(done.code, 0, done.stdout + done.stderr);
}

const homes: string[] = [];
async function home(endsInMs: number, extra: Record<string, string> = {}): Promise<Home> {
  const h = await loginHome('cad-hook-', endsInMs, { TERM: 'xterm', ...extra });
  homes.push(h.home);
  return h;
}
after(async () => {
  for (const dir of homes) await rm(dir, { recursive: true, force: true });
});

describe('hook: the snippet', () => {
  for (const shell of SHELLS) {
    test(`hook ${shell} passes ${shell}'s own syntax check and calls the doctor by absolute path`, needs(shell), async () => {
      const h = await home(30 * DAY);
      const printed = await runCli(['hook', shell], { env: h.env });
      assert.equal(printed.code, 0, printed.stderr);
      // The hot commands' own file beside the bundled main.js: no ES module loader, no router on a shell start.
      assert.match(
        printed.stdout,
        new RegExp(
          `NODE_EXTRA_CA_CERTS= ${process.execPath.replace(/[/.]/g, '\\$&')} /\\S+/dist/cli/hot\\.cjs hook check </dev/null 2>/dev/null`,
        ),
      );
      assert.match(printed.stdout, /CLAUDE_AUTH_DOCTOR_RESOLVING_ENV/);
      assert.match(printed.stdout, shell === 'fish' ? /status is-interactive/ : /case \$- in/);
      const file = join(h.home, `snippet.${shell}`);
      await writeFile(file, printed.stdout);
      const check = shell === 'fish' ? ['--no-execute', file] : ['-n', file];
      await run(shell, check); // throws on a syntax error
    });
  }

  test('hook with an unknown shell is a usage error', async () => {
    const h = await home(30 * DAY);
    const wrong = await runCli(['hook', 'tcsh'], { env: h.env });
    assert.equal(wrong.code, 3);
    assert.match(wrong.stderr, /hook takes bash, zsh, fish, install, uninstall or check/);
  });
});

describe('hook check (what the snippet runs)', () => {
  test(
    'prints nothing for a healthy login, one line when the login ends within 3 days, with the setup-token path over SSH',
    needs(),
    async () => {
      const healthy = await home(30 * DAY);
      const quiet = await runCli(['hook', 'check', '--shell', 'bash'], { env: healthy.env });
      assert.deepEqual([quiet.code, quiet.stdout], [0, '']);
      const ending = await home(2 * DAY - 3600_000);
      const said = await runCli(['hook', 'check', '--shell', 'bash'], { env: ending.env });
      assert.equal(said.code, 0);
      assert.match(said.stdout, /^▲ Claude Code's login ends in 1 d 2\d h: sign in again \(claude, then \/login\)\.\n$/);
      const ssh = await runCli(['hook', 'check'], { env: { ...ending.env, SSH_CONNECTION: '192.0.2.1 50000 192.0.2.2 22' } });
      assert.match(ssh.stdout, /\n {2}For an always-on box, a one-year token: claude setup-token\n$/);
      assert.equal(ssh.stdout.split('\n').filter(Boolean).length, 2);
      assert.doesNotMatch(said.stdout + ssh.stdout, /CANARY/);
    },
  );

  test('a variable used instead of the login is named', needs(), async () => {
    const h = await home(30 * DAY, { ANTHROPIC_AUTH_TOKEN: 'FAKE-gateway-token-0123456789' });
    const said = await runCli(['hook', 'check'], { env: h.env });
    assert.match(said.stdout, /^▲ Claude Code is not using your subscription login\.\n {2}It uses ANTHROPIC_AUTH_TOKEN; /);
    assert.doesNotMatch(said.stdout, /FAKE/);
  });

  test('past its deadline it exits silently', needs(), async () => {
    const h = await home(2 * DAY);
    const late = await runCli(['hook', 'check', '--deadline', '1'], { env: h.env });
    assert.deepEqual([late.code, late.stdout, late.stderr], [0, '', '']);
  });
});

/** The pane's text once it shows `text` (a guard of 15 s against a session that never gets there). */
async function screenWith(tmux: (...args: string[]) => Promise<{ stdout: string }>, text: string, shell: string): Promise<string> {
  for (let i = 0; i < 150; i++) {
    const { stdout } = await tmux('capture-pane', '-p', '-t', '0', '-S', '-40');
    if (stdout.includes(text)) return stdout;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the ${shell} session never showed ${text}`);
}

/** A real terminal: tmux runs the shell interactively (its `$-` has `i`), as a user's terminal or SSH session would. */
async function inTmux(h: Home, shell: Shell, env: NodeJS.ProcessEnv, answer?: { prompt: string; keys: string }): Promise<string> {
  const sock = join(h.home, 'tmux.sock');
  const tmux = (...args: string[]) => run('tmux', ['-S', sock, '-f', '/dev/null', ...args], { env: { PATH: env['PATH'], TERM: 'xterm' } });
  const assignments = Object.entries(env).map(([k, v]) => `${k}=${v ?? ''}`);
  await tmux('new-session', '-d', '-x', '200', '-y', '40', 'env', '-i', ...assignments, shell, '-i');
  try {
    if (answer) {
      await screenWith(tmux, answer.prompt, shell);
      await tmux('send-keys', '-t', '0', answer.keys, 'Enter');
    }
    const ready = shell === 'fish' ? 'echo READY-(math 40 + 2)' : 'echo READY-$((40 + 2))';
    await tmux('send-keys', '-t', '0', ready, 'Enter');
    return await screenWith(tmux, 'READY-42', shell);
  } finally {
    await tmux('kill-server').catch(() => undefined);
  }
}

describe('hook install in real shells', () => {
  for (const shell of SHELLS) {
    test(`${shell}: an interactive start in tmux prints the line; a healthy one prints nothing`, needs(shell, 'tmux'), async () => {
      const ending = await home(2 * DAY, { SSH_CONNECTION: '192.0.2.1 50000 192.0.2.2 22' });
      await install(ending, shell);
      const screen = await inTmux(ending, shell, ending.env);
      assert.match(
        screen,
        /▲ Claude Code's login ends in 1 d 23 h: sign in again \(claude, then \/login\)\.\n {2}For an always-on box, a one-year token: claude setup-token/,
      );
      const healthy = await home(30 * DAY);
      await install(healthy, shell);
      const calm = await inTmux(healthy, shell, healthy.env);
      assert.doesNotMatch(calm, /Claude Code/);
      assert.match(calm, /READY-42/);
    });
  }

  test(
    'non-interactive shells (scp, rsync, ssh host cmd) print nothing and do not start the doctor',
    needs('bash', 'zsh', 'fish'),
    async () => {
      const h = await home(2 * DAY, { SSH_CONNECTION: '192.0.2.1 50000 192.0.2.2 22', SSH_CLIENT: '192.0.2.1 50000 22' });
      for (const shell of SHELLS) await install(h, shell);
      // bash over ssh reads ~/.bashrc even for `ssh host cmd` (Debian builds it so); sourcing it here is the same.
      const cases: [string, string[]][] = [
        ['bash', ['-c', '. ~/.bashrc; echo done']],
        ['zsh', ['-c', '. ~/.zshrc; echo done']],
        ['fish', ['-c', 'echo done']],
      ];
      for (const [shell, args] of cases) {
        const { stdout, stderr } = await run(shell, args, { env: h.env });
        assert.equal(stdout, 'done\n', `${shell} printed: ${stdout}`);
        assert.equal(stderr, '');
      }
    },
  );

  test('inside the login shell the doctor starts to read the environment, the hook stays silent', needs('bash'), async () => {
    const h = await home(2 * DAY);
    await install(h, 'bash');
    const loud = await run('bash', ['-i', '-c', 'echo done'], { env: h.env });
    assert.match(loud.stdout, /login ends in/);
    const quiet = await run('bash', ['-i', '-c', 'echo done'], { env: { ...h.env, CLAUDE_AUTH_DOCTOR_RESOLVING_ENV: '1' } });
    assert.equal(quiet.stdout, 'done\n');
  });

  test('install is backed up and idempotent; uninstall removes exactly its lines; undo puts the file back', needs('bash'), async () => {
    const h = await home(30 * DAY);
    const original = '# my bashrc\nalias ll="ls -l"\n';
    await writeFile(rcOf(h, 'bash'), original);
    await install(h, 'bash');
    const installed = await readFile(rcOf(h, 'bash'), 'utf8');
    assert.ok(installed.startsWith(original));
    // The snippet itself, between the markers: one Node start per interactive shell, not two.
    const snippet = (await runCli(['hook', 'bash'], { env: h.env })).stdout;
    assert.equal(installed, `${original}# >>> claude-auth-doctor hook >>>\n${snippet}# <<< claude-auth-doctor hook <<<\n`);
    const again = await runCli(['hook', 'install', '--shell', 'bash'], { env: h.env });
    assert.match(again.stdout, /already has it; nothing to change/);
    const removed = await runCli(['hook', 'uninstall'], { env: h.env });
    assert.equal(removed.code, 0, removed.stdout);
    assert.equal(await readFile(rcOf(h, 'bash'), 'utf8'), original);
    const undone = await runCli(['undo', '--yes'], { env: h.env });
    assert.equal(undone.code, 0, undone.stdout + undone.stderr);
    assert.equal(await readFile(rcOf(h, 'bash'), 'utf8'), installed);
    const none = await runCli(['hook', 'uninstall', '--shell', 'zsh'], { env: h.env });
    assert.match(none.stdout, /does not have it; nothing to change/);
  });

  test('a damaged block is left alone with a reason', needs('bash'), async () => {
    const h = await home(30 * DAY);
    const broken = '# >>> claude-auth-doctor hook >>>\necho half\n';
    await writeFile(rcOf(h, 'bash'), broken);
    const refused = await runCli(['hook', 'install', '--shell', 'bash'], { env: h.env });
    assert.equal(refused.code, 2);
    assert.match(refused.stdout, /do not pair up; edit them by hand/);
    assert.equal(await readFile(rcOf(h, 'bash'), 'utf8'), broken);
  });
});

/** The snippet in `shell`'s rc file, calling a stand-in doctor (a shell script) instead of the real one. */
async function standInInstalled(h: Home, shell: Shell, script: string): Promise<void> {
  const stub = join(h.home, 'doctor-stub');
  await writeFile(stub, script);
  await chmod(stub, 0o755);
  await mkdir(join(h.home, '.config', 'fish'), { recursive: true });
  await writeFile(rcOf(h, shell), hookSnippet(shell, [stub]));
}

describe('hook: the unlock offer (macOS over SSH, played here by a stand-in doctor)', () => {
  for (const shell of SHELLS) {
    test(`${shell}: exit 10 from the check makes the shell ask; "n" declines and the shell carries on`, needs(shell, 'tmux'), async () => {
      const h = await home(30 * DAY);
      // The check itself needs a Mac's keychain; the shell's side is what is tested: the stand-in says what the check would and exits 10.
      await standInInstalled(h, shell, "#!/bin/sh\necho '✗ The login keychain is locked: Claude Code cannot read its sign-in.'\nexit 10\n");
      const screen = await inTmux(h, shell, h.env, { prompt: 'Unlock the login keychain now? [y/N]', keys: 'n' });
      assert.match(screen, /✗ The login keychain is locked/);
      assert.match(screen, /Unlock the login keychain now\? \[y\/N\] n/);
      assert.doesNotMatch(screen, /security|No such file/);
    });
  }
});

describe('hook: a check stopped at its deadline (a read stuck in a hung network home) leaves nothing on the screen', () => {
  for (const shell of SHELLS) {
    test(`${shell}: a check that ends by SIGKILL (end-now.ts) is not reported by the shell`, needs(shell, 'tmux'), async () => {
      const h = await home(30 * DAY);
      // A stand-in doctor that ends as endNow ends the check.
      await standInInstalled(h, shell, '#!/bin/sh\nkill -KILL $$\n');
      const screen = await inTmux(h, shell, h.env);
      assert.doesNotMatch(screen, /kill|terminated/i);
    });
  }
});

describe('hook: the check starts without NODE_EXTRA_CA_CERTS (Node would read that file first; the check makes no connection)', () => {
  for (const shell of SHELLS) {
    test(`${shell}: the check sees it empty, the shell keeps it`, needs(shell), async () => {
      const h = await home(30 * DAY);
      // A stand-in doctor that prints what it was given; the shell then prints what it still has.
      const stub = join(h.home, 'doctor-stub');
      await writeFile(stub, '#!/bin/sh\nprintf \'check:[%s]\\n\' "${NODE_EXTRA_CA_CERTS-unset}"\n');
      await chmod(stub, 0o755);
      const rc = join(h.home, `snippet.${shell}`);
      await writeFile(rc, hookSnippet(shell, [stub]));
      const env = { ...h.env, NODE_EXTRA_CA_CERTS: '/etc/company-ca.pem' };
      const script =
        shell === 'fish' ? `source ${rc}; echo "shell:[$NODE_EXTRA_CA_CERTS]"` : `. ${rc}; echo "shell:[$NODE_EXTRA_CA_CERTS]"`;
      const { stdout } = await run(shell, ['-i', '-c', script], { env, cwd: h.home });
      assert.match(stdout, /^check:\[\]$/m);
      assert.match(stdout, /^shell:\[\/etc\/company-ca\.pem\]$/m);
    });
  }
});
