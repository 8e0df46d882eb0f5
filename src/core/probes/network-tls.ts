import type { EvidenceValue, ReportFacts, FixId, Status } from '../../shared/report.js';
import { callTimeoutMs } from './budget.js';
import type { CheckOutcome, Probe, ProbeInput } from './probe.js';
import { describeNetFailure } from '../io/net-failure.js';
import type { TlsResult } from '../io/ports.js';
import { proxyFromEnv } from '../network/proxy-env.js';
import { stripUrlCredentials } from '../redact/redact.js';
import { MAX_CA_BUNDLE_BYTES, PEM_CERTIFICATE_BEGIN } from '../network/ca-bundle.js';
import { isCleartextRemote, type Endpoint } from '../network/endpoints.js';
import { loadAuthFacts } from './auth-facts.js';

type Failure = Extract<TlsResult, { kind: 'failure' }>;

/** What is wrong with NODE_EXTRA_CA_CERTS, or null when it is unset or a readable PEM bundle. */
async function extraCaProblem(ctx: ProbeInput): Promise<{ path: string; problem: string } | null> {
  const path = ctx.env['NODE_EXTRA_CA_CERTS']?.trim();
  if (!path) return null;
  const read = await ctx.fs.readText(path, MAX_CA_BUNDLE_BYTES);
  const problem =
    read.kind === 'missing' || read.kind === 'dangling-link'
      ? 'does not exist'
      : read.kind === 'not-a-file'
        ? 'is not a file'
        : read.kind === 'unreadable'
          ? `cannot be read (${read.code})`
          : read.kind === 'too-large'
            ? `is too large to be a certificate bundle (${read.size} bytes)`
            : read.text.includes(PEM_CERTIFICATE_BEGIN)
              ? null
              : `holds no PEM certificate (${PEM_CERTIFICATE_BEGIN})`;
  return problem ? { path, problem } : null;
}

function failureOutcome(
  result: Failure,
  target: string,
  proxyNote: string,
  viaProxy: boolean,
): { status: Status; summary: string; cause: string; fixes: FixId[] } {
  const described = `${describeNetFailure(result.failure, target)}${proxyNote}`;
  switch (result.failure) {
    case 'tls-untrusted': {
      const by = result.issuer ? `issued by ${result.issuer}, which Node does not trust` : 'not issued by a CA that Node trusts';
      return {
        status: 'fail',
        summary: result.issuer
          ? `Certificate for ${target} issued by ${result.issuer} is not trusted`
          : `Certificate for ${target} is not trusted`,
        cause: `TLS inspection: the certificate is ${by}. A proxy or security product on this network re-signs HTTPS traffic; export its root certificate and point NODE_EXTRA_CA_CERTS at it.${proxyNote}`,
        // The proxy settings are worth a look only when there is a proxy.
        fixes: viaProxy ? ['trust-corporate-ca', 'fix-proxy'] : ['trust-corporate-ca'],
      };
    }
    case 'tls-expired':
      return {
        status: 'fail',
        summary: `Certificate for ${target} looks expired or not yet valid (${result.code})`,
        cause: `${described} When this machine's clock is wrong, every certificate looks expired or "not yet valid": check the clock first (see Clock). Otherwise something between this machine and the API (a proxy or security product) presents an old certificate.`,
        fixes: ['fix-clock', 'fix-proxy'],
      };
    case 'tls-hostname':
    case 'tls-other':
      return {
        status: 'fail',
        summary: `TLS handshake with ${target} failed (${result.code})`,
        cause: `${described}${result.issuer ? ` It was issued by ${result.issuer}.` : ''} Something between this machine and the API (a proxy or security product) may be answering in its place.`,
        fixes: ['fix-proxy'],
      };
    case 'refused':
    case 'timeout':
    case 'reset':
    case 'proxy':
      return { status: 'fail', summary: `No TLS connection to ${target} (${result.failure})`, cause: described, fixes: ['fix-proxy'] };
    case 'dns':
      return {
        status: 'unknown',
        summary: `${target} does not resolve; TLS not tested`,
        cause: `${described} See the name resolution check.`,
        fixes: ['fix-dns'],
      };
    default:
      return {
        status: 'unknown',
        summary: `TLS to ${target} could not be tested (${result.code})`,
        cause: `${described} ${result.message}`,
        fixes: [],
      };
  }
}

type Checked = { readonly outcome: CheckOutcome; readonly facts: ReportFacts; readonly host: string };

/** One handshake with one endpoint, judged. */
async function checkEndpoint(ctx: ProbeInput, api: Endpoint, caProblem: { path: string; problem: string } | null): Promise<Checked> {
  const extraCaCerts = ctx.env['NODE_EXTRA_CA_CERTS']?.trim() || null;
  const none: ReportFacts = { tls: { issuer: null, failure: null, extraCaCerts, extraCaProblem: caProblem?.problem ?? null } };
  if (api.error || !api.url || !api.host || api.port === null) {
    const outcome: CheckOutcome = {
      status: 'unknown',
      summary: 'The API address is not usable',
      cause: api.error ?? 'The API address could not be worked out.',
      evidence: { override: api.override },
    };
    return { outcome, facts: none, host: api.override ?? api.name };
  }
  if (isCleartextRemote(api)) {
    return {
      outcome: {
        status: 'warn',
        summary: `${api.override ?? 'The API address'} uses plain HTTP to ${api.host}: no TLS`,
        cause: `${api.url} is reached without encryption: the token or key Claude Code sends there can be read by anyone on the network path. Use an https:// address.`,
        evidence: { url: api.url, override: api.override },
      },
      facts: none,
      host: api.host,
    };
  }
  if (api.url.startsWith('http://')) {
    return {
      outcome: {
        status: 'skip',
        summary: `${api.override ?? api.host} uses plain HTTP; no TLS to check`,
        cause: null,
        evidence: { url: api.url, override: api.override },
      },
      facts: none,
      host: api.host,
    };
  }
  const { proxy, variable } = proxyFromEnv(ctx.env, api.url);
  const target = `${api.host}:${api.port}`;
  const result = await ctx.tls.handshake(api.host, api.port, callTimeoutMs(ctx), proxy);
  const evidence: Record<string, EvidenceValue> = {
    host: api.host,
    port: api.port,
    override: api.override,
    proxy: proxy ? stripUrlCredentials(proxy) : null,
    extraCaCerts,
    elapsedMs: Math.round(result.elapsedMs),
    ...(result.kind === 'ok'
      ? { protocol: result.protocol, issuer: result.issuer, subject: result.subject, validTo: result.validTo }
      : { failure: result.failure, code: result.code, issuer: result.issuer }),
  };
  const caCause = caProblem
    ? `NODE_EXTRA_CA_CERTS points at ${caProblem.path}, which ${caProblem.problem}; Node ignores it (with a warning) and trusts only its built-in CAs. Fix the path (an absolute path, no ~) or unset the variable.`
    : null;
  if (caProblem) evidence['extraCaProblem'] = caProblem.problem;
  const facts: ReportFacts = {
    tls: {
      issuer: result.issuer,
      failure: result.kind === 'ok' ? null : result.failure,
      extraCaCerts,
      extraCaProblem: caProblem?.problem ?? null,
    },
  };
  if (result.kind === 'ok') {
    const summary = `TLS OK with ${api.host} (${result.protocol}, issued by ${result.issuer})`;
    if (!caCause) return { outcome: { status: 'ok', summary, cause: null, evidence }, facts, host: api.host };
    // The handshake works here and now, but on the network that needs that CA it will not.
    return {
      outcome: {
        status: 'warn',
        summary: 'NODE_EXTRA_CA_CERTS points at a missing or unusable file',
        cause: caCause,
        fixes: ['trust-corporate-ca'],
        evidence,
      },
      facts,
      host: api.host,
    };
  }
  const proxyNote = proxy ? ` The connection went through the proxy ${stripUrlCredentials(proxy)} (${variable}).` : '';
  const outcome = failureOutcome(result, target, proxyNote, proxy !== null);
  if (!caCause) return { outcome: { ...outcome, evidence }, facts, host: api.host };
  return {
    outcome: {
      status: 'fail',
      summary: `NODE_EXTRA_CA_CERTS file unusable; ${outcome.summary}`,
      cause: `${caCause} ${outcome.cause}`,
      fixes: ['trust-corporate-ca', ...outcome.fixes.filter((fix) => fix !== 'trust-corporate-ca')],
      evidence,
    },
    facts,
    host: api.host,
  };
}

const RANK: Readonly<Record<Status, number>> = { fail: 0, warn: 1, unknown: 2, ok: 3, skip: 4 };

/**
 * network.tls: an HTTPS handshake succeeds with a chain Node trusts, with where inference goes
 * (ANTHROPIC_BASE_URL: a gateway) and, when a Claude login is in use and that is another host,
 * separately with the Anthropic API host Claude Code asks about the token.
 */
export const networkTlsProbe: Probe = {
  id: 'network.tls',
  title: 'TLS to the API',
  touches:
    'One TLS handshake (no HTTP request, no credentials) with the API host, and with a gateway in ANTHROPIC_BASE_URL when set; reads the NODE_EXTRA_CA_CERTS file.',
  offline: 'skip',
  async run(ctx: ProbeInput): Promise<CheckOutcome> {
    const { api, anthropic } = ctx.endpoints;
    const facts = await loadAuthFacts(ctx);
    const both =
      facts.method.checkAs === 'oauth' && anthropic.host !== null && `${api.host}:${api.port}` !== `${anthropic.host}:${anthropic.port}`;
    const caProblem = await extraCaProblem(ctx);
    const checked = await Promise.all((both ? [api, anthropic] : [api]).map((endpoint) => checkEndpoint(ctx, endpoint, caProblem)));
    const [first, second] = checked as [Checked, Checked | undefined];
    if (!second) return { ...first.outcome, facts: first.facts };
    const worst = RANK[second.outcome.status] < RANK[first.outcome.status] ? second : first;
    const other = worst === first ? second : first;
    const evidence = { gateway: first.outcome.evidence ?? {}, anthropic: second.outcome.evidence ?? {} };
    if (worst.outcome.status === 'ok') {
      return {
        status: 'ok',
        summary: `${first.outcome.summary}; ${second.outcome.summary.replace(/^TLS OK/, 'and')}`,
        cause: null,
        evidence,
        facts: first.facts,
      };
    }
    const note = ` (${other.host}: ${other.outcome.summary})`;
    return { ...worst.outcome, summary: `${worst.outcome.summary}${note}`, evidence, facts: worst.facts };
  },
};
