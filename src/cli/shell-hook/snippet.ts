import { posix } from 'node:path';
import { shellJoin } from '../../core/fixes/shell-quote.js';
import type { Os } from '../../core/io/os.js';
import { RESOLVING_VARIABLE } from '../../core/platform/login-shell-env.js';

export const HOOK_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type HookShell = (typeof HOOK_SHELLS)[number];

/** `hook check` exits with this when it asks the shell to offer `security unlock-keychain`. */
export const OFFER_UNLOCK_EXIT = 10;

export function isHookShell(value: string | undefined): value is HookShell {
  return (HOOK_SHELLS as readonly (string | undefined)[]).includes(value);
}

/** fish reads `\\` and `\'` inside single quotes; everything else is literal there. */
function fishQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

function join(shell: HookShell, argv: readonly string[]): string {
  return shell === 'fish' ? argv.map(fishQuote).join(' ') : shellJoin(argv, 'linux');
}

/**
 * What `hook <shell>` prints for the shell's rc: on an interactive start only (`$-` has `i`; fish:
 * `status is-interactive`), and never inside the login shell the doctor itself starts to read the
 * user's environment, it runs the local checks by the doctor's absolute path, with stdin closed
 * and errors silenced. The doctor prints nothing when all is well; exit 10 asks for the unlock offer.
 * NODE_EXTRA_CA_CERTS is emptied for the check alone: Node 20 reads that file, and its own CA list
 * with it, as it starts (as long again as a bare Node start, docs/BENCHMARKS.md), and the check
 * never opens a connection. Set behind a TLS-inspecting proxy, it would double the hook's cost.
 * `hook check` takes no option here: arguments without one are read without Node's parseArgs,
 * whose first call alone costs ~0.7 ms (usage.ts). Snippets of older versions pass `--shell`,
 * which the check still accepts.
 */
export function hookSnippet(shell: HookShell, doctor: readonly string[]): string {
  const plain = `NODE_EXTRA_CA_CERTS= ${join(shell, [...doctor, 'hook', 'check'])} </dev/null 2>/dev/null`;
  // A check past its deadline ends by SIGKILL (end-now.ts). bash and fish say nothing of that at
  // start-up; zsh reports it ("zsh: killed …") unless job control is off, as inside this function.
  const check = shell === 'zsh' ? `() { setopt local_options no_monitor; ${plain}; }` : plain;
  if (shell === 'fish')
    return [
      '# claude-auth-doctor shell hook (fish): a line when Claude Code’s sign-in needs you; silent otherwise.',
      `if status is-interactive; and not set -q ${RESOLVING_VARIABLE}`,
      `    ${check}`,
      `    if test $status -eq ${OFFER_UNLOCK_EXIT}`,
      "        read -l -P 'Unlock the login keychain now? [y/N] ' _cad_answer",
      "        and string match -qi 'y*' -- $_cad_answer",
      '        and /usr/bin/security unlock-keychain',
      '    end',
      'end',
      '',
    ].join('\n');
  return [
    `# claude-auth-doctor shell hook (${shell}): a line when Claude Code’s sign-in needs you; silent otherwise.`,
    'case $- in',
    '  *i*)',
    `    if [ -z "\${${RESOLVING_VARIABLE}-}" ]; then`,
    `      ${check}`,
    `      if [ $? -eq ${OFFER_UNLOCK_EXIT} ]; then`,
    "        printf '%s' 'Unlock the login keychain now? [y/N] '",
    '        _cad_answer=',
    '        read -r -t 30 _cad_answer </dev/tty',
    '        case $_cad_answer in [yY]*) /usr/bin/security unlock-keychain ;; esac',
    '        unset _cad_answer',
    '      fi',
    '    fi',
    '    ;;',
    'esac',
    '',
  ].join('\n');
}

/**
 * The lines `hook install` puts in the rc file: the snippet itself, by absolute path, rather than
 * `eval "$(… hook <shell>)"`, which would start Node a second time on every interactive shell.
 * A non-interactive shell (scp, rsync, `ssh host cmd`) only evaluates the `$-` test.
 */
export function installLines(shell: HookShell, doctor: readonly string[]): string[] {
  return hookSnippet(shell, doctor).trimEnd().split('\n');
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The rc file an interactive shell of this kind reads: ~/.bashrc (macOS: ~/.bash_profile, as its
 * terminals and SSH start login shells), $ZDOTDIR/.zshrc, fish's config.fish.
 */
export function rcFileFor(shell: HookShell, env: Env, homeDir: string, os: Os): string {
  switch (shell) {
    case 'bash':
      return posix.join(homeDir, os === 'darwin' ? '.bash_profile' : '.bashrc');
    case 'zsh':
      return posix.join(env['ZDOTDIR']?.trim() || homeDir, '.zshrc');
    case 'fish': {
      const xdg = env['XDG_CONFIG_HOME']?.trim();
      return posix.join(xdg && xdg.startsWith('/') ? xdg : posix.join(homeDir, '.config'), 'fish', 'config.fish');
    }
  }
}
