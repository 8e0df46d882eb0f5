import type { Evidence, FixId } from '../../shared/report.js';
import type { CheckOutcome, Probe, ProbeInput } from './probe.js';
import type { CredentialSnapshot } from '../claude-code/stored-login.js';
import type { CredentialProblem, CredentialProblemCode } from '../claude-code/credentials-json.js';
import type { AuthMethod } from '../claude-code/precedence.js';
import { formatBytes } from '../claude-code/paths.js';
import { loadAuthFacts, loginFacts } from './auth-facts.js';

interface Verdict {
  readonly summary: string;
  readonly fixes: readonly FixId[];
}

/** Problems that leave Claude Code without a usable login, most telling first. */
const FAILS: ReadonlyMap<CredentialProblemCode, Verdict> = new Map<CredentialProblemCode, Verdict>([
  ['keychain-locked', { summary: 'Keychain locked: Claude Code cannot read its login', fixes: ['unlock-keychain'] }],
  ['disk-full', { summary: "The disk holding Claude Code's login is full", fixes: ['fix-config-dir'] }],
  ['config-unwritable', { summary: 'Claude Code cannot write to its config directory', fixes: ['fix-config-dir'] }],
  ['emptied', { summary: 'The stored tokens were emptied (a refresh was refused)', fixes: ['reauthenticate'] }],
  ['no-inference-scope', { summary: 'Stored login lacks the user:inference scope ("Not logged in")', fixes: ['reauthenticate'] }],
  ['keychain-overflow-unreadable', { summary: 'Part of the stored login cannot be read from the keychain', fixes: ['reauthenticate'] }],
  ['corrupt-json', { summary: 'Stored login is corrupt', fixes: ['reset-credentials', 'reauthenticate'] }],
  ['not-object', { summary: 'Stored login is corrupt', fixes: ['reset-credentials', 'reauthenticate'] }],
  ['wrong-type', { summary: 'Stored login is malformed', fixes: ['reset-credentials', 'reauthenticate'] }],
  ['too-large', { summary: 'Credentials file is far too large to be a login', fixes: ['reset-credentials', 'reauthenticate'] }],
  ['dangling-link', { summary: 'Credentials file is a broken link', fixes: ['reset-credentials', 'reauthenticate'] }],
  ['not-a-file', { summary: 'Credentials path is not a file', fixes: ['reset-credentials', 'reauthenticate'] }],
  ['unreadable', { summary: 'Credentials file cannot be read', fixes: ['reset-credentials', 'reauthenticate'] }],
  ['no-oauth', { summary: 'No stored login', fixes: ['reauthenticate'] }],
]);

const REAUTH_WARNINGS: ReadonlySet<CredentialProblemCode> = new Set(['expires-seconds', 'bom']);
const CONFIG_WARNINGS: ReadonlySet<CredentialProblemCode> = new Set(['config-dir-empty']);

/** The emptied-tokens verdict names why: the time limit, or a refused refresh (a race or a revoke). */
function emptiedVerdict(snapshot: CredentialSnapshot): Verdict {
  return snapshot.oauth?.loginEnded === 'time_limit'
    ? { summary: 'Login reached its time limit (the tokens were emptied)', fixes: ['reauthenticate'] }
    : { summary: 'The stored tokens were emptied: a refresh was refused (invalid_grant)', fixes: ['reauthenticate', 'use-oauth-token'] };
}

function octal(mode: number | null): string | null {
  return mode === null ? null : '0' + mode.toString(8).padStart(3, '0');
}

function where(snapshot: CredentialSnapshot): string {
  if (snapshot.source === 'keychain') return snapshot.fromOverflow ? 'macOS keychain (with its overflow item)' : 'macOS keychain';
  return snapshot.file.shown;
}

function evidenceOf(snapshot: CredentialSnapshot): Evidence {
  const oauth = snapshot.oauth;
  const expiresAt = oauth?.expiresAt ?? null;
  return {
    source: snapshot.source,
    keychain: snapshot.keychain,
    service: snapshot.keychain === 'n/a' ? null : snapshot.service,
    path: snapshot.file.path,
    fileState: snapshot.file.state,
    mode: octal(snapshot.file.mode),
    accessToken: oauth?.accessToken?.fingerprint ?? null,
    refreshToken: oauth?.refreshToken?.fingerprint ?? null,
    expiresAt: expiresAt !== null && expiresAt > 0 ? new Date(expiresAt).toISOString() : expiresAt,
    refreshTokenExpiresAt: oauth?.refreshTokenExpiresAt ? new Date(oauth.refreshTokenExpiresAt).toISOString() : null,
    loginEnded: oauth?.loginEnded ?? null,
    scopes: oauth ? [...oauth.scopes] : [],
    subscriptionType: oauth?.subscriptionType ?? null,
    problems: snapshot.problems.map((p) => p.code),
    accountEmail: snapshot.account.email,
    organization: snapshot.account.organization,
    claudeJson: snapshot.account.state,
    keychainAccount: snapshot.keychain === 'n/a' ? null : snapshot.keychainAccount,
    fromOverflow: snapshot.fromOverflow,
    storageDir: snapshot.storage.dir,
    freeSpace: snapshot.storage.freeBytes === null ? null : formatBytes(snapshot.storage.freeBytes),
    writable: snapshot.storage.writable,
  };
}

function messages(problems: readonly CredentialProblem[]): string {
  return problems.map((p) => p.message).join(' ');
}

/** The stored login Claude Code would use: present, readable, parseable, not emptied. */
function judge(snapshot: CredentialSnapshot): CheckOutcome {
  const evidence = evidenceOf(snapshot);
  const all = [...snapshot.problems, ...snapshot.account.problems];
  for (const [code, verdict] of FAILS) {
    if (snapshot.problems.some((p) => p.code === code)) {
      const chosen = code === 'emptied' ? emptiedVerdict(snapshot) : verdict;
      return { status: 'fail', summary: chosen.summary, cause: messages(all), fixes: chosen.fixes, evidence };
    }
  }
  if (snapshot.source === 'credential-manager') {
    return {
      status: 'unknown',
      summary: 'Login kept in Windows Credential Manager (not read by the doctor)',
      cause: messages(all),
      evidence,
    };
  }
  if (snapshot.source === 'none' || !snapshot.oauth) {
    const places =
      snapshot.keychain === 'n/a' ? snapshot.file.shown : `the macOS keychain (item "${snapshot.service}") or ${snapshot.file.shown}`;
    const cause = `Claude Code has no login stored in ${places}. Sign in with \`claude auth login\` (or /login inside Claude Code).`;
    return {
      status: 'fail',
      summary: 'No stored login',
      cause: [cause, messages(all)].filter(Boolean).join(' '),
      fixes: ['reauthenticate'],
      evidence,
    };
  }
  if (!snapshot.oauth.accessToken && !snapshot.oauth.refreshToken) {
    const cause = `The login in ${where(snapshot)} holds no access or refresh token. Sign in again with \`claude auth login\`.`;
    return { status: 'fail', summary: 'Stored login has no tokens', cause, fixes: ['reauthenticate'], evidence };
  }
  if (all.length > 0) {
    const fixes: FixId[] = [
      ...(all.some((p) => CONFIG_WARNINGS.has(p.code)) ? (['fix-config-dir'] as const) : []),
      ...(all.some((p) => REAUTH_WARNINGS.has(p.code)) ? (['reauthenticate'] as const) : []),
    ];
    return { status: 'warn', summary: `Login stored in ${where(snapshot)}, with problems`, cause: messages(all), fixes, evidence };
  }
  return { status: 'ok', summary: `Login stored in ${where(snapshot)}`, cause: null, evidence };
}

function decide(snapshot: CredentialSnapshot, method: AuthMethod): CheckOutcome {
  if (method.interactive.kind === 'subscription' || method.print.kind === 'subscription' || method.method === 'none')
    return judge(snapshot);
  // A file holding only MCP logins (no claudeAiOauth) is normal for someone on an API key.
  const problems = snapshot.source === 'none' ? [] : snapshot.problems.filter((p) => p.code !== 'no-oauth');
  if (problems.length > 0) {
    return {
      status: 'warn',
      summary: `Stored login has problems (not in use: ${method.label})`,
      cause: `${messages(problems)} Claude Code does not use the stored login now, but falls back to it once ${method.source} is gone.`,
      fixes: FAILS.get(problems[0]!.code)?.fixes ?? [],
      evidence: evidenceOf(snapshot),
    };
  }
  return { status: 'skip', summary: `Not used: ${method.label}`, cause: null, evidence: evidenceOf(snapshot) };
}

export const authCredentialsProbe: Probe = {
  id: 'auth.credentials',
  title: 'Stored login',
  touches:
    "Reads the credentials file, or on macOS the keychain item with `security find-generic-password` (Claude Code's own tool, so no prompt) and its overflow item; reads ~/.claude.json; asks the file system for free space and write access (writes nothing).",
  offline: 'run',
  async run(ctx: ProbeInput): Promise<CheckOutcome> {
    const facts = await loadAuthFacts(ctx);
    return { ...decide(facts.snapshot, facts.method), facts: loginFacts(facts) };
  },
};
