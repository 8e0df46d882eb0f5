import { displayPath } from '../../claude-code/paths.js';
import { isAllowedExternalUrl } from '../../../shared/external-links.js';
import { shellJoin } from '../shell-quote.js';
import type { FixTarget, InfoStep, LinkStep, RunStep, StepAction, UserActionStep } from '../types.js';

export function info(title: string, detail: string): InfoStep {
  return { kind: 'info', title, detail };
}

export function userAction(title: string, detail: string, copy: string | null = null): UserActionStep {
  return { kind: 'user-action', title, detail, copy };
}

/** Throws for a URL off the allowlist: a programming error, caught by the definitions' tests. */
export function link(title: string, url: string, detail = ''): LinkStep {
  if (!isAllowedExternalUrl(url)) throw new Error(`fix link not on the allowlist: ${url}`);
  return { kind: 'link', title, detail, url };
}

export function run(
  step: Omit<RunStep, 'kind' | 'input' | 'leaves'> & { readonly input?: RunStep['input']; readonly leaves?: RunStep['leaves'] },
): RunStep {
  return { kind: 'run', input: null, leaves: null, ...step };
}

/** One step of a change that is not a fix (the shell hook, the status line, a user service): backed up, undoable, safe unattended. */
export function changeStep(title: string, display: string, action: RunStep['action'], undo: string): RunStep {
  return run({ title, detail: '', display, automatable: true, changes: true, effects: [], undo, action });
}

export function shown(ctx: FixTarget, path: string): string {
  return displayPath(path, ctx.homeDir);
}

export function remote(ctx: FixTarget): boolean {
  return ctx.machine.session !== 'desktop';
}

/** How to run `claude <args>`: the binary a shell would find; npm's .cmd shim needs cmd.exe on Windows. */
export function claudeCommand(
  ctx: FixTarget,
  args: readonly string[],
  timeoutMs: number,
  backup: Extract<StepAction, { type: 'command' }>['backup'],
): { action: StepAction; display: string } | null {
  if (!ctx.claude) return null;
  const bin = ctx.claude.path;
  const viaShell = ctx.os === 'win32' && /\.(cmd|bat)$/i.test(bin);
  const file = viaShell ? (ctx.env['ComSpec'] ?? ctx.env['COMSPEC'] ?? 'cmd.exe') : bin;
  const argv = viaShell ? ['/d', '/c', bin, ...args] : [...args];
  return { action: { type: 'command', file, args: argv, timeoutMs, backup }, display: shellJoin(['claude', ...args], ctx.os) };
}

/** What a login backs up: the file, the account file, and on macOS the keychain item. */
export function loginBackupTargets(ctx: FixTarget): Extract<StepAction, { type: 'command' }>['backup'] {
  const targets: Extract<StepAction, { type: 'command' }>['backup'][number][] = [
    { kind: 'file', path: ctx.paths.credentialsFile, what: 'Claude Code login file' },
    { kind: 'file', path: ctx.paths.claudeJson, what: 'Claude Code account file' },
  ];
  if (ctx.os === 'darwin') {
    targets.push({
      kind: 'macos-keychain-item',
      service: ctx.paths.keychainService,
      account: ctx.user,
      what: 'Claude Code login in the macOS keychain',
    });
  }
  return targets;
}

const LOGIN_VARIANTS =
  "Use `claude auth login --console` instead to sign in with an Anthropic Console account (API billing), or `claude auth login --sso` to go through your company's single sign-on. " +
  'If Google sign-in finishes in the browser but the terminal never hears back, sign in with your email address instead. Inside Claude Code, /login does the same.';

/** Signing in again, as this session allows it: a browser here, or a code pasted from elsewhere. */
export function loginSteps(ctx: FixTarget): (InfoStep | UserActionStep)[] {
  const steps: (InfoStep | UserActionStep)[] = [];
  if (ctx.os === 'darwin' && ctx.machine.ssh) {
    steps.push(
      userAction(
        'Unlock the login keychain first',
        'Over SSH the macOS login keychain starts locked, and Claude Code cannot save a new login into it. This asks for your macOS password in the terminal; the doctor never sees it.',
        'security unlock-keychain ~/Library/Keychains/login.keychain-db',
      ),
    );
  }
  if (remote(ctx)) {
    steps.push(
      userAction(
        'Sign in with a pasted code',
        'Without a browser on this machine the sign-in page cannot call back to its localhost. Claude Code prints a URL: open it on any computer, sign in, and paste the code it shows into this terminal. Copy the whole code, including the # in the middle ("That doesn\'t look like the full code" means part of it was cut off). ' +
          LOGIN_VARIANTS,
        'claude auth login',
      ),
      info(
        'No way to paste a code?',
        'Run `claude setup-token` on a computer with a browser and set the token it prints as CLAUDE_CODE_OAUTH_TOKEN on this machine (see the fix "use-oauth-token"). It lasts a year and needs no keychain.',
      ),
    );
    return steps;
  }
  steps.push(
    userAction(
      'Sign in again',
      'Opens your browser; sign in with the account that has your Claude subscription, then come back here. The terminal waits as long as it takes; if the browser never returns to it (a VPN or firewall blocking localhost), paste the code the browser shows instead. ' +
        LOGIN_VARIANTS,
      'claude auth login',
    ),
  );
  return steps;
}
