import type { CheckResult, FixId, HealthReport, LoginFacts, ReportContext, Status } from '../../shared/report.js';
import { formatRemaining } from '../../shared/durations.js';
import { isExpiredForClaudeCode, LOGIN_END_WINDOW_MS, loginDeadline } from '../claude-code/token-expiry.js';
import { buildReport } from '../diagnosis/build-report.js';
import type { ShellFacts } from './probe-script.js';

/**
 * A host's report from the POSIX-shell probe alone (no doctor, no usable node there): the stored
 * login, its times, the keychain on macOS and the `claude` install. Local facts only: nothing on
 * the host was asked about the network or the token's validity with Anthropic.
 */
function check(
  id: CheckResult['id'],
  title: string,
  status: Status,
  summary: string,
  cause: string | null,
  fixes: FixId[],
  facts: CheckResult['facts'],
): CheckResult {
  return { id, status, title, summary, cause, fixes, durationMs: 0, evidence: { source: 'shell probe over ssh' }, facts };
}

const count = (facts: ShellFacts, key: string): number => Number(facts[key] ?? '0');
const time = (facts: ShellFacts, key: string): number | null => (facts[key] ? Number(facts[key]) : null);

function credentialsCheck(facts: ShellFacts, darwin: boolean): CheckResult {
  const locked = darwin && facts['keychain_item_exit'] === '36';
  const store = facts['store'] === 'keychain' ? 'keychain' : facts['store'] === 'file' ? 'file' : 'none';
  const hasAccessToken = count(facts, 'access_token') > 0;
  const hasRefreshToken = count(facts, 'refresh_token') > 0;
  const ended = count(facts, 'login_ended') > 0 ? ('time-limit' as const) : null;
  const deadline = loginDeadline(
    { refreshToken: hasRefreshToken, refreshTokenExpiresAt: time(facts, 'refresh_expires_at'), expiresAt: time(facts, 'expires_at') },
    true,
  );
  const problems: string[] = [];
  if (facts['file_unreadable']) problems.push('unreadable');
  if (store !== 'none' && !hasAccessToken) problems.push('emptied');
  const mode = facts['file_mode'];
  if (mode && (parseInt(mode, 8) & 0o077) !== 0) problems.push('mode-too-wide');
  const login: LoginFacts = {
    store,
    keychainLocked: locked,
    hasAccessToken,
    hasRefreshToken,
    problems,
    endsAt: deadline ? new Date(deadline.endsAt).toISOString() : null,
    ended,
    // The shell probe reads no ~/.claude.json: the account and plan stay unknown.
    account: null,
    subscription: null,
  };
  const title = 'Stored login';
  if (locked)
    return check(
      'auth.credentials',
      title,
      'fail',
      'The login keychain is locked',
      'Claude Code cannot read its login over SSH until the keychain is unlocked (security unlock-keychain).',
      ['unlock-keychain'],
      { login },
    );
  if (store === 'none')
    return check(
      'auth.credentials',
      title,
      'fail',
      'No Claude Code login on this host',
      'Neither the keychain nor ~/.claude/.credentials.json holds a login.',
      ['reauthenticate', 'use-oauth-token'],
      { login },
    );
  if (problems.includes('unreadable') || !hasAccessToken)
    return check(
      'auth.credentials',
      title,
      'fail',
      ended ? 'The login reached its time limit' : 'The stored login is empty or unreadable',
      'Sign in again on the host.',
      ['reauthenticate'],
      { login },
    );
  if (problems.includes('mode-too-wide'))
    return check(
      'auth.credentials',
      title,
      'warn',
      `The credentials file is mode ${mode}; others can read it`,
      'It should be 0600 (chmod 600 ~/.claude/.credentials.json on the host).',
      ['reset-credentials'],
      { login },
    );
  return check('auth.credentials', title, 'ok', `Login stored in the ${store === 'keychain' ? 'keychain' : 'credentials file'}`, null, [], {
    login,
  });
}

function tokenCheck(facts: ShellFacts, login: LoginFacts, now: number): CheckResult {
  const expiresAt = time(facts, 'expires_at');
  const token = {
    kind: 'subscription' as const,
    expiresAt: expiresAt ? new Date(expiresAt).toISOString() : null,
    hasRefreshToken: login.hasRefreshToken,
  };
  const title = 'Token';
  if (!login.hasAccessToken) return check('auth.token', title, 'skip', 'No token to check', null, [], {});
  const endsAt = login.endsAt ? Date.parse(login.endsAt) : null;
  if (endsAt !== null && endsAt <= now)
    return check(
      'auth.token',
      title,
      'fail',
      'The login reached its time limit',
      'Only signing in again helps: claude-auth-doctor remote login <name>.',
      ['reauthenticate'],
      { token },
    );
  if (expiresAt !== null && isExpiredForClaudeCode(expiresAt, now) && !login.hasRefreshToken)
    return check(
      'auth.token',
      title,
      'fail',
      'The token has expired and cannot be renewed',
      'There is no refresh token; sign in again on the host.',
      ['reauthenticate'],
      { token },
    );
  if (endsAt !== null && endsAt - now <= LOGIN_END_WINDOW_MS)
    return check(
      'auth.token',
      title,
      'warn',
      `Login ends in ${formatRemaining(endsAt - now)}`,
      'Sign in again on the host before then.',
      ['reauthenticate'],
      { token },
    );
  const summary = endsAt !== null ? `Login ends in ${formatRemaining(endsAt - now)}` : 'Token stored (checked locally only)';
  return check('auth.token', title, 'ok', summary, null, [], { token });
}

function installCheck(facts: ShellFacts): CheckResult {
  const version = facts['claude_version']?.replace(/\s*\(Claude Code\)\s*$/, '') ?? null;
  const claude = { version, method: null, path: facts['claude_path'] ?? null, installs: [], processes: null };
  if (!facts['claude_path'])
    return check(
      'cli.install',
      'Claude Code CLI',
      'fail',
      'claude is not on the PATH of a non-interactive ssh shell',
      null,
      ['update-claude-code'],
      { claude },
    );
  return check(
    'cli.install',
    'Claude Code CLI',
    version ? 'ok' : 'warn',
    version ? `claude ${version}` : 'claude did not say its version',
    null,
    version ? [] : ['update-claude-code'],
    { claude },
  );
}

function keychainCheck(facts: ShellFacts): CheckResult {
  const exit = facts['keychain_exit'];
  const state = exit === '0' ? 'unlocked' : exit === '36' ? 'locked' : 'error';
  if (state === 'locked')
    return check(
      'keychain',
      'Keychain',
      'fail',
      'The login keychain is locked',
      'Over SSH run: security unlock-keychain ~/Library/Keychains/login.keychain-db',
      ['unlock-keychain'],
      { keychain: { state } },
    );
  return check(
    'keychain',
    'Keychain',
    state === 'unlocked' ? 'ok' : 'unknown',
    state === 'unlocked' ? 'Unlocked' : 'Could not tell',
    null,
    [],
    { keychain: { state } },
  );
}

/** The report of a host the shell probe answered for. */
export function shellReport(facts: ShellFacts, input: { readonly now: number; readonly version: string }): HealthReport {
  const darwin = facts['os'] === 'Darwin';
  const credentials = credentialsCheck(facts, darwin);
  const login = credentials.facts.login as LoginFacts;
  const checks = [credentials, tokenCheck(facts, login, input.now), installCheck(facts)];
  if (darwin) checks.push(keychainCheck(facts));
  const context: ReportContext = {
    os: darwin ? 'darwin' : 'linux',
    osRelease: facts['os'] ?? 'unknown',
    arch: 'unknown',
    nodeVersion: 'none',
    session: 'ssh',
    ssh: true,
    display: false,
    wsl: false,
    container: false,
    offline: true,
    configDir: '~/.claude',
  };
  return buildReport({ checks, context, version: input.version, now: input.now });
}
