import type { EvidenceValue, FixId } from '../../shared/report.js';
import { isExpiredForClaudeCode } from '../claude-code/token-expiry.js';
import { formatRemaining } from '../io/time.js';
import type { AuthMethod } from '../claude-code/precedence.js';
import { maskEmail } from '../claude-code/claude-json.js';
import { callTimeoutMs } from './budget.js';
import type { CheckOutcome, Probe, ProbeInput } from './probe.js';
import { describeNetFailure } from '../io/net-failure.js';
import { proxyFromEnv } from '../network/proxy-env.js';
import { isCleartextRemote } from '../network/endpoints.js';
import { redactText, stripUrlCredentials, type Secret } from '../redact/redact.js';
import { redactCommandLine } from '../redact/command-line.js';
import { loadAuthFacts, tokenFacts } from './auth-method.js';

const MAX_BYTES = 256 * 1024;
const REASON_MAX = 200;

type Evidence = Record<string, EvidenceValue>;

/** What Anthropic said about a credential, or why it could not say. */
type Online =
  | { readonly kind: 'accepted'; readonly note: string; readonly evidence: Evidence }
  | { readonly kind: 'rejected'; readonly status: number; readonly reason: string; readonly evidence: Evidence }
  | { readonly kind: 'inconclusive'; readonly why: string; readonly cause: string; readonly evidence: Evidence };

function serverReason(body: string): string | null {
  try {
    const error = (JSON.parse(body) as { error?: { type?: unknown; message?: unknown } }).error;
    const parts = [error?.type, error?.message].filter((p): p is string => typeof p === 'string' && p !== '');
    return parts.length > 0 ? redactText(parts.join(': ')).slice(0, REASON_MAX) : null;
  } catch {
    return null;
  }
}

function profileEvidence(body: string): Evidence {
  try {
    const profile = JSON.parse(body) as { account?: { email?: unknown }; organization?: { organization_type?: unknown } };
    const email = profile.account?.email;
    const orgType = profile.organization?.organization_type;
    return {
      accountEmail: typeof email === 'string' ? maskEmail(email) : null,
      organizationType: typeof orgType === 'string' ? orgType : null,
    };
  } catch {
    return {};
  }
}

/** Asks the API whether it accepts the credential: the OAuth profile for tokens, the model list for keys. */
async function askAnthropic(ctx: ProbeInput, secret: Secret, kind: 'oauth' | 'api-key'): Promise<Online> {
  const api = ctx.endpoints.api;
  const variable = api.override ?? 'ANTHROPIC_BASE_URL';
  if (api.error || !api.url) {
    return {
      kind: 'inconclusive',
      why: `${variable} is not usable`,
      cause: api.error ?? `${variable} could not be read.`,
      evidence: { variable },
    };
  }
  const url = `${api.url}${kind === 'oauth' ? '/api/oauth/profile' : '/v1/models'}`;
  if (isCleartextRemote(api)) {
    return {
      kind: 'inconclusive',
      why: 'not sent over plain HTTP',
      cause: `${variable} is ${api.url}, plain HTTP to another machine: the doctor does not send your ${kind === 'oauth' ? 'token' : 'key'} there, where anyone on the way can read it. Claude Code would send it in the clear: use an https:// address (or unset ${variable}).`,
      evidence: { url, onlineCheck: 'not sent: plain http' },
    };
  }
  if (/[\r\n\0]/.test(secret.reveal())) {
    const cause =
      'The value holds a line break, which cannot be sent in an HTTP header; Claude Code fails the same way. Set it again without it (see Sign-in method).';
    return { kind: 'inconclusive', why: 'the value holds a line break', cause, evidence: { url, onlineCheck: 'not sent' } };
  }
  const headers: Record<string, string> =
    kind === 'oauth'
      ? { authorization: `Bearer ${secret.reveal()}`, 'anthropic-beta': 'oauth-2025-04-20', accept: 'application/json' }
      : { 'x-api-key': secret.reveal(), 'anthropic-version': '2023-06-01', accept: 'application/json' };
  const { proxy } = proxyFromEnv(ctx.env, url);
  const result = await ctx.http.request({ url, method: 'GET', headers, timeoutMs: callTimeoutMs(ctx), maxBytes: MAX_BYTES, proxy });
  const base: Evidence = { url, proxy: proxy ? stripUrlCredentials(proxy) : null, elapsedMs: Math.round(result.elapsedMs) };
  const target = api.host ?? url;

  if (result.kind === 'failure') {
    const evidence = { ...base, onlineCheck: `failure ${result.failure}`, code: result.code };
    const cause = `${describeNetFailure(result.failure, target)} The network checks say more about this connection.`;
    return { kind: 'inconclusive', why: `could not reach ${target}`, cause, evidence };
  }
  const evidence = { ...base, httpStatus: result.status, onlineCheck: `http ${result.status}` };
  const reason = serverReason(result.body);
  if (result.status === 200)
    return { kind: 'accepted', note: '', evidence: { ...evidence, ...(kind === 'oauth' ? profileEvidence(result.body) : {}) } };
  // A setup-token token may only run inference: the profile refuses it for scope, which proves it authenticated.
  if (kind === 'oauth' && result.status === 403 && reason && /scope/i.test(reason)) {
    return { kind: 'accepted', note: ' (it may not read the profile)', evidence: { ...evidence, serverReason: reason } };
  }
  if (result.status === 401 || result.status === 403) {
    return {
      kind: 'rejected',
      status: result.status,
      reason: reason ?? `HTTP ${result.status}`,
      evidence: { ...evidence, serverReason: reason },
    };
  }
  const busy =
    result.status === 429
      ? 'rate limited'
      : result.status === 529
        ? 'server busy'
        : result.status >= 500
          ? 'server error'
          : 'unexpected answer';
  const why = `${busy}: HTTP ${result.status}`;
  const hint = api.override ? ` ${variable} points at ${api.url}; check that it is an Anthropic-compatible API.` : '';
  const cause = `${url} answered HTTP ${result.status}${reason ? ` (${reason})` : ''}, which neither confirms nor rejects the credential.${result.status >= 429 ? ' Try again in a few minutes.' : hint}`;
  return { kind: 'inconclusive', why, cause, evidence: { ...evidence, serverReason: reason } };
}

function expiryEvidence(expiresAt: number | null, now: number): Evidence {
  if (expiresAt === null) return { expiresAt: null, expiresAtIso: null, expiresInMs: null };
  return { expiresAt, expiresAtIso: expiresAt > 0 ? new Date(expiresAt).toISOString() : null, expiresInMs: expiresAt - now };
}

async function checkSubscription(ctx: ProbeInput, method: AuthMethod, evidence: Evidence): Promise<CheckOutcome> {
  const { snapshot } = await loadAuthFacts(ctx);
  const oauth = snapshot.oauth;
  const now = ctx.clock.now();
  const local = { ...evidence, ...expiryEvidence(oauth?.expiresAt ?? null, now), refreshToken: oauth?.refreshToken?.fingerprint ?? null };
  const emptied = snapshot.problems.some((p) => p.code === 'emptied');
  if (!oauth || !method.credential || emptied) {
    const what = emptied
      ? 'The stored tokens were emptied (a refresh failed with invalid_grant)'
      : 'The stored login holds no access token';
    return {
      status: 'fail',
      summary: 'No usable access token',
      cause: `${what}. Sign in again with \`claude auth login\`.`,
      fixes: ['reauthenticate'],
      evidence: local,
    };
  }
  const expiresAt = oauth.expiresAt;
  let remaining: string | null = null;
  if (expiresAt !== null) {
    const at = `${new Date(expiresAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    if (isExpiredForClaudeCode(expiresAt, now)) {
      const when =
        expiresAt <= now
          ? `expired ${formatRemaining(now - expiresAt)} ago (${at})`
          : `expires in ${formatRemaining(expiresAt - now)}, within Claude Code's 5-minute margin (${at})`;
      if (oauth.refreshToken) {
        return {
          status: 'warn',
          summary: `Access token ${when}; Claude Code refreshes it on its next request`,
          cause: null,
          evidence: { ...local, onlineCheck: 'not needed' },
        };
      }
      const cause = `The access token ${when} and the stored login has no refresh token, so Claude Code cannot renew it. Sign in again with \`claude auth login\`.`;
      return { status: 'fail', summary: `Access token ${when}`, cause, fixes: ['reauthenticate'], evidence: local };
    }
    remaining = formatRemaining(expiresAt - now);
  }
  const localLine = remaining ? `Token valid for ${remaining}` : 'Token has no stored expiry';
  if (ctx.options.offline) {
    const status = remaining ? 'ok' : 'unknown';
    return { status, summary: `${localLine} (not checked online: offline)`, cause: null, evidence: { ...local, onlineCheck: 'offline' } };
  }
  const online = await askAnthropic(ctx, method.credential, 'oauth');
  const all = { ...local, ...online.evidence };
  switch (online.kind) {
    case 'accepted':
      return {
        status: 'ok',
        summary: `${remaining ? localLine : 'Token accepted'} (checked with Anthropic)${online.note}`,
        cause: null,
        evidence: all,
      };
    case 'rejected': {
      const should = remaining ? ` Its stored expiry says it is good for ${remaining} more, so it was revoked or its session ended.` : '';
      const cause = `Anthropic rejected the access token (HTTP ${online.status}): ${online.reason}.${should} Sign in again with \`claude auth login\`.`;
      return {
        status: 'fail',
        summary: `Anthropic rejected the access token (HTTP ${online.status})`,
        cause,
        fixes: ['reauthenticate', 'reset-credentials'],
        evidence: all,
      };
    }
    case 'inconclusive':
      return { status: 'unknown', summary: `${localLine} (${online.why}, not confirmed)`, cause: online.cause, evidence: all };
  }
}

const REJECTED_FIXES: Readonly<Record<string, readonly FixId[]>> = {
  'api-key': ['use-api-key', 'unset-conflicting-env'],
  'auth-token': ['unset-conflicting-env'],
  'oauth-token-env': ['use-oauth-token', 'unset-conflicting-env'],
};

async function checkFromSource(ctx: ProbeInput, method: AuthMethod, evidence: Evidence): Promise<CheckOutcome> {
  const credential = method.credential;
  const noun = method.method === 'api-key' ? 'API key' : 'Token';
  if (!credential) return { status: 'unknown', summary: `No ${noun.toLowerCase()} to check`, cause: null, evidence };
  if (ctx.options.offline) {
    return {
      status: 'skip',
      summary: `${noun} from ${method.source} not checked (offline)`,
      cause: null,
      evidence: { ...evidence, onlineCheck: 'offline' },
    };
  }
  const online = await askAnthropic(ctx, credential, method.method === 'api-key' ? 'api-key' : 'oauth');
  const all = { ...evidence, ...online.evidence };
  switch (online.kind) {
    case 'accepted':
      return { status: 'ok', summary: `${noun} from ${method.source} accepted by Anthropic${online.note}`, cause: null, evidence: all };
    case 'rejected': {
      const consoleKey = method.method === 'api-key' && method.source.startsWith('primaryApiKey');
      const summary = method.method === 'api-key' ? 'Invalid API key' : `Anthropic rejected the token (HTTP ${online.status})`;
      const renew =
        method.method === 'oauth-token-env'
          ? ' Create a new one with `claude setup-token`, or unset it.'
          : consoleKey
            ? ' Sign in again with `claude auth login`.'
            : ' Replace it, or unset it.';
      const cause = `Anthropic rejected the ${noun.toLowerCase()} from ${method.source} (HTTP ${online.status}): ${online.reason}.${renew}`;
      const fixes: readonly FixId[] = consoleKey ? ['reauthenticate'] : (REJECTED_FIXES[method.method] ?? []);
      return { status: 'fail', summary, cause, fixes, evidence: all };
    }
    case 'inconclusive':
      return { status: 'unknown', summary: `${noun} not confirmed (${online.why})`, cause: online.cause, evidence: all };
  }
}

async function decide(ctx: ProbeInput): Promise<CheckOutcome> {
  const { method, settings } = await loadAuthFacts(ctx);
  const evidence: Evidence = { method: method.method, source: method.source, token: method.credential?.fingerprint ?? null };
  switch (method.method) {
    case 'bedrock':
    case 'vertex':
    case 'foundry':
      return { status: 'skip', summary: `Not checked: ${method.label} uses its cloud provider's credentials`, cause: null, evidence };
    case 'none':
      return { status: 'skip', summary: 'No token in effect (see Sign-in method)', cause: null, evidence };
    case 'api-key-helper':
      return {
        status: 'skip',
        summary: 'Not checked: the doctor does not run your apiKeyHelper',
        cause: `Claude Code gets its key by running the apiKeyHelper command in ${settings.shown}. That is a shell command, so the doctor does not run it; run it yourself to see that it prints a key.`,
        evidence: { ...evidence, apiKeyHelper: settings.apiKeyHelper ? redactCommandLine(settings.apiKeyHelper) : null },
      };
    case 'subscription':
      return checkSubscription(ctx, method, evidence);
    case 'api-key':
    case 'auth-token':
    case 'oauth-token-env':
      return checkFromSource(ctx, method, evidence);
  }
}

export const authTokenProbe: Probe = {
  id: 'auth.token',
  title: 'Token',
  offline: 'run',
  async run(ctx: ProbeInput): Promise<CheckOutcome> {
    const { method, snapshot } = await loadAuthFacts(ctx);
    return { ...(await decide(ctx)), facts: tokenFacts(method, snapshot) };
  },
};
