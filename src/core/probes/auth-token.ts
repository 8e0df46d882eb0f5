import type { EvidenceValue, FixId } from '../../shared/report.js';
import { deadlineStage, isExpiredForClaudeCode, loginDeadline, type LoginDeadline } from '../claude-code/token-expiry.js';
import { providerRemedy } from '../claude-code/providers.js';
import { formatRemaining } from '../io/time.js';
import { localTime } from '../../shared/durations.js';
import { resolveEndpoints } from '../network/endpoints.js';
import type { CredentialSnapshot } from '../claude-code/stored-login.js';
import { loadAuthFacts, tokenFacts, type AuthFacts } from './auth-facts.js';
import type { CheckOutcome, Probe, ProbeInput } from './probe.js';
import { askServer, policyRefusal, type Online } from './token-online.js';

type Evidence = Record<string, EvidenceValue>;

/** Why a stored login with an expired access token cannot be renewed by Claude Code; null when it can. */
function cannotRefresh(snapshot: CredentialSnapshot, firstParty: boolean, stage: ReturnType<typeof deadlineStage> | null): string | null {
  const oauth = snapshot.oauth;
  if (!oauth?.refreshToken) return 'the stored login has no refresh token';
  if (!oauth.scopes.includes('user:inference') && !oauth.subscriptionType)
    return 'the login has neither the user:inference scope nor a subscription, which Claude Code needs to refresh it';
  if (!firstParty) return 'Claude Code refreshes a claude.ai login only for the Anthropic API';
  if (stage === 'ended') return 'the login reached its time limit, so the refresh will be refused';
  if (snapshot.problems.some((p) => p.code === 'disk-full' || p.code === 'config-unwritable'))
    return 'Claude Code cannot write its refresh lock or the new tokens (see Stored login)';
  return null;
}

function deadlineLine(deadline: LoginDeadline | null, now: number): string {
  return deadline && deadline.endsAt > now ? `login ends in ${formatRemaining(deadline.endsAt - now)}` : '';
}

/** The login's time limit on its own: warn inside the last 3 days, fail after it. */
function deadlineVerdict(deadline: LoginDeadline, now: number, evidence: Evidence): CheckOutcome | null {
  const stage = deadlineStage(deadline, now);
  const window = `between ${localTime(deadline.earliest, now)} and ${localTime(deadline.endsAt, now)}`;
  if (stage === 'ended') {
    return {
      status: 'fail',
      summary: `Login reached its time limit ${formatRemaining(now - deadline.endsAt)} ago`,
      cause: `This sign-in may have ended ${window}: its refresh token has a fixed time limit that renewing never moves, so Claude Code will say "Login reached its time limit · Please run /login" once the access token runs out. Sign in again with \`claude auth login\`; for unattended jobs use \`claude setup-token\` and CLAUDE_CODE_OAUTH_TOKEN.`,
      fixes: ['reauthenticate', 'use-oauth-token'],
      evidence,
    };
  }
  if (stage === 'ending') {
    return {
      status: 'warn',
      summary: `Login ends in ${formatRemaining(deadline.endsAt - now)}`,
      cause: `This sign-in can end at any time from now until ${localTime(deadline.endsAt, now)} (Claude Code warns: "Your login expires in ${Math.ceil((deadline.endsAt - now) / 86_400_000)} day(s)"); renewing it does not move that date. Sign in again with \`claude auth login\` before then; for unattended jobs use \`claude setup-token\`.`,
      fixes: ['reauthenticate', 'use-oauth-token'],
      evidence,
    };
  }
  return null;
}

function emptiedOutcome(snapshot: CredentialSnapshot, evidence: Evidence): CheckOutcome {
  const timeLimit = snapshot.oauth?.loginEnded === 'time_limit';
  return {
    status: 'fail',
    summary: timeLimit ? 'Login reached its time limit' : 'No usable access token: a refresh was refused',
    cause: timeLimit
      ? 'Claude Code emptied the stored tokens and marked the login "time_limit": the refresh token reached its fixed end. Sign in again with `claude auth login`; for unattended jobs use `claude setup-token`.'
      : 'Claude Code emptied the stored tokens after Anthropic refused a refresh (invalid_grant). Refresh tokens are single-use: most often another Claude Code process (another terminal, tmux pane, CI job or machine sharing this login) used it first; otherwise the login was revoked. Sign in again with `claude auth login`; give background jobs their own `claude setup-token` token.',
    fixes: timeLimit ? ['reauthenticate'] : ['reauthenticate', 'use-oauth-token'],
    evidence,
  };
}

/** Whether this run may ask the server: not offline, and not right after wake before the network is back. */
function mayAsk(ctx: ProbeInput): string | null {
  if (ctx.options.offline) return 'offline';
  if (ctx.options.tokenOnline === false) return 'waiting for the network after wake';
  return null;
}

function rejected(
  online: Extract<Online, { kind: 'rejected' }>,
  facts: AuthFacts,
  what: string,
  fixes: readonly FixId[],
  all: Evidence,
): CheckOutcome {
  const policy = policyRefusal(
    online.reason,
    online.errorType,
    facts.snapshot.oauth?.subscriptionType ?? null,
    facts.method.checkAs ?? 'oauth',
  );
  if (policy) return { status: 'fail', summary: policy.summary, cause: policy.cause, fixes: policy.fixes, evidence: all };
  return {
    status: 'fail',
    summary: `Anthropic rejected the ${what} (HTTP ${online.status})`,
    cause: `Anthropic rejected the ${what} (HTTP ${online.status}): ${online.reason}.`,
    fixes,
    evidence: all,
  };
}

async function checkSubscription(ctx: ProbeInput, facts: AuthFacts, evidence: Evidence): Promise<CheckOutcome> {
  const { snapshot, method } = facts;
  const oauth = snapshot.oauth;
  const now = ctx.clock.now();
  const firstParty = method.provider.kind === 'firstParty';
  const deadline = loginDeadline(oauth, firstParty);
  const local: Evidence = {
    ...evidence,
    expiresAt: oauth?.expiresAt ? new Date(oauth.expiresAt).toISOString() : null,
    loginEndsAt: deadline ? new Date(deadline.endsAt).toISOString() : null,
    refreshToken: oauth?.refreshToken?.fingerprint ?? null,
  };
  if (snapshot.problems.some((p) => p.code === 'emptied')) return emptiedOutcome(snapshot, local);
  if (!oauth || !method.credential) {
    return {
      status: 'fail',
      summary: 'No usable access token',
      cause: 'The stored login holds no access token. Sign in again with `claude auth login`.',
      fixes: ['reauthenticate'],
      evidence: local,
    };
  }
  const ending = deadline ? deadlineVerdict(deadline, now, local) : null;
  if (ending?.status === 'fail') return ending;
  const stage = deadline ? deadlineStage(deadline, now) : null;
  const expiresAt = oauth.expiresAt;
  const until = deadlineLine(deadline, now);
  if (expiresAt !== null && isExpiredForClaudeCode(expiresAt, now)) {
    const when =
      expiresAt <= now
        ? `expired ${formatRemaining(now - expiresAt)} ago`
        : `expires in ${formatRemaining(expiresAt - now)}, within Claude Code's 5-minute margin`;
    const at = expiresAt <= now ? ` (${localTime(expiresAt, now)})` : '';
    const blocked = cannotRefresh(snapshot, firstParty, stage);
    if (!blocked) {
      return (
        ending ?? {
          status: 'ok',
          summary: `Access token ${when}; Claude Code renews it on its next request${until ? ` (${until})` : ''}`,
          cause: null,
          evidence: { ...local, onlineCheck: 'not needed' },
        }
      );
    }
    return {
      status: 'fail',
      summary: `Access token ${when}${oauth.refreshToken ? '' : '; no refresh token'}`,
      cause: `The access token ${when}${at} and Claude Code cannot renew it: ${blocked}. Sign in again with \`claude auth login\`.`,
      fixes: ['reauthenticate'],
      evidence: local,
    };
  }
  const remaining = expiresAt !== null ? formatRemaining(expiresAt - now) : null;
  const line = [remaining ? `Token valid for ${remaining}` : 'Token has no stored expiry', until].filter(Boolean).join('; ');
  const skip = mayAsk(ctx);
  if (skip)
    return (
      ending ?? {
        status: remaining ? 'ok' : 'unknown',
        summary: `${line} (not checked online: ${skip})`,
        cause: null,
        evidence: { ...local, onlineCheck: skip },
      }
    );
  const online = await askServer(ctx, method.credential, 'oauth', ctx.endpoints.anthropic);
  const all = { ...local, ...online.evidence };
  switch (online.kind) {
    case 'accepted':
      return ending
        ? { ...ending, evidence: all }
        : { status: 'ok', summary: `${line} (checked with Anthropic)${online.note}`, cause: null, evidence: all };
    case 'rejected': {
      const outcome = rejected(online, facts, 'access token', ['reauthenticate', 'reset-credentials'], all);
      if (outcome.fixes?.includes('reauthenticate') !== true) return outcome;
      const should = remaining ? ` Its stored expiry says it is good for ${remaining} more, so it was revoked or its session ended.` : '';
      return { ...outcome, cause: `${outcome.cause ?? ''}${should} Sign in again with \`claude auth login\`.` };
    }
    case 'inconclusive':
      return { status: 'unknown', summary: `${line} (${online.why}, not confirmed)`, cause: online.cause, evidence: all };
  }
}

const REJECTED_FIXES: Readonly<Record<string, readonly FixId[]>> = {
  'api-key': ['use-api-key', 'unset-conflicting-env'],
  'auth-token': ['unset-conflicting-env', 'contact-admin'],
  'oauth-token-env': ['use-oauth-token', 'unset-conflicting-env'],
};

async function checkFromSource(ctx: ProbeInput, facts: AuthFacts, evidence: Evidence): Promise<CheckOutcome> {
  const { method, view } = facts;
  const credential = method.credential;
  const noun = method.checkAs === 'api-key' ? 'API key' : 'token';
  if (!credential || !method.checkAs)
    return { status: 'skip', summary: `Not checked: the doctor cannot read the ${noun} from ${method.source}`, cause: null, evidence };
  if (method.warnings.some((w) => w.level === 'fail'))
    return { status: 'skip', summary: `Not checked: Claude Code refuses to send it (see Sign-in method)`, cause: null, evidence };
  const skip = mayAsk(ctx);
  if (skip)
    return {
      status: 'skip',
      summary: `${noun} from ${method.source} not checked (${skip})`,
      cause: null,
      evidence: { ...evidence, onlineCheck: skip },
    };
  const base = view.text('ANTHROPIC_BASE_URL') ?? undefined;
  const endpoint = method.checkAs === 'oauth' ? ctx.endpoints.anthropic : resolveEndpoints({ ...ctx.env, ANTHROPIC_BASE_URL: base }).api;
  const online = await askServer(ctx, credential, method.checkAs, endpoint);
  const all = { ...evidence, ...online.evidence };
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  switch (online.kind) {
    case 'accepted':
      return {
        status: 'ok',
        summary: `${Noun} from ${method.source} accepted${endpoint.override === 'ANTHROPIC_BASE_URL' ? ` by ${endpoint.host ?? 'the gateway'}` : ' by Anthropic'}${online.note}`,
        cause: null,
        evidence: all,
      };
    case 'rejected': {
      const consoleKey = method.interactive.sends.xApiKey?.source === 'console-login' && method.primary === 'interactive';
      const fixes: readonly FixId[] = consoleKey ? ['reauthenticate'] : (REJECTED_FIXES[method.method] ?? []);
      const outcome = rejected(online, facts, `${noun} from ${method.source}`, fixes, all);
      if (outcome.fixes !== fixes) return outcome;
      const renew =
        method.method === 'oauth-token-env'
          ? ' Create a new one with `claude setup-token`, or unset it.'
          : consoleKey
            ? ' Sign in again with `claude auth login`.'
            : ' Replace it, or unset it.';
      return {
        ...outcome,
        summary: method.checkAs === 'api-key' ? 'Invalid API key' : outcome.summary,
        cause: `${outcome.cause ?? ''}${renew}`,
      };
    }
    case 'inconclusive':
      return { status: 'unknown', summary: `${Noun} not confirmed (${online.why})`, cause: online.cause, evidence: all };
  }
}

async function decide(ctx: ProbeInput, facts: AuthFacts): Promise<CheckOutcome> {
  const { method } = facts;
  const evidence: Evidence = { method: method.method, source: method.source, token: method.credential?.fingerprint ?? null };
  if (method.provider.method) {
    return {
      status: 'skip',
      summary: `Not checked: ${method.provider.label} uses that provider's own credentials`,
      cause: `Claude Code talks to ${method.provider.label}, not to Anthropic's sign-in. When it fails to authenticate, ${providerRemedy(method.provider.kind)}; signing in to Claude again does not help.`,
      evidence,
    };
  }
  switch (method.method) {
    case 'none':
      return { status: 'skip', summary: 'No token in effect (see Sign-in method)', cause: null, evidence };
    case 'api-key-helper': {
      const helper = facts.layers.layers.find((l) => l.apiKeyHelper);
      return {
        status: 'skip',
        summary: 'Not checked: the doctor does not run your apiKeyHelper',
        cause: `Claude Code gets its key by running the apiKeyHelper command in ${helper?.shown ?? 'its settings'}. That is a shell command, so the doctor does not run it; run it yourself to see that it prints a key.`,
        evidence,
      };
    }
    case 'subscription':
      return checkSubscription(ctx, facts, evidence);
    default:
      return checkFromSource(ctx, facts, evidence);
  }
}

export const authTokenProbe: Probe = {
  id: 'auth.token',
  title: 'Token',
  touches:
    'Reads the stored expiry; then one GET with the current credential: an OAuth token on https://api.anthropic.com/api/oauth/profile (as Claude Code asks it, 10 s), an API key or gateway token on /v1/models. Never refreshes; skipped offline and right after wake until the network is back.',
  offline: 'run',
  async run(ctx: ProbeInput): Promise<CheckOutcome> {
    const facts = await loadAuthFacts(ctx);
    return { ...(await decide(ctx, facts)), facts: tokenFacts(facts) };
  },
};
