import type { EvidenceValue } from '../../shared/report.js';
import { maskEmail } from '../claude-code/claude-json.js';
import { describeNetFailure } from '../io/net-failure.js';
import { isCleartextRemote, type Endpoint } from '../network/endpoints.js';
import { proxyFromEnv } from '../network/proxy-env.js';
import { redactText, stripUrlCredentials, type Secret } from '../redact/redact.js';
import { callTimeoutMs } from './budget.js';
import type { ProbeInput } from './probe.js';

const MAX_BYTES = 256 * 1024;
const REASON_MAX = 200;
/** Claude Code gives its profile request 10 s. */
export const PROFILE_TIMEOUT_MS = 10_000;

type Evidence = Record<string, EvidenceValue>;

/** What the server said about a credential, or why it could not say. */
export type Online =
  | { readonly kind: 'accepted'; readonly note: string; readonly organizationType: string | null; readonly evidence: Evidence }
  | {
      readonly kind: 'rejected';
      readonly status: number;
      readonly reason: string;
      /** The error's machine-readable shape, when the body had one: "permission_error", "oauth_org_not_allowed"… */
      readonly errorType: string | null;
      readonly evidence: Evidence;
    }
  | { readonly kind: 'inconclusive'; readonly why: string; readonly cause: string; readonly evidence: Evidence };

interface ErrorBody {
  readonly reason: string | null;
  readonly type: string | null;
}

function errorBody(body: string): ErrorBody {
  try {
    const root = JSON.parse(body) as { error?: { type?: unknown; message?: unknown; details?: { error_code?: unknown } } };
    const error = root.error;
    const parts = [error?.type, error?.message].filter((p): p is string => typeof p === 'string' && p !== '');
    const code = error?.details?.error_code;
    return {
      reason: parts.length > 0 ? redactText(parts.join(': ')).slice(0, REASON_MAX) : null,
      type: typeof code === 'string' ? code : typeof error?.type === 'string' ? error.type : null,
    };
  } catch {
    return { reason: null, type: null };
  }
}

function profileOf(body: string): { evidence: Evidence; organizationType: string | null } {
  try {
    const profile = JSON.parse(body) as { account?: { email?: unknown }; organization?: { organization_type?: unknown } };
    const email = profile.account?.email;
    const orgType = profile.organization?.organization_type;
    const organizationType = typeof orgType === 'string' ? redactText(orgType).slice(0, 40) : null;
    return { evidence: { accountEmail: typeof email === 'string' ? maskEmail(email) : null, organizationType }, organizationType };
  } catch {
    return { evidence: {}, organizationType: null };
  }
}

export type CheckAs = 'oauth' | 'api-key' | 'bearer';

/**
 * Asks the server whether it accepts the credential, the way Claude Code would use it: an OAuth
 * token on `GET /api/oauth/profile` of the Anthropic API host (no beta header, as Claude Code asks
 * it; 10 s at most), an API key or a gateway's bearer on `GET /v1/models` of where inference goes.
 * One request; nothing is refreshed.
 */
export async function askServer(ctx: ProbeInput, secret: Secret, as: CheckAs, endpoint: Endpoint): Promise<Online> {
  const variable = endpoint.override ?? (endpoint.name === 'anthropic' ? 'CLAUDE_AUTH_DOCTOR_API_URL' : 'ANTHROPIC_BASE_URL');
  if (endpoint.error || !endpoint.url) {
    return {
      kind: 'inconclusive',
      why: `${variable} is not usable`,
      cause: endpoint.error ?? `${variable} could not be read.`,
      evidence: { variable },
    };
  }
  const url = `${endpoint.url}${as === 'oauth' ? '/api/oauth/profile' : '/v1/models'}`;
  if (isCleartextRemote(endpoint)) {
    const what = as === 'api-key' ? 'key' : 'token';
    return {
      kind: 'inconclusive',
      why: 'not sent over plain HTTP',
      cause: `${variable} is ${endpoint.url}, plain HTTP to another machine: the doctor does not send your ${what} there, where anyone on the way can read it. Claude Code would send it in the clear: use an https:// address (or unset ${variable}).`,
      evidence: { url, onlineCheck: 'not sent: plain http' },
    };
  }
  const headers: Record<string, string> =
    as === 'api-key'
      ? { 'x-api-key': secret.reveal(), 'anthropic-version': '2023-06-01', accept: 'application/json' }
      : as === 'bearer'
        ? { authorization: `Bearer ${secret.reveal()}`, 'anthropic-version': '2023-06-01', accept: 'application/json' }
        : {
            authorization: `Bearer ${secret.reveal()}`,
            'content-type': 'application/json',
            'cache-control': 'no-cache',
            accept: 'application/json',
          };
  const { proxy } = proxyFromEnv(ctx.env, url);
  const timeoutMs = Math.min(PROFILE_TIMEOUT_MS, callTimeoutMs(ctx));
  const result = await ctx.http.request({ url, method: 'GET', headers, timeoutMs, maxBytes: MAX_BYTES, proxy });
  const base: Evidence = { url, proxy: proxy ? stripUrlCredentials(proxy) : null, elapsedMs: Math.round(result.elapsedMs) };
  const target = endpoint.host ?? url;

  if (result.kind === 'failure') {
    const evidence = { ...base, onlineCheck: `failure ${result.failure}`, code: result.code };
    return {
      kind: 'inconclusive',
      why: `could not reach ${target}`,
      cause: `${describeNetFailure(result.failure, target)} The network checks say more about this connection.`,
      evidence,
    };
  }
  const evidence = { ...base, httpStatus: result.status, onlineCheck: `http ${result.status}` };
  const { reason, type } = errorBody(result.body);
  if (result.status === 200) {
    const profile = as === 'oauth' ? profileOf(result.body) : { evidence: {}, organizationType: null };
    return { kind: 'accepted', note: '', organizationType: profile.organizationType, evidence: { ...evidence, ...profile.evidence } };
  }
  // A setup-token token may only run inference: the profile refuses it for scope, which proves it authenticated.
  if (as === 'oauth' && result.status === 403 && reason && /scope/i.test(reason) && !/not allowed for this organization/i.test(reason)) {
    return {
      kind: 'accepted',
      note: ' (it may not read the profile)',
      organizationType: null,
      evidence: { ...evidence, serverReason: reason },
    };
  }
  if (result.status === 401 || result.status === 403) {
    return {
      kind: 'rejected',
      status: result.status,
      reason: reason ?? `HTTP ${result.status}`,
      errorType: type,
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
  const hint =
    endpoint.override === 'ANTHROPIC_BASE_URL'
      ? ` ANTHROPIC_BASE_URL points at ${endpoint.url}; check that it is an Anthropic-compatible API.`
      : '';
  const cause = `${url} answered HTTP ${result.status}${reason ? ` (${reason})` : ''}, which neither confirms nor rejects the credential.${result.status >= 429 ? ' Try again in a few minutes.' : hint}`;
  return { kind: 'inconclusive', why: `${busy}: HTTP ${result.status}`, cause, evidence: { ...evidence, serverReason: reason } };
}

/** A refusal that is organisation policy or the account, not a broken login: who can fix it, and how. */
export interface PolicyRefusal {
  readonly summary: string;
  readonly cause: string;
  readonly fixes: readonly ('verify-account' | 'contact-admin' | 'use-api-key' | 'unset-conflicting-env')[];
}

/** Claude Code's mapping of 401/403 bodies that signing in again does not fix (its `irs` mapper). */
export function policyRefusal(reason: string, errorType: string | null, subscription: string | null, as: CheckAs): PolicyRefusal | null {
  if (errorType === 'oauth_org_not_allowed' || /OAuth authentication is currently not allowed for this organization/i.test(reason)) {
    if (subscription === 'pro' || subscription === 'max') {
      return {
        summary: "Claude Code can't use your Claude subscription, usually because a payment is past due",
        cause:
          'Anthropic refuses this subscription login for Claude Code (oauth_org_not_allowed), which for Pro and Max plans usually means a payment is past due. Pay or renew at https://claude.ai/settings/billing (if you just paid, try again shortly), or use an Anthropic API key instead. Signing in again will not help.',
        fixes: ['verify-account', 'use-api-key'],
      };
    }
    return {
      summary: 'Your organization has disabled Claude subscription access for Claude Code',
      cause:
        "Your organization's policy does not allow Claude Code to use subscription logins (oauth_org_not_allowed). Ask your organization's admin to enable access, or use an Anthropic API key instead. Signing in again will not help.",
      fixes: ['contact-admin', 'use-api-key'],
    };
  }
  if (/disabled API key authentication/i.test(reason) && as === 'api-key') {
    return {
      summary: 'Your organization has disabled API key authentication',
      cause:
        'The organization this API key belongs to does not allow API keys for Claude Code. Unset the key and sign in with your claude.ai account, or ask your admin.',
      fixes: ['unset-conflicting-env', 'contact-admin'],
    };
  }
  if (/account (is )?on hold|account_on_hold/i.test(reason)) {
    return {
      summary: "Your account is on hold and can't use Claude Code",
      cause:
        'Anthropic has put the account on hold. View details or appeal at https://claude.ai/restricted; signing in again will not help.',
      fixes: ['verify-account'],
    };
  }
  if (/disabled organization|organization (has been|is) disabled/i.test(reason)) {
    return {
      summary: 'The credential belongs to a disabled organization',
      cause: 'The organization behind this credential is disabled. Use a credential of another organization, or ask your admin.',
      fixes: ['contact-admin', 'unset-conflicting-env'],
    };
  }
  return null;
}
